import { useTranslation } from 'react-i18next';
import type { ChecklistProgress } from '../../shared/format/checklist-progress';
import styles from './shift.mobile.module.css';

/** "2/2" and, apart and in red, "2 项异常": answered is not the same as all clear. */
export function ChecklistProgressText({ progress, testId }: { progress: ChecklistProgress; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={styles.progressText}>
      <span data-testid={testId}>{t('shiftPhone.progress', progress)}</span>
      {progress.anomalies > 0 ? (
        <span className={styles.anomalyCount} data-testid={testId ? `${testId}-anomalies` : undefined}>
          {t('shiftPhone.anomalyCount', { count: progress.anomalies })}
        </span>
      ) : null}
    </span>
  );
}
