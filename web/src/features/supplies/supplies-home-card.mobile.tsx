import { useNavigate } from 'react-router';
import { List } from 'antd-mobile';
import { FileOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { canKeepStock } from './use-supplies';
import styles from './supplies.mobile.module.css';

/** On the staff home: the model-room check for the MODEL guides (and overseers), supplies for everyone. */
export function SuppliesHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const checksRooms = canKeepStock(site.role) || site.posts.some((p) => p.kind === 'MODEL' || p.kind === 'MODELSVC');
  return (
    <div className={styles.homeCard} data-testid="supplies-home">
      <List>
        {checksRooms ? (
          <List.Item
            prefix={<UnorderedListOutline fontSize={22} color="#1e4f8f" />}
            description={t('modelRooms.phone.homeHint')}
            onClick={() => void navigate('/model-room-check')}
            data-testid="home-model-room-check"
          >
            {t('modelRooms.phone.homeTitle')}
          </List.Item>
        ) : null}
        <List.Item
          prefix={<FileOutline fontSize={22} color="#1e4f8f" />}
          description={t('supplies.phone.homeHint')}
          onClick={() => void navigate('/supplies')}
          data-testid="home-supplies"
        >
          {t('supplies.phone.homeTitle')}
        </List.Item>
      </List>
    </div>
  );
}
