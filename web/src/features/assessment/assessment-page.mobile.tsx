import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Popup, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Assessment, MeSite } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { assessmentApi, useAssessmentWrite, useMyAssessments } from './assessment-api';
import styles from './assessment.mobile.module.css';

const OUTCOME_COLORS = { pass: 'success', fail: 'danger', no_duty: 'default' } as const;

/** 我的考核: the person's own months, each line with its figures, the total, pass or fail, and the appeal. */
export function MyAssessmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('assessment.mineTitle')} onBack={() => void navigate('/')} roomBelow>
      {site ? <MyMonths site={site} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

function MyMonths({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const mine = useMyAssessments(site.id);
  const [appealing, setAppealing] = useState<Assessment | null>(null);
  if (mine.isPending) return <MobileSpinner />;
  if (mine.isError)
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(mine.error)}>
        <Button color="primary" onClick={() => void mine.refetch()}>
          {t('common.retry')}
        </Button>
      </PhoneState>
    );
  return (
    <PhonePullToRefresh onRefresh={() => mine.refetch()}>
      <div className={styles.body} data-testid="my-assessment">
        {mine.data.length === 0 ? <PhoneState status="empty" title={t('assessment.mineEmpty')} description={t('assessment.mineEmptyHint')} /> : null}
        {mine.data.map((a) => (
          <MonthCard key={a.id} assessment={a} onAppeal={() => setAppealing(a)} />
        ))}
      </div>
      {appealing ? <AppealSheet site={site} assessment={appealing} onClose={() => setAppealing(null)} /> : null}
    </PhonePullToRefresh>
  );
}

function MonthCard({ assessment: a, onAppeal }: { assessment: Assessment; onAppeal: () => void }) {
  const { t } = useTranslation();
  return (
    <section className={styles.card} data-testid="assessment-month-card">
      <header className={styles.head}>
        <div>
          <div className={styles.month}>{a.month}</div>
          <div className={styles.meta}>
            {t(`assessment.statuses.${a.status}`)} · {t('assessment.passMark', { mark: a.passMark })}
          </div>
        </div>
        <div className={styles.score}>
          <span className={styles.total} data-testid="assessment-total">
            {a.total}
          </span>
          <Tag color={OUTCOME_COLORS[a.outcome]} className={styles.outcome}>
            {t(`assessment.outcomes.${a.outcome}`)}
          </Tag>
        </div>
      </header>
      {a.status !== 'signed' ? <p className={styles.hint}>{t('assessment.draftHint')}</p> : null}
      <ul className={styles.lines}>
        {a.lines
          .filter((l) => l.weight > 0)
          .map((l) => (
            <li key={l.key} className={styles.line} data-testid="assessment-line">
              <div className={styles.lineText}>
                <span className={styles.lineName}>{t(`assessment.lines.${l.key}`)}</span>
                <span className={styles.lineHint}>{t(`assessment.lineHints.${l.key}`, a.figures)}</span>
                {l.adjustment ? (
                  <span className={styles.lineAdjusted}>{t('assessment.adjusted', { reason: l.adjustment.reason, name: l.adjustment.byName })}</span>
                ) : null}
              </div>
              <span className={l.points < l.weight ? styles.pointsShort : styles.points}>
                {t('assessment.points', { points: l.points, weight: l.weight })}
              </span>
            </li>
          ))}
      </ul>
      {a.appeal.status !== 'none' ? (
        <div className={styles.appeal}>
          <div>{t('assessment.appealYours', { text: a.appeal.text ?? '' })}</div>
          <div>
            {t(`assessment.appealStatuses.${a.appeal.status}`)}
            {a.appeal.reason ? ` · ${t('assessment.appealDecision', { reason: a.appeal.reason })}` : ''}
          </div>
        </div>
      ) : null}
      {a.status === 'signed' && a.appeal.status === 'none' ? (
        <Button block className={styles.appealButton} onClick={onAppeal} data-testid="assessment-appeal">
          {t('assessment.appealButton')}
        </Button>
      ) : null}
    </section>
  );
}

function AppealSheet({ site, assessment, onClose }: { site: MeSite; assessment: Assessment; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const appeal = useAssessmentWrite(site.id, (body: string) => assessmentApi.appeal(site.id, assessment.id, body));
  return (
    <Popup visible onMaskClick={onClose} bodyClassName={styles.sheet}>
      <h2 className={styles.sheetTitle}>
        {t('assessment.appealButton')} · {assessment.month}
      </h2>
      <p className={styles.hint}>{t('assessment.appealOnce')}</p>
      <label className={styles.fieldLabel} htmlFor={`appeal-${assessment.id}`}>
        {t('assessment.appealText')}
      </label>
      <TextArea
        id={`appeal-${assessment.id}`}
        value={text}
        onChange={setText}
        rows={4}
        maxLength={500}
        showCount
        placeholder={t('assessment.appealPlaceholder')}
      />
      <Button
        block
        color="primary"
        className={styles.appealButton}
        disabled={!text.trim()}
        loading={appeal.isPending}
        onClick={() =>
          appeal.mutate(text.trim(), {
            onSuccess: () => {
              Toast.show({ icon: 'success', content: t('assessment.appealSent') });
              onClose();
            },
            onError: (e) => void Toast.show({ icon: 'fail', content: describeError(e) }),
          })
        }
      >
        {t('assessment.appealSend')}
      </Button>
    </Popup>
  );
}
