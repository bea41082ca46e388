import { useEffect } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { consoleSites } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useRealtimeSync } from '../../shared/realtime/use-realtime';
import { SiteBoard } from './site-board';
import styles from './site-board-tv.module.css';

/** The site board on the sales center's TV: no menu, dark, large type, live. */
export function SiteBoardTvPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { siteId } = useParams();
  const navigate = useNavigate();
  const now = useNow(1000);
  const site = consoleSites(me).find((s) => s.id === siteId) ?? null;
  useRealtimeSync(me.id, site?.id ?? null);
  useEffect(() => {
    document.documentElement.style.background = '#0b1624';
    return () => {
      document.documentElement.style.background = '';
    };
  }, []);

  if (!site) return <Navigate to="/" replace />;
  return (
    <div className={styles.screen} data-testid="site-board-tv-page">
      <header className={styles.top}>
        <div>
          <div className={styles.site}>{site.name}</div>
          <div className={styles.title}>{t('visits.board.title')}</div>
        </div>
        <div className={styles.right}>
          <span className={styles.clock}>{formatLocal(now, site.timeZone, 'HH:mm:ss')}</span>
          <button type="button" className={styles.exit} onClick={() => void navigate(`/sites/${site.id}/site-board`)}>
            {t('visits.board.exitTv')}
          </button>
        </div>
      </header>
      <SiteBoard site={site} tv />
    </div>
  );
}
