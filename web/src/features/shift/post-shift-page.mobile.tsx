import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Dialog, Input, NoticeBar, Popup, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { AddOutline, CheckCircleOutline, CloseCircleOutline, ExclamationCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomerOpinion, PostKind } from '@anchang/contracts';
import { Checklist } from './checklist.mobile';
import { ChecklistProgressText } from './checklist-progress-text.mobile';
import type { OutboxItem } from '../../shared/offline/outbox';
import type { OpinionOp, RequisitionOp } from './outbox-kinds';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { useSentOpinions } from './sent-opinions';
import { ShiftSubPage, type ShiftContext } from './shift-subpage.mobile';
import { itemsOfPhase, progressOf } from './shift-rules';
import { useMyRequisitions } from './use-shift';
import { useShiftActions, type RequisitionLineInput, type ShiftActions } from './use-shift-actions';
import { SupplyItemChips } from '../supplies/supply-item-chips.mobile';
import { useClosingDay } from '../model-room-inventory/use-model-rooms';
import styles from './shift.mobile.module.css';

/** Posts that serve visitors stay until the guests have left (HALL-POST-4, PARK-POST-4 …), as the server rules. */
const SERVICE_POSTS: ReadonlySet<PostKind> = new Set<PostKind>(['HALL', 'BAR', 'PARK', 'GUARD', 'SHUTTLE', 'MODEL', 'MODELSVC']);
const CLOCK_OUT_WAIT_MS = 10_000;
type OpinionCategory = CustomerOpinion['category'];
const OPINION_CATEGORIES: readonly OpinionCategory[] = ['opinion', 'suggestion', 'problem'];

/** 下班: the post-shift checklist, the supply requisition, customer opinions, the debrief, 签退. */
export function PostShiftPage() {
  const { t } = useTranslation();
  return (
    <ShiftSubPage
      title={t('shiftPhone.sections.post')}
      right={({ current }) => {
        if (!current.standard) return null;
        return (
          <ChecklistProgressText progress={progressOf(itemsOfPhase(current.standard.items, 'POST'), current.results)} testId="checklist-progress" />
        );
      }}
    >
      {(ctx) => <PostShift {...ctx} />}
    </ShiftSubPage>
  );
}

