import { useNavigate } from 'react-router';
import { Badge } from 'antd-mobile';
import { RightOutline, SetOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useWorkOrders } from './repairs-api';
import styles from './repairs.mobile.module.css';

/** On the staff home page: anyone reports a repair; the open work orders a tap further. */
export function RepairsHomeCard({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useWorkOrders(siteId, 'open', { pageSize: 20 });
  const firstPage = open.data?.pages[0];
  const count = firstPage ? `${firstPage.items.length}${firstPage.nextCursor ? '+' : ''}` : null;
  return (
    <div className={styles.homeCard} data-testid="repairs-home">
      <span className={styles.homeIcon}>
        <SetOutline />
      </span>
      <button type="button" className={styles.homeText} onClick={() => void navigate('/repairs/new')} data-testid="repairs-home-report">
        <span className={styles.homeTitle}>{t('equipment.phone.raise')}</span>
        <span className={styles.homeHint}>{t('equipment.phone.homeHint')}</span>
      </button>
      <a className={styles.homeLink} onClick={() => void navigate('/repairs')} data-testid="repairs-home-list">
        <Badge content={count && count !== '0' ? count : null} style={{ '--right': '-8px', '--top': '-2px' }}>
          {t('equipment.phone.homeTitle')}
        </Badge>{' '}
        <RightOutline />
      </a>
    </div>
  );
}
