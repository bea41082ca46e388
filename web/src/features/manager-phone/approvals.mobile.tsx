import { useMemo, useState } from 'react';
import { Button, Dialog, InfiniteScroll, Popup, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { MeSite, Requisition } from '@anchang/contracts';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useDecideRequisition, useRequisitions } from '../forms/use-requisitions';
import { flattenPages } from '../notices/use-notifications';
import { LoadState, ManagerPage } from './manager-page.mobile';
import styles from './manager-phone.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

type Decision = { requisition: Requisition; decision: 'approved' | 'rejected' };

/**
 * 物资审批: the requisitions staff filed at the end of their shift, waiting for the manager. The
 * supervisor follows them here; only the site manager decides (as the server's policy says).
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  return (
    <ManagerPage title={t('managerPhone.approvals.title')} testId="manager-approvals">
      {(site) => <Approvals site={site} />}
    </ManagerPage>
  );
}

function Approvals({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const list = useRequisitions(site.id, 'pending');
  const rows = useMemo(() => flattenPages(list.data), [list.data]);
  const decider = canManageSite(site.role);
  const [deciding, setDeciding] = useState<Decision | null>(null);

  return (
    <>
      {decider ? null : <p className={styles.notice}>{t('managerPhone.approvals.readOnly')}</p>}
      <LoadState
        query={list}
        hasData={!!list.data}
        isEmpty={rows.length === 0}
        empty={
          <PhoneState
            status="empty"
            title={t('consoleShifts.requisitions.empty.pending')}
            description={t('consoleShifts.requisitions.emptyHint')}
            data-testid="manager-approvals-empty"
          />
        }
      >
        <PhonePullToRefresh onRefresh={() => list.refetch()}>
          <div className={styles.list}>
            {rows.map((r) => (
              <article key={r.id} className={styles.card} data-testid="manager-requisition" data-requisition-id={r.id}>
                <div className={styles.cardHead}>
                  <span className={styles.cardTitle}>{r.requestedByName}</span>
                  <time className={styles.muted} dateTime={new Date(r.createdAt).toISOString()} title={formatDateTime(r.createdAt, site.timeZone)}>
                    {formatRelative(r.createdAt)}
                  </time>
                </div>
                <span className={styles.muted}>{r.postName ?? t('consoleShifts.requisitions.noPost')}</span>
                <ul className={styles.cardText} style={{ paddingInlineStart: 18, margin: 0 }}>
                  {r.lines.map((line, i) => (
                    <li key={i}>
                      {line.name} × <strong>{line.quantity}</strong> {line.unit}
                    </li>
                  ))}
                </ul>
                {r.note ? <p className={styles.muted}>{t('consoleShifts.requisitions.noteLine', { note: r.note })}</p> : null}
                {decider ? (
                  <div className={styles.actions}>
                    <Button
                      color="primary"
                      onClick={() => setDeciding({ requisition: r, decision: 'approved' })}
                      data-testid="manager-requisition-approve"
                    >
                      {t('consoleShifts.requisitions.approve')}
                    </Button>
                    <Button
                      color="danger"
                      fill="outline"
                      onClick={() => setDeciding({ requisition: r, decision: 'rejected' })}
                      data-testid="manager-requisition-reject"
                    >
                      {t('consoleShifts.requisitions.reject')}
                    </Button>
                  </div>
                ) : null}
              </article>
            ))}
            <InfiniteScroll hasMore={!!list.hasNextPage} loadMore={async () => void (await list.fetchNextPage())}>
              {list.hasNextPage ? t('common.loading') : t('common.noMore')}
            </InfiniteScroll>
          </div>
        </PhonePullToRefresh>
      </LoadState>
      {decider ? <DecideSheet siteId={site.id} deciding={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}

/** Approve (a note if wanted) or reject (a reason required, as in the console). */
function DecideSheet({ siteId, deciding, onClose }: { siteId: string; deciding: Decision | null; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideRequisition(siteId);
  const [note, setNote] = useState('');
  const [shownFor, setShownFor] = useState<Decision | null>(null);
  if (deciding !== shownFor) {
    setShownFor(deciding);
    setNote('');
  }
  const approving = deciding?.decision === 'approved';

  const submit = async () => {
    if (!deciding) return;
    if (!approving && !note.trim()) return void Toast.show({ content: t('consoleShifts.requisitions.rejectReasonRequired') });
    try {
      await decide.mutateAsync({
        id: deciding.requisition.id,
        input: { decision: deciding.decision, ...(note.trim() ? { note: note.trim() } : {}) },
      });
      Toast.show({ icon: 'success', content: approving ? t('consoleShifts.requisitions.approved') : t('consoleShifts.requisitions.rejected') });
      onClose();
    } catch (error) {
      // Decided meanwhile by another manager: say so, the list already shows it gone.
      if (isApiError(error, 'REQUISITION_ALREADY_DECIDED')) onClose();
      await Dialog.alert({ content: describeError(error), confirmText: t('common.confirm') });
    }
  };

  return (
    <Popup visible={!!deciding} onMaskClick={onClose} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}>
      {deciding ? (
        <div className={styles.sheet} data-testid="manager-requisition-sheet">
          <h3 className={styles.sheetTitle}>
            {approving ? t('consoleShifts.requisitions.approveTitle') : t('consoleShifts.requisitions.rejectTitle')}
          </h3>
          <p className={styles.muted}>
            {deciding.requisition.requestedByName} ·{' '}
            {deciding.requisition.lines.map((l) => `${l.name} × ${l.quantity} ${l.unit}`).join(t('common.listSeparator'))}
          </p>
          <div className={styles.field}>
            <TextArea
              value={note}
              onChange={setNote}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={500}
              aria-label={approving ? t('managerPhone.approvals.approveNote') : t('managerPhone.approvals.rejectReason')}
              placeholder={approving ? t('consoleShifts.requisitions.approveNotePlaceholder') : t('consoleShifts.requisitions.rejectNotePlaceholder')}
            />
          </div>
          <Button
            block
            size="large"
            color={approving ? 'primary' : 'danger'}
            loading={decide.isPending}
            onClick={() => void submit()}
            data-testid="manager-requisition-confirm"
          >
            {approving ? t('consoleShifts.requisitions.approve') : t('consoleShifts.requisitions.reject')}
          </Button>
        </div>
      ) : null}
    </Popup>
  );
}
