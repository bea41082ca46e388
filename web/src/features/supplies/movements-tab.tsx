import { useState } from 'react';
import { Flex, Segmented, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { MOVEMENT_KINDS, type MovementKind, type StockMovement } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PagedTable } from '../../shared/ui/paged-table';
import { Delta, useItemName } from './supplies-ui';
import { useMovements, useSupplyStores } from './use-supplies';

export const KIND_COLORS: Record<MovementKind, string> = { receipt: 'green', issue: 'blue', count: 'purple' };

/** The ledger: every receipt, issue and count adjustment, newest first. */
export function MovementsTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const name = useItemName();
  const stores = useSupplyStores(site.id);
  const [kind, setKind] = useState<MovementKind | 'all'>('all');
  const [storeId, setStoreId] = useState<string | undefined>();
  const list = useMovements(site.id, { ...(kind === 'all' ? {} : { kind }), ...(storeId ? { storeId } : {}) });

  const columns: TableColumnsType<StockMovement> = [
    {
      title: t('supplies.time'),
      dataIndex: 'at',
      width: 120,
      render: (at: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatLocal(at, site.timeZone, 'MM-DD HH:mm')}</span>,
    },
    {
      title: '',
      dataIndex: 'kind',
      width: 80,
      render: (k: MovementKind) => (
        <Tag color={KIND_COLORS[k]} variant="filled">
          {t(`supplies.kinds.${k}`)}
        </Tag>
      ),
    },
    { title: t('supplies.item'), key: 'item', render: (_, m) => <Typography.Text strong>{name(m)}</Typography.Text> },
    { title: t('supplies.store'), dataIndex: 'storeName', width: 120 },
    {
      title: t('supplies.delta'),
      key: 'delta',
      width: 110,
      align: 'right',
      render: (_, m) => (
        <>
          <Delta value={m.delta} /> <Typography.Text type="secondary">{m.unit}</Typography.Text>
        </>
      ),
    },
    {
      title: t('supplies.after'),
      dataIndex: 'onHandAfter',
      width: 90,
      align: 'right',
      render: (n: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{n}</span>,
    },
    { title: t('supplies.by'), dataIndex: 'byName', width: 160 },
    {
      title: t('supplies.note'),
      key: 'note',
      render: (_, m) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.requisitionId ? `${t('supplies.requisitionRef')} · ` : ''}
          {m.note}
        </Typography.Text>
      ),
    },
  ];

  return (
    <>
      <Flex gap={16} wrap style={{ padding: 16 }}>
        <Segmented<MovementKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[{ value: 'all', label: t('supplies.allKinds') }, ...MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`supplies.kinds.${k}`) }))]}
        />
        <Select
          allowClear
          value={storeId}
          onChange={setStoreId}
          placeholder={t('supplies.allStores')}
          options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          style={{ width: 180 }}
        />
      </Flex>
      <PagedTable<StockMovement> query={list} rowKey="id" columns={columns} empty={{ title: t('supplies.empty.movements') }} />
    </>
  );
}
