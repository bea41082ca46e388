import { useEffect, useMemo, useState } from 'react';
import { App, Button, Flex, InputNumber, Modal, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StockBatch, StockLevel } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PagedTable } from '../../shared/ui/paged-table';
import { newId } from '../../shared/offline/new-id';
import { Delta, useItemName } from './supplies-ui';
import { flatten, useCountSheets, useStock, useSuppliesMutation, useSupplyStores } from './use-supplies';
import { suppliesApi } from './supplies-api';

/** Count sheets: what was counted in a store, and how far the books were off. */
export function CountsTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const name = useItemName();
  const stores = useSupplyStores(site.id);
  const storeName = new Map((stores.data?.items ?? []).map((s) => [s.id, s.name]));
  const list = useCountSheets(site.id);
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<StockBatch> = [
    { title: t('supplies.time'), dataIndex: 'at', width: 120, render: (at: number) => formatLocal(at, site.timeZone, 'MM-DD HH:mm') },
    { title: t('supplies.store'), key: 'store', width: 120, render: (_, b) => storeName.get(b.storeId) ?? '' },
    { title: t('supplies.by'), dataIndex: 'byName', width: 160 },
    {
      title: t('supplies.count.diff'),
      key: 'diff',
      render: (_, b) => {
        const changed = b.movements.filter((m) => m.delta !== 0);
        return (
          <Flex vertical gap={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('supplies.count.lines', { count: b.movements.length })} ·{' '}
              {changed.length ? t('supplies.count.changed', { count: changed.length }) : t('supplies.count.noDiff')}
            </Typography.Text>
            {changed.map((m) => (
              <span key={m.id}>
                {name(m)} <Delta value={m.delta} /> → {m.onHandAfter} {m.unit}
              </span>
            ))}
          </Flex>
        );
      },
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-count">
          {t('supplies.newCount')}
        </Button>
      </Flex>
      <PagedTable<StockBatch>
        query={list}
        rowKey="id"
        columns={columns}
        empty={{ title: t('supplies.empty.counts'), hint: t('supplies.empty.countsHint') }}
      />
      <CountModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** A count sheet for one store: each item with its book quantity, and what was counted. */
function CountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const name = useItemName();
  const stores = useSupplyStores(site.id);
  const [storeId, setStoreId] = useState<string | undefined>();
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  const [sheetId, setSheetId] = useState(newId);
  const stock = useStock(site.id, storeId ? { storeId } : {});
  const levels = useMemo(() => (storeId ? flatten(stock.data) : []), [stock.data, storeId]);
  const save = useSuppliesMutation(site.id, (input: Parameters<typeof suppliesApi.count>[1]) => suppliesApi.count(site.id, input));

  useEffect(() => {
    if (open) {
      setCounted({});
      setSheetId(newId());
      setStoreId((current) => current ?? stores.data?.items[0]?.id);
    }
  }, [open, stores.data]);

  const submit = async () => {
    const lines = Object.entries(counted)
      .filter((e): e is [string, number] => typeof e[1] === 'number')
      .map(([itemId, n]) => ({ itemId, counted: n }));
    if (!storeId || lines.length === 0) {
      void message.warning(t('supplies.count.nothingFilled'));
      return;
    }
    try {
      await save.mutateAsync({ id: sheetId, storeId, lines });
      void message.success(t('supplies.count.saved'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<StockLevel> = [
    { title: t('supplies.item'), key: 'item', render: (_, s) => <Typography.Text strong>{name(s)}</Typography.Text> },
    { title: t('supplies.count.book'), key: 'book', width: 100, align: 'right', render: (_, s) => `${s.onHand} ${s.unit}` },
    {
      title: t('supplies.count.counted'),
      key: 'counted',
      width: 140,
      render: (_, s) => (
        <InputNumber
          min={0}
          max={1000000}
          precision={0}
          value={counted[s.itemId] ?? null}
          onChange={(v) => setCounted((c) => ({ ...c, [s.itemId]: v }))}
          style={{ width: 110 }}
          data-testid="count-input"
        />
      ),
    },
    {
      title: t('supplies.count.diff'),
      key: 'diff',
      width: 90,
      align: 'right',
      render: (_, s) => {
        const n = counted[s.itemId];
        return typeof n === 'number' ? <Delta value={n - s.onHand} /> : <Tag>{t('supplies.phone.unchanged')}</Tag>;
      },
    },
  ];

  return (
    <Modal open={open} title={t('supplies.count.title')} onOk={() => void submit()} onCancel={onClose} confirmLoading={save.isPending} width={680}>
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <Flex align="center" gap={12}>
          <Typography.Text strong>{t('supplies.count.store')}</Typography.Text>
          <Select
            value={storeId}
            onChange={(v) => {
              setStoreId(v);
              setCounted({});
            }}
            options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 200 }}
          />
        </Flex>
        <Typography.Text type="secondary">{t('supplies.count.fillHint')}</Typography.Text>
        {storeId && stock.isError ? <ErrorAlert error={stock.error} onRetry={() => void stock.refetch()} /> : null}
        <Table<StockLevel>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={levels}
          loading={!!storeId && stock.isPending}
          pagination={false}
          scroll={{ y: 420 }}
          locale={{ emptyText: storeId ? emptyOnceLoaded(stock, <EmptyState title={t('supplies.empty.stock')} />) : ' ' }}
        />
      </Flex>
    </Modal>
  );
}
