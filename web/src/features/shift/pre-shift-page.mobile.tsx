import { useNavigate } from 'react-router';
import { Button, Card } from 'antd-mobile';
import { CheckCircleFill, ExclamationCircleFill } from 'antd-mobile-icons';
import { ChecklistProgressText } from './checklist-progress-text.mobile';
import { useTranslation } from 'react-i18next';
import { Checklist } from './checklist.mobile';
import { ShiftSubPage, type ShiftContext } from './shift-subpage.mobile';
import { itemsOfPhase, progressOf } from './shift-rules';
import { useShiftActions } from './use-shift-actions';
import styles from './shift.mobile.module.css';

/** 班前检查: the pre-shift items in the standard's order, the appearance self-check first. */
export function PreShiftPage() {
  const { t } = useTranslation();
  return (
    <ShiftSubPage
      title={t('shiftPhone.sections.pre')}
      right={({ current }) => {
        if (!current.standard) return null;
        return (
          <ChecklistProgressText progress={progressOf(itemsOfPhase(current.standard.items, 'PRE'), current.results)} testId="checklist-progress" />
        );
      }}
    >
      {(ctx) => <PreShift {...ctx} />}
    </ShiftSubPage>
  );
}

function PreShift({ site, me, current }: ShiftContext) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const actions = useShiftActions(site.id, me.id);
  const shift = current.shift!;
  const progress = current.standard ? progressOf(itemsOfPhase(current.standard.items, 'PRE'), current.results) : null;
  return (
    <div className={styles.body}>
      <p className={styles.sectionHint}>{t('shiftPhone.sections.preHint')}</p>
      <Checklist
        siteId={site.id}
        timeZone={site.timeZone}
        shiftId={shift.id}
        phase="PRE"
        standard={current.standard}
        isStandardLoading={current.isStandardLoading}
        results={current.results}
        outbox={current.outbox}
        actions={actions}
        readOnly={current.phase !== 'on'}
      />
      {progress && progress.total > 0 && progress.done === progress.total ? (
        <Card className={styles.card} data-testid="pre-done">
          <div className={styles.doneCard}>
            {progress.anomalies ? (
              <ExclamationCircleFill className={`${styles.doneIcon} ${styles.doneIconWarn}`} />
            ) : (
              <CheckCircleFill className={styles.doneIcon} />
            )}
            <div className={styles.doneTitle}>
              {progress.anomalies ? t('shiftPhone.preDoneWithAnomalies', { count: progress.anomalies }) : t('shiftPhone.preDone')}
            </div>
            <p className={styles.muted}>{t('shiftPhone.preDoneHint')}</p>
            <Button color="primary" fill="outline" onClick={() => void navigate('/shift/standard')}>
              {t('shiftPhone.sections.standard')}
            </Button>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
