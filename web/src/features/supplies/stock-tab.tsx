import { useState } from 'react';
import { Flex, Segmented, Switch, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StockLevel } from '@anchang/contracts';
import { formatDateTime, formatRelative } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PagedTable } from '../../shared/ui/paged-table';
import { useItemName } from './supplies-ui';
import { useStock, useSupplyStores } from './use-supplies';
import styles from './supplies.module.css';

/** On hand per item per store; levels at or below their threshold in red, first when filtered. */
export function StockTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const name = useItemName();
  const stores = useSupplyStores(site.id);
  const [storeId, setStoreId] = useState<string>('all');
  const [lowOnly, setLowOnly] = useState(false);
  const stock = useStock(site.id, { ...(storeId === 'all' ? {} : { storeId }), lowOnly });

  const columns: TableColumnsType<StockLevel> = [
    {
      title: t('supplies.item'),
      key: 'item',
      render: (_, s) => (
        <Flex vertical>
          <Typography.Text strong>{name(s)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`supplies.categories.${s.category}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('supplies.store'), dataIndex: 'storeName', width: 140 },
    {
      title: t('supplies.onHand'),
      key: 'onHand',
      width: 180,
      align: 'right',
      render: (_, s) => (
        <Flex justify="flex-end" align="center" gap={8}>
          {s.low ? (
            <Tag color="red" icon={<WarningFilled />} variant="filled" data-testid="low-stock-tag">
              {t('supplies.low')}
            </Tag>
          ) : null}
          <span className={s.low ? styles.lowQuantity : styles.quantity}>{s.onHand}</span>
          <Typography.Text type="secondary">{s.unit}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('supplies.threshold'),
      key: 'threshold',
      width: 110,
      align: 'right',
      render: (_, s) => (
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {s.lowStockThreshold} {s.unit}
        </Typography.Text>
      ),
    },
    {
      title: t('supplies.updatedAt'),
      dataIndex: 'updatedAt',
      width: 140,
      render: (at: number) => (
        <Tooltip title={formatDateTime(at, site.timeZone)}>
          <Typography.Text type="secondary">{formatRelative(at)}</Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <Flex gap={16} align="center" wrap style={{ padding: 16 }}>
        <Segmented<string>
          value={storeId}
          onChange={setStoreId}
          options={[{ value: 'all', label: t('supplies.allStores') }, ...(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Flex align="center" gap={8}>
          <Switch checked={lowOnly} onChange={setLowOnly} size="small" data-testid="low-only" />
          <Typography.Text>{t('supplies.lowOnly')}</Typography.Text>
        </Flex>
      </Flex>
      <PagedTable<StockLevel>
        query={stock}
        rowKey="id"
        columns={columns}
        rowClassName={(s) => (s.low ? (styles.lowRow ?? '') : '')}
        empty={lowOnly ? { title: t('supplies.empty.low') } : { title: t('supplies.empty.stock'), hint: t('supplies.empty.stockHint') }}
      />
    </>
  );
}