function PostShift({ site, me, current }: ShiftContext) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const actions = useShiftActions(site.id, me.id);
  const shift = current.shift!;
  const closing = current.phase === 'closing';
  const [debrief, setDebrief] = useState<boolean | null>(shift.debriefAttended);
  const [clockingOut, setClockingOut] = useState(false);
  const guests = current.guestsOnSite ?? 0;
  const failed = current.failedClockOut;
  const guestsRefusal = failed?.error?.code === 'GUESTS_STILL_ON_SITE' ? failed : undefined;
  // GUARD-IN-11: the concierge's clock-out warns while the model room is not confirmed closed (it does not refuse).
  const isConcierge = shift.postKind === 'GUARD';
  const closingDay = useClosingDay(site.id, isConcierge);
  const openSwitches = isConcierge ? (closingDay.data?.switches ?? []).filter((s) => !s.confirmation) : [];
  const closingWarning = openSwitches.length
    ? t('modelRooms.closing.clockOutWarning', {
        count: openSwitches.length,
        names: openSwitches.map((s) => t(`modelRooms.closing.switches.${s.switch}`)).join(t('common.listSeparator')),
      })
    : null;

  const clockOut = async (leaveReason?: string) => {
    if (debrief === null) {
      Toast.show({ content: t('shiftPhone.post.debriefRequired') });
      document.getElementById('debrief')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    if (!leaveReason) {
      const post = current.standard ? progressOf(itemsOfPhase(current.standard.items, 'POST'), current.results) : null;
      const unfinished = post ? post.total - post.done : 0;
      const confirmed = await Dialog.confirm({
        title: t('shiftPhone.post.clockOutConfirm'),
        content:
          unfinished > 0 || closingWarning ? (
            <>
              {unfinished > 0 ? <p>{t('shiftPhone.post.clockOutUnfinished', { count: unfinished })}</p> : null}
              {closingWarning ? <p data-testid="clock-out-closing-warning">{closingWarning}</p> : null}
            </>
          ) : undefined,
        confirmText: t('shiftPhone.post.clockOut'),
        cancelText: t('common.cancel'),
      });
      if (!confirmed) return;
    }
    setClockingOut(true);
    try {
      if (failed) await actions.discard(failed.key); // this clock-out replaces the refused one
      const key = await actions.clockOut(shift.id, { debriefAttended: debrief, ...(leaveReason ? { leaveReason } : {}) });
      if (!navigator.onLine) {
        Toast.show({ icon: 'success', content: t('shiftPhone.post.clockedOutWaiting') });
        void navigate('/shift', { replace: true });
        return;
      }
      const outcome = await Promise.race([
        actions.waitForOutcome(key),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), CLOCK_OUT_WAIT_MS)),
      ]);
      if (outcome === null || outcome.sent) {
        Toast.show({ icon: 'success', content: outcome ? t('shiftPhone.post.clockedOut') : t('shiftPhone.post.clockedOutWaiting') });
        void navigate('/shift', { replace: true });
      } else if (outcome.error.code !== 'GUESTS_STILL_ON_SITE') {
        Toast.show({ icon: 'fail', content: describeOutboxError(outcome.error) });
      }
      // GUESTS_STILL_ON_SITE: the refused clock-out stays, and the sheet below asks what to do.
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setClockingOut(false);
    }
  };

  if (closing) {
    return (
      <div className={styles.body}>
        <Card className={styles.card} data-testid="clock-out-waiting">
          <div className={styles.doneCard}>
            <CheckCircleOutline className={styles.doneIcon} style={{ color: '#e07700' }} />
            <div className={styles.doneTitle}>{t('shiftPhone.post.closingTitle')}</div>
            <p className={styles.muted}>{t('shiftPhone.post.closingHint')}</p>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className={styles.body}>
      <h2 className={styles.sectionTitle}>{t('shiftPhone.post.checklist')}</h2>
      <Checklist
        siteId={site.id}
        timeZone={site.timeZone}
        shiftId={shift.id}
        phase="POST"
        standard={current.standard}
        isStandardLoading={current.isStandardLoading}
        results={current.results}
        outbox={current.outbox}
        actions={actions}
      />

      <RequisitionForm siteId={site.id} shiftId={shift.id} outbox={current.outbox} actions={actions} />
      <OpinionsForm personId={me.id} shiftId={shift.id} outbox={current.outbox} actions={actions} />

      <h2 className={styles.sectionTitle} id="debrief">
        {t('shiftPhone.post.debrief')}
      </h2>
      <Card className={styles.card}>
        <div className={styles.fieldLabel}>{t('shiftPhone.post.debriefQuestion')}</div>
        <Selector
          columns={2}
          options={[
            { label: t('shiftPhone.post.debriefYes'), value: 'yes' },
            { label: t('shiftPhone.post.debriefNo'), value: 'no' },
          ]}
          value={debrief === null ? [] : [debrief ? 'yes' : 'no']}
          onChange={(values) => setDebrief(values[0] === undefined ? null : values[0] === 'yes')}
          data-testid="debrief"
        />
      </Card>

      {closingWarning ? (
        <NoticeBar
          color="alert"
          wrap
          content={closingWarning}
          extra={
            <a onClick={() => void navigate('/model-room-closing')} data-testid="closing-notice-open">
              {t('modelRooms.closing.openRoutine')}
            </a>
          }
          data-testid="closing-notice"
        />
      ) : null}
      {guests > 0 && SERVICE_POSTS.has(shift.postKind) ? (
        <NoticeBar color="alert" wrap content={t('shiftPhone.post.guestsHint', { count: guests })} />
      ) : null}
      {failed?.error && !guestsRefusal ? (
        <Card className={`${styles.card} ${styles.failedCard}`}>
          <div className={styles.failedTitle}>
            <ExclamationCircleFill /> {describeOutboxError(failed.error)}
          </div>
        </Card>
      ) : null}

      <div className={styles.clockOutBar}>
        <Button
          block
          color="danger"
          className={styles.bigButton}
          loading={clockingOut}
          loadingText={t('shiftPhone.post.clockingOut')}
          onClick={() => void clockOut()}
        >
          {t('shiftPhone.post.clockOut')}
        </Button>
      </div>

      <GuestsSheet
        refusal={guestsRefusal}
        busy={clockingOut}
        onWait={() => guestsRefusal && void actions.discard(guestsRefusal.key)}
        onLeave={(reason) => void clockOut(reason)}
      />
    </div>
  );
}

