import { useNavigate } from 'react-router';
import { App, Button } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RealtimeEvent } from '@anchang/contracts';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useCurrentSite } from '../../shared/site/current-site';

/** Pops up once when an item in a store falls to or below its threshold (the server sends it once per crossing). */
export function LowStockNotifier() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const site = useCurrentSite();

  useRealtimeEvent((event) => {
    if (event.siteId !== site.id || event.type !== 'supplies.low_stock') return;
    const p = event.payload as RealtimeEvent<'supplies.low_stock'>['payload'];
    const key = `low-stock:${p.storeId}:${p.itemId}`;
    notification.warning({
      key,
      title: t('supplies.alert.title', { item: p.itemName }),
      description: t('supplies.alert.body', { store: p.storeName, onHand: p.onHand, threshold: p.threshold }),
      icon: <WarningOutlined style={{ color: '#d46b08' }} />,
      placement: 'topRight',
      duration: 12,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            void navigate(`/sites/${site.id}/supplies`);
          }}
        >
          {t('supplies.alert.view')}
        </Button>
      ),
    });
  });

  return null;
}
