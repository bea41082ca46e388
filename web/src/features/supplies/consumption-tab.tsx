import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { DatePicker, Flex, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemConsumption } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PagedTable } from '../../shared/ui/paged-table';
import { useItemName } from './supplies-ui';
import { flatten, useConsumption } from './use-supplies';
import styles from './supplies.module.css';

const WEEKS_SHOWN = 6;

/** Issued quantities per item per week: what each week used, to plan the next order. */
export function ConsumptionTab() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const name = useItemName();
  const today = formatLocal(Date.now(), site.timeZone, 'YYYY-MM-DD');
  const [range, setRange] = useState<[string, string]>([
    dayjs(today)
      .subtract(WEEKS_SHOWN - 1, 'week')
      .format('YYYY-MM-DD'),
    today,
  ]);
  const list = useConsumption(site.id, range[0], range[1]);
  const rows = useMemo(() => flatten(list.data), [list.data]);
  const weeks = rows[0]?.weeks.map((w) => w.week) ?? [];

  const columns: TableColumnsType<ItemConsumption> = [
    {
      title: t('supplies.item'),
      key: 'item',
      fixed: 'left',
      width: 180,
      render: (_, c) => (
        <>
          <Typography.Text strong>{name(c)}</Typography.Text> <Typography.Text type="secondary">({c.unit})</Typography.Text>
        </>
      ),
    },
    ...weeks.map((week, i) => ({
      title: t('supplies.consumption.weekOf', { date: dayjs(week).format('MM-DD') }),
      key: week,
      align: 'right' as const,
      render: (_: unknown, c: ItemConsumption) => {
        const q = c.weeks[i]?.quantity ?? 0;
        return <span className={q ? styles.weekCell : styles.weekZero}>{q}</span>;
      },
    })),
    {
      title: t('supplies.consumption.total'),
      dataIndex: 'total',
      align: 'right',
      width: 100,
      render: (n: number) => <Typography.Text strong>{n}</Typography.Text>,
    },
  ];

  return (
    <>
      <Flex align="center" gap={12} style={{ padding: 16 }}>
        <Typography.Text>{t('supplies.consumption.range')}</Typography.Text>
        <DatePicker.RangePicker
          picker="week"
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
          }}
        />
      </Flex>
      <PagedTable<ItemConsumption>
        query={list}
        rowKey="itemId"
        columns={columns}
        scroll={{ x: 'max-content' }}
        empty={{ title: t('supplies.empty.consumption') }}
      />
    </>
  );
}