/** 还有 N 位客人在场: wait for them, or leave anyway with a stated reason. */
function GuestsSheet({
  refusal,
  busy,
  onWait,
  onLeave,
}: {
  refusal: OutboxItem | undefined;
  busy: boolean;
  onWait: () => void;
  onLeave: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const count = Number(refusal?.error?.params.guests ?? 0);
  const close = () => {
    setAsking(false);
    setReason('');
    setTouched(false);
  };
  return (
    <Popup visible={!!refusal} onMaskClick={onWait} bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }} destroyOnClose>
      <div className={styles.sheet} data-testid="guests-sheet">
        <div className={styles.sheetTitle}>{t('shiftPhone.post.guestsWaitTitle')}</div>
        <NoticeBar color="alert" wrap content={t('shiftPhone.post.guestsStillOnSite', { count })} />
        {asking ? (
          <div className={styles.formStack} style={{ marginTop: 12 }}>
            <div className={`${styles.fieldLabel} ${styles.required}`}>{t('shiftPhone.post.leaveReason')}</div>
            <TextArea
              className={styles.textArea}
              placeholder={t('shiftPhone.post.leaveReasonPlaceholder')}
              value={reason}
              onChange={setReason}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={300}
            />
            {touched && !reason.trim() ? <div className={styles.problem}>{t('shiftPhone.post.leaveReasonRequired')}</div> : null}
            <div className={styles.editorButtons}>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                color="danger"
                loading={busy}
                onClick={() => {
                  setTouched(true);
                  if (reason.trim()) onLeave(reason.trim());
                }}
              >
                {t('shiftPhone.post.clockOut')}
              </Button>
            </div>
          </div>
        ) : (
          <div className={styles.formStack} style={{ marginTop: 12 }}>
            <Button
              block
              color="primary"
              size="large"
              onClick={() => {
                close();
                onWait();
              }}
            >
              {t('shiftPhone.post.waitForGuests')}
            </Button>
            <Button block fill="none" color="danger" onClick={() => setAsking(true)}>
              {t('shiftPhone.post.leaveAnyway')}
            </Button>
          </div>
        )}
      </div>
    </Popup>
  );
}

const describeLines = (lines: RequisitionLineInput[], t: TFunction) =>
  lines.map((l) => t('shiftPhone.post.line', { name: l.name, quantity: l.quantity, unit: l.unit })).join(t('common.listSeparator'));

const emptyLine = (): RequisitionLineInput => ({ name: '', quantity: 1, unit: '' });

