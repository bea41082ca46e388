import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Flex, Progress, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplianceRow } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { addDays, todayAt } from '../../shared/format/local-date';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { flattenPages } from '../notices/use-notifications';
import { useCompliance } from './use-rounds';

/** 达标率: met / missed / late per day and schedule, or per person who proved them. */
export function CompliancePanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [range, setRange] = useState<[string, string]>([addDays(today, -6), today]);
  const [by, setBy] = useState<'day' | 'person'>('day');
  const list = useCompliance(site.id, range[0], range[1], by);
  const rows = useMemo(() => flattenPages(list.data), [list.data]);

  const count = (key: 'due' | 'met' | 'missed' | 'late', title: string) => ({ title, dataIndex: key, key, width: 90, align: 'right' as const });
  const columns: TableColumnsType<ComplianceRow> = [
    ...(by === 'day'
      ? [
          { title: t('rounds.compliance.date'), dataIndex: 'date', key: 'date', width: 130 },
          {
            title: t('rounds.compliance.what'),
            key: 'what',
            render: (_: unknown, r: ComplianceRow) => (r.label ? (locale === 'zh-CN' ? r.label.zh : r.label.en) : ''),
          },
        ]
      : [{ title: t('rounds.compliance.person'), dataIndex: 'personName', key: 'person' }]),
    count('due', t('rounds.compliance.due')),
    count('met', t('rounds.compliance.met')),
    ...(by === 'day' ? [count('missed', t('rounds.compliance.missed'))] : []),
    count('late', t('rounds.compliance.late')),
    {
      title: t('rounds.compliance.rate'),
      key: 'rate',
      width: 200,
      render: (_, r) =>
        r.rate === null ? '—' : <Progress percent={Math.round(r.rate * 100)} size="small" status={r.rate < 0.9 ? 'exception' : 'success'} />,
    },
  ];

  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={
        <Flex align="center" gap={12} wrap>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'day' | 'person')}
            options={[
              { value: 'day', label: t('rounds.compliance.byDay') },
              { value: 'person', label: t('rounds.compliance.byPerson') },
            ]}
          />
          <Typography.Text type="secondary">{t('rounds.compliance.range')}</Typography.Text>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
          />
        </Flex>
      }
    >
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ComplianceRow>
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(list, <EmptyState title={t('rounds.compliance.empty')} />) }}
        footer={
          list.hasNextPage
            ? () => (
                <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('rounds.compliance.more')}
                </Button>
              )
            : undefined
        }
      />
    </Card>
  );
}
