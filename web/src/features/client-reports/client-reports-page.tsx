import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, DatePicker, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ClientReportStatus, ClientReportSummary } from '@anchang/contracts';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { clientReportsApi, useClientReports, useClientReportWrite } from './client-reports-api';

export const REPORT_EDITOR_ROLES = ['company_admin', 'site_manager'];

/**
 * 月度服务报告: the site's monthly reports to the developer client, newest first. The manager sees
 * drafts too and may draft a past month by hand; the client's viewer sees the published archive
 * and whether each was acknowledged.
 */
export function ClientReportsPage() {
  const { t, i18n } = useTranslation();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useClientReports(site.id);
  const isEditor = REPORT_EDITOR_ROLES.includes(site.role);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const generate = useClientReportWrite(site.id, i18n.language, (m: string) => clientReportsApi.generate(site.id, m, i18n.language));

  const draft = async () => {
    if (!month) return;
    try {
      const report = await generate.mutateAsync(month.format('YYYY-MM'));
      void navigate(report.id);
    } catch (error) {
      const existing = isApiError(error, 'CLIENT_REPORT_EXISTS') ? (error.params.reportId as string | undefined) : undefined;
      if (existing) void navigate(existing);
      else void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<ClientReportSummary> = [
    {
      title: t('clientReports.month'),
      dataIndex: 'month',
      render: (m: string) => (
        <Typography.Link>{t('clientReports.monthTitle', { year: m.slice(0, 4), month: Number(m.slice(5, 7)) })}</Typography.Link>
      ),
    },
    {
      title: t('clientReports.status'),
      dataIndex: 'status',
      render: (s: ClientReportStatus) => <Tag color={s === 'published' ? 'success' : 'default'}>{t(`clientReports.statuses.${s}`)}</Tag>,
    },
    {
      title: t('clientReports.publishedAt'),
      dataIndex: 'publishedAt',
      render: (at: number | null) => (at ? formatDateTime(at, site.timeZone) : '—'),
    },
    {
      title: t('clientReports.acknowledged'),
      key: 'ack',
      render: (_: unknown, r) =>
        r.acknowledgedAt ? (
          <Tag color="blue">
            {t('clientReports.ackBy', { name: r.acknowledgedBy?.name ?? '', at: formatDateTime(r.acknowledgedAt, site.timeZone) })}
          </Tag>
        ) : r.status === 'published' ? (
          <Tag color="warning">{t('clientReports.notAcknowledged')}</Tag>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('clientReports.title')}
        subtitle={isEditor ? t('clientReports.subtitleEditor') : t('clientReports.subtitleClient')}
        extra={
          isEditor ? (
            <Flex gap={8}>
              <DatePicker
                picker="month"
                value={month}
                onChange={setMonth}
                placeholder={t('clientReports.pickMonth')}
                disabledDate={(d) => !d.isBefore(dayjs().startOf('month'))}
                data-testid="report-month"
              />
              <Button type="primary" disabled={!month} loading={generate.isPending} onClick={() => void draft()}>
                {t('clientReports.generate')}
              </Button>
            </Flex>
          ) : null
        }
      />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        onRow={(r) =>
          ({
            onClick: () => void navigate(r.id),
            style: { cursor: 'pointer' },
            'data-testid': `report-row-${r.month}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: emptyOnceLoaded(
            list,
            <EmptyState title={t('clientReports.empty')} hint={isEditor ? t('clientReports.emptyHintEditor') : t('clientReports.emptyHintClient')} />,
          ),
        }}
        scroll={{ x: 640 }}
      />
    </>
  );
}
