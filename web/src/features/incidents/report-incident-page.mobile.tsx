import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { INCIDENT_SEVERITIES, type Incident } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { useMe } from '../../shared/auth/use-auth';
import { newId } from '../../shared/offline/new-id';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { INCIDENT_KIND_ICONS, INCIDENT_KINDS } from './incident-kinds.mobile';
import { useReportIncident } from './use-incidents';
import styles from './incidents.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';

const DESCRIPTION_MAX = 1000;

/**
 * The draft keeps the ids it will be sent under: a retry after a failed or unanswered send
 * reuses them, so the server stores the incident (and its photo) once.
 */
interface Draft {
  id: string;
  kind: Incident['kind'] | null;
  severity: Incident['severity'];
  description: string;
  photo: { id: string; blob: Blob } | null;
}

/** Opened from a link or a bookmark there is no page of ours to go back to: home instead. */
const hasHistory = () => ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;

const emptyDraft = (): Draft => ({ id: newId(), kind: null, severity: 'medium', description: '', photo: null });

/** 上报事件 (GUARD-IN-4/5/6): what happened, how urgent, a description and a photo; the manager sees it at once. */
export function ReportIncidentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const me = useMe();
  return (
    <SubPage title={t('incidents.reportTitle')} onBack={() => void (hasHistory() ? navigate(-1) : navigate('/'))} roomBelow>
      {site ? (
        <ReportForm siteId={site.id} personId={me.id} onSent={() => void navigate('/incidents', { replace: true })} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </SubPage>
  );
}

function ReportForm({ siteId, personId, onSent }: { siteId: string; personId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [showErrors, setShowErrors] = useState(false);
  const report = useReportIncident(siteId, personId);
  const description = draft.description.trim();
  const missing = !draft.kind ? t('incidents.chooseKind') : !description ? t('incidents.writeDescription') : null;

  const send = async () => {
    setShowErrors(true);
    if (missing || !draft.kind) {
      // The form is taller than the screen: say what is missing where the thumb is.
      if (missing) Toast.show({ content: missing });
      return;
    }
    try {
      const stored = await report.mutateAsync({
        input: {
          id: draft.id,
          kind: draft.kind,
          severity: draft.severity,
          description,
          ...(draft.photo ? { photoId: draft.photo.id } : {}),
        },
        photo: draft.photo?.blob ?? null,
      });
      Toast.show({ icon: 'success', content: t(stored ? 'incidents.sent' : 'incidents.savedOnPhone') });
      onSent();
    } catch {
      // The message stays on the form beside the button; the same ids go again on the next tap.
    }
  };

  return (
    <>
      <div className={styles.form} data-testid="incident-form">
        <section>
          <h2 className={`${styles.label} ${styles.required}`}>{t('incidents.kind')}</h2>
          <div className={styles.kinds} role="radiogroup" aria-label={t('incidents.kind')}>
            {INCIDENT_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                role="radio"
                aria-checked={draft.kind === kind}
                className={`${styles.kind} ${draft.kind === kind ? styles.kindSelected : ''}`}
                onClick={() => setDraft((d) => ({ ...d, kind }))}
                data-testid="incident-kind"
                data-kind={kind}
              >
                <span className={styles.kindIcon}>{INCIDENT_KIND_ICONS[kind]}</span>
                <span className={styles.kindName}>{t(`incidents.kinds.${kind}`)}</span>
                <span className={styles.kindHint}>{t(`incidents.kindHints.${kind}`)}</span>
              </button>
            ))}
          </div>
        </section>

        <section>
          <h2 className={styles.label}>{t('incidents.severity')}</h2>
          <div className={styles.severities} role="radiogroup" aria-label={t('incidents.severity')}>
            {INCIDENT_SEVERITIES.map((severity) => (
              <button
                key={severity}
                type="button"
                role="radio"
                aria-checked={draft.severity === severity}
                className={`${styles.severity} ${styles[`severity_${severity}`]} ${draft.severity === severity ? styles.severitySelected : ''}`}
                onClick={() => setDraft((d) => ({ ...d, severity }))}
                data-testid="incident-severity"
                data-severity={severity}
              >
                <span className={styles.severityName}>{t(`incidents.severities.${severity}`)}</span>
                <span className={styles.severityHint}>{t(`incidents.severityHints.${severity}`)}</span>
              </button>
            ))}
          </div>
        </section>

        <section>
          <h2 className={`${styles.label} ${styles.required}`}>{t('incidents.description')}</h2>
          <div className={styles.card}>
            <TextArea
              value={draft.description}
              onChange={(description) => setDraft((d) => ({ ...d, description }))}
              placeholder={t('incidents.descriptionPlaceholder')}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={DESCRIPTION_MAX}
              showCount
              data-testid="incident-description"
            />
          </div>
        </section>

        <section>
          <h2 className={styles.label}>
            {t('incidents.photo')} <span className={styles.kindHint}>({t('common.optional')})</span>
          </h2>
          <PhotoCapture
            photo={draft.photo?.blob ?? null}
            photoKey={draft.photo?.id ?? null}
            onChange={(blob) => setDraft((d) => ({ ...d, photo: blob ? { id: newId(), blob } : null }))}
            label={t('incidents.takePhoto')}
            inputTestId="incident-photo-input"
            thumbTestId="incident-photo-thumb"
          />
        </section>

        {showErrors && missing ? <p className={styles.error}>{missing}</p> : null}
        {report.isError ? (
          <p className={styles.error} data-testid="incident-send-error">
            {t('incidents.sendFailed')}
            <br />
            {report.error instanceof Error && !('status' in report.error) ? report.error.message : describeError(report.error)}
          </p>
        ) : null}
      </div>
      <div className={styles.submit}>
        <Button
          block
          size="large"
          color={draft.severity === 'high' ? 'danger' : 'primary'}
          loading={report.isPending}
          loadingText={t('incidents.sending')}
          onClick={() => void send()}
          data-testid="incident-send"
        >
          {t('incidents.send')}
        </Button>
      </div>
    </>
  );
}
