import { useNavigate } from 'react-router';
import { ClockCircleOutline, EditSOutline, ExclamationCircleFill, KeyOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { HANDOVER_NEW_PATH, type MeSite } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { useMe } from '../../shared/auth/use-auth';
import { useMyHandovers, useWaitingHandovers } from './use-handovers';
import styles from './handovers.mobile.module.css';

/**
 * On the staff home: the handovers waiting for me to confirm come first (the incoming person sees
 * them when they start), then the way to write my own when one of my posts hands over.
 */
export function HandoverHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const mine = useMyHandovers(site.id);
  const waiting = useWaitingHandovers(site.id, me.id);
  if (!mine.data) return null;
  const { writablePosts } = mine.data;
  // Confirmed on this phone, waiting for the signal: not asked for again.
  const toConfirm = mine.data.toConfirm.filter((h) => !waiting.confirmed.has(h.id));
  return (
    <>
      {waiting.written.length ? (
        <div className={styles.homeCard} data-testid="handover-waiting">
          <h2 className={styles.homeTitle}>
            <ClockCircleOutline color="#4e5969" /> {t('handovers.outbox.waitingTitle')}
          </h2>
          {waiting.written.map((op) => (
            <div key={op.body.id} className={styles.homeItem} data-testid="handover-waiting-item">
              <span className={styles.homeItemText}>{t('handovers.outbox.writtenWaiting', { post: op.postName })}</span>
            </div>
          ))}
        </div>
      ) : null}
      {toConfirm.length ? (
        <div className={`${styles.homeCard} ${styles.homeUrgent}`} data-testid="handover-to-confirm">
          <h2 className={styles.homeTitle}>
            <ExclamationCircleFill color="#fa8c16" /> {t('handovers.toConfirm')}
          </h2>
          {toConfirm.map((h) => (
            <button
              key={h.id}
              type="button"
              className={styles.homeItem}
              onClick={() => void navigate(`/handover/${h.id}`)}
              data-testid="handover-to-confirm-item"
            >
              <span className={styles.homeItemText}>
                {t('handovers.toConfirmHint', { name: h.fromName, post: h.postName, time: formatLocal(h.writtenAt, site.timeZone, 'HH:mm') })}
              </span>
              <RightOutline />
            </button>
          ))}
        </div>
      ) : null}
      {writablePosts.length ? (
        <div className={styles.homeCard}>
          <button type="button" className={styles.homeWrite} onClick={() => void navigate(HANDOVER_NEW_PATH)} data-testid="handover-home-write">
            <span className={styles.homeIcon}>
              <KeyOutline />
            </span>
            <span className={styles.homeText}>
              <strong>{t('handovers.write')}</strong>
              <span>{t('handovers.writeHint')}</span>
            </span>
            <EditSOutline fontSize={18} color="#86909c" />
          </button>
        </div>
      ) : null}
    </>
  );
}
