import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, Card, Tabs } from 'antd';
import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { BatchModal } from './batch-modal';
import { ConsumptionTab } from './consumption-tab';
import { CountsTab } from './counts-tab';
import { ItemsTab } from './items-tab';
import { MovementsTab } from './movements-tab';
import { RequisitionsTab } from './requisitions-tab';
import { StockTab } from './stock-tab';
import { flatten, useStock } from './use-supplies';

const TABS = ['stock', 'requisitions', 'counts', 'movements', 'consumption', 'items'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => (TABS as readonly (string | null)[]).includes(v);

/** 物资: stock per store, what was asked for and issued, counts, the ledger and weekly use. */
export function SuppliesPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'stock';
  const [batch, setBatch] = useState<'receipt' | 'issue' | null>(null);
  const low = useStock(site.id, { lowOnly: true });
  const lowCount = flatten(low.data).length;

  const body: Record<Tab, ReactNode> = {
    stock: <StockTab />,
    requisitions: <RequisitionsTab />,
    counts: <CountsTab />,
    movements: <MovementsTab />,
    consumption: <ConsumptionTab />,
    items: <ItemsTab />,
  };

  return (
    <>
      <PageHeader
        title={t('supplies.title')}
        subtitle={t('supplies.subtitle')}
        extra={
          <>
            <Button icon={<ImportOutlined />} type="primary" onClick={() => setBatch('receipt')} data-testid="receive-stock">
              {t('supplies.receive')}
            </Button>
            <Button icon={<ExportOutlined />} onClick={() => setBatch('issue')}>
              {t('supplies.issue')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'stock' ? {} : { tab: key }, { replace: true })}
          tabBarStyle={{ padding: '0 16px', marginBottom: 0 }}
          items={TABS.map((key) => ({
            key,
            label:
              key === 'stock' && lowCount > 0 ? (
                <Badge count={lowCount} size="small" offset={[10, -2]} title={t('supplies.lowCount', { count: lowCount })}>
                  {t('supplies.tabs.stock')}
                </Badge>
              ) : (
                t(`supplies.tabs.${key}`)
              ),
          }))}
        />
        {body[tab]}
      </Card>
      <BatchModal kind={batch ?? 'receipt'} open={!!batch} onClose={() => setBatch(null)} />
    </>
  );
}
