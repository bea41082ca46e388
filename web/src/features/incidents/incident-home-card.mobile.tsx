import { useNavigate } from 'react-router';
import { Badge } from 'antd-mobile';
import { ExclamationShieldOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useIncidents } from './use-incidents';
import styles from './incidents.mobile.module.css';

/** On the staff home page: one tap to report, and the site's open incidents a tap further. */
export function IncidentHomeCard({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useIncidents(siteId, 'open', 20);
  const firstPage = open.data?.pages[0];
  const count = firstPage ? `${firstPage.items.length}${firstPage.nextCursor ? '+' : ''}` : null;
  return (
    <div className={styles.homeCard} data-testid="incident-home">
      <span className={styles.homeIcon}>
        <ExclamationShieldOutline />
      </span>
      <button type="button" className={styles.homeText} onClick={() => void navigate('/incidents/new')} data-testid="incident-home-report">
        <span className={styles.homeTitle}>{t('incidents.report')}</span>
        <span className={styles.homeHint}>{t('incidents.reportHint')}</span>
      </button>
      <a className={styles.homeLink} onClick={() => void navigate('/incidents')} data-testid="incident-home-list">
        <Badge content={count && count !== '0' ? count : null} style={{ '--right': '-8px', '--top': '-2px' }}>
          {t('incidents.viewAll')}
        </Badge>{' '}
        <RightOutline />
      </a>
    </div>
  );
}