/** 物资领用申请表: lines of name, quantity, unit; the manager approves. */
function RequisitionForm({
  siteId,
  shiftId,
  outbox,
  actions,
}: {
  siteId: string;
  shiftId: string;
  outbox: readonly OutboxItem[];
  actions: ShiftActions;
}) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<RequisitionLineInput[]>([emptyLine()]);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const requisitions = useMyRequisitions(siteId);
  const valid = lines.every((l) => l.name.trim() && l.unit.trim() && l.quantity >= 1);
  const waiting = outbox.filter((i): i is OutboxItem & { op: RequisitionOp } => i.op.kind === 'requisition' && i.op.body.shiftId === shiftId);
  const sent = (requisitions.data?.items ?? []).filter((r) => r.shiftId === shiftId && !waiting.some((w) => w.key === r.id));

  const submit = async () => {
    setTouched(true);
    if (!valid) return;
    setSaving(true);
    try {
      await actions.submitRequisition(shiftId, lines, note);
      setLines([emptyLine()]);
      setNote('');
      setTouched(false);
      Toast.show({ icon: 'success', content: t('shiftPhone.post.requisitionSubmitted') });
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setSaving(false);
    }
  };
  const update = (index: number, patch: Partial<RequisitionLineInput>) => setLines((ls) => ls.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  return (
    <>
      <h2 className={styles.sectionTitle}>{t('shiftPhone.post.requisition')}</h2>
      <p className={styles.sectionHint}>{t('shiftPhone.post.requisitionHint')}</p>
      <Card className={styles.card} data-testid="requisition-form">
        <div className={styles.formStack}>
          <SupplyItemChips
            siteId={siteId}
            onPick={(item) =>
              setLines((ls) => {
                const line = { name: item.nameZh, quantity: 1, unit: item.unit, itemId: item.id };
                const blank = ls.findIndex((l) => !l.name.trim());
                return blank >= 0 ? ls.map((l, i) => (i === blank ? line : l)) : [...ls, line];
              })
            }
          />
          <div className={`${styles.formRow} ${styles.formRowHead}`}>
            <span>{t('shiftPhone.post.itemName')}</span>
            <span>{t('shiftPhone.post.quantity')}</span>
            <span>{t('shiftPhone.post.unit')}</span>
            <span />
          </div>
          {lines.map((line, index) => (
            <div className={styles.formRow} key={index} data-testid="requisition-line">
              <Input
                className={styles.input}
                placeholder={t('shiftPhone.post.itemNamePlaceholder')}
                value={line.name}
                maxLength={60}
                onChange={(name) => update(index, { name, itemId: undefined })}
                aria-label={t('shiftPhone.post.itemName')}
              />
              <LabelledStepper
                label={t('shiftPhone.post.quantity')}
                className={styles.stepper}
                min={1}
                max={10000}
                digits={0}
                value={line.quantity}
                onChange={(quantity) => update(index, { quantity: quantity ?? 1 })}
              />
              <Input
                className={styles.input}
                placeholder={t('shiftPhone.post.unitPlaceholder')}
                value={line.unit}
                maxLength={10}
                onChange={(unit) => update(index, { unit })}
                aria-label={t('shiftPhone.post.unit')}
              />
              <button
                type="button"
                className={styles.iconButton}
                aria-label={t('shiftPhone.post.removeLine')}
                disabled={lines.length === 1}
                style={lines.length === 1 ? { visibility: 'hidden' } : undefined}
                onClick={() => setLines((ls) => ls.filter((_, i) => i !== index))}
              >
                <CloseCircleOutline />
              </button>
            </div>
          ))}
          <Button size="small" color="primary" fill="none" onClick={() => setLines((ls) => [...ls, emptyLine()])} disabled={lines.length >= 30}>
            <AddOutline /> {t('shiftPhone.post.addLine')}
          </Button>
          <TextArea
            className={styles.textArea}
            placeholder={t('shiftPhone.post.requisitionNote')}
            value={note}
            onChange={setNote}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
          />
          {touched && !valid ? <div className={styles.problem}>{t('shiftPhone.post.requisitionInvalid')}</div> : null}
          <Button color="primary" onClick={() => void submit()} loading={saving}>
            {t('shiftPhone.post.submitRequisition')}
          </Button>
        </div>
        {waiting.length || sent.length ? (
          <div className={styles.sentList}>
            <div className={styles.fieldLabel}>{t('shiftPhone.post.requisitionsOfShift')}</div>
            {waiting.map((item) => (
              <div className={styles.sentRow} key={item.key} data-testid="requisition-sent">
                <span className={styles.sentText}>{describeLines(item.op.body.lines, t)}</span>
                <Tag color={item.state === 'failed' ? 'danger' : 'warning'} fill="outline">
                  {t(`shiftPhone.post.requisitionStatus.${item.state === 'failed' ? 'failed' : 'waiting'}`)}
                </Tag>
              </div>
            ))}
            {sent.map((r) => (
              <div className={styles.sentRow} key={r.id} data-testid="requisition-sent">
                <span className={styles.sentText}>
                  {describeLines(r.lines, t)}
                  {r.decisionNote ? <span className={styles.muted}> · {r.decisionNote}</span> : null}
                </span>
                <Tag color={r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'danger' : 'primary'} fill="outline">
                  {t(`shiftPhone.post.requisitionStatus.${r.status}`)}
                </Tag>
              </div>
            ))}
          </div>
        ) : null}
      </Card>
    </>
  );
}

/** 客户意见: what customers said during the shift, several per shift. */
function OpinionsForm({
  personId,
  shiftId,
  outbox,
  actions,
}: {
  personId: string;
  shiftId: string;
  outbox: readonly OutboxItem[];
  actions: ShiftActions;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<OpinionCategory>('opinion');
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const sentAll = useSentOpinions(personId);
  const waiting = outbox.filter((i): i is OutboxItem & { op: OpinionOp } => i.op.kind === 'opinion' && i.op.body.shiftId === shiftId);
  const sent = sentAll.filter((o) => o.shiftId === shiftId && !waiting.some((w) => w.key === o.id));
  const rows: { id: string; category: OpinionCategory; text: string; state: 'waiting' | 'failed' | 'sent'; error: OutboxItem['error'] }[] = [
    ...waiting.map((w) => ({ id: w.key, category: w.op.body.category, text: w.op.body.text, state: w.state, error: w.error })),
    ...sent.map((o) => ({ id: o.id, category: o.category, text: o.text, state: 'sent' as const, error: null })),
  ];

  const add = async () => {
    if (!text.trim()) return;
    setSaving(true);
    try {
      await actions.addOpinion(shiftId, category, text);
      setText('');
      Toast.show({ icon: 'success', content: t('shiftPhone.post.opinionAdded') });
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <h2 className={styles.sectionTitle}>{t('shiftPhone.post.opinions')}</h2>
      <p className={styles.sectionHint}>{t('shiftPhone.post.opinionsHint')}</p>
      <Card className={styles.card} data-testid="opinions-form">
        <div className={styles.formStack}>
          <Selector
            columns={3}
            options={OPINION_CATEGORIES.map((c) => ({ label: t(`shiftPhone.post.opinionCategories.${c}`), value: c }))}
            value={[category]}
            onChange={(values) => values[0] && setCategory(values[0])}
          />
          <TextArea
            className={styles.textArea}
            placeholder={t('shiftPhone.post.opinionPlaceholder')}
            value={text}
            onChange={setText}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
          />
          <Button color="primary" fill="outline" onClick={() => void add()} disabled={!text.trim()} loading={saving}>
            <AddOutline /> {t('shiftPhone.post.addOpinion')}
          </Button>
        </div>
        {rows.length ? (
          <div className={styles.sentList}>
            <div className={styles.fieldLabel}>{t('shiftPhone.post.opinionsOfShift', { count: rows.length })}</div>
            {rows.map((row) => (
              <div className={styles.sentRow} key={row.id} data-testid="opinion-row">
                <span className={styles.sentText}>
                  <Tag fill="outline" style={{ marginRight: 6 }}>
                    {t(`shiftPhone.post.opinionCategories.${row.category}`)}
                  </Tag>
                  {row.text}
                  {row.error ? <div className={styles.itemError}>{describeOutboxError(row.error)}</div> : null}
                </span>
                {row.state === 'sent' ? null : (
                  <Tag color={row.state === 'failed' ? 'danger' : 'warning'} fill="outline">
                    {t(`shiftPhone.status.${row.state}`)}
                  </Tag>
                )}
              </div>
            ))}
          </div>
        ) : null}
      </Card>
    </>
  );
}
