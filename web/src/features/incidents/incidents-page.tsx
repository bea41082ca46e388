import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Flex, Image, Segmented, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@anchang/contracts';
import { photosApi } from '../../shared/api/photos';
import { todayAt } from '../../shared/format/local-date';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { flattenPages } from '../notices/use-notifications';
import { IncidentDrawer } from './incident-drawer';
import { IncidentSeverityTag, IncidentStatusTag, PoliceDecisionTag } from './incident-tags';
import { canDecideIncidents, INCIDENT_FILTERS, useIncidents, type IncidentFilter } from './use-incidents';
import styles from './incidents.module.css';

const isFilter = (value: string | null): value is IncidentFilter => (INCIDENT_FILTERS as readonly (string | null)[]).includes(value);

/** 事件: incidents reported on site (GUARD-IN-4/5/6), with the police decision and closing. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const filter: IncidentFilter = isFilter(requested) ? requested : 'open';
  const list = useIncidents(site.id, filter);
  const incidents = useMemo(() => flattenPages(list.data), [list.data]);
  const canDecide = canDecideIncidents(site.role);
  // The open incident lives in the URL, so a notification's link opens it even on this page.
  const selectedId = params.get('incident');
  const setSelectedId = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('incident', id);
        else next.delete('incident');
        return next;
      },
      { replace: true },
    );
  const selected = incidents.find((i) => i.id === selectedId) ?? null;
  useEffect(() => {
    // Opened here: its pop-up (an urgent one stays until dismissed) has nothing more to say.
    if (selectedId) notification.destroy(`incident:${selectedId}`);
  }, [selectedId, notification]);
  // Rows reported after this instant arrived live and glow once; reset when the filter changes.
  const [liveSince, setLiveSince] = useState(() => Date.now());
  const today = todayAt(site.timeZone);

  const columns: TableColumnsType<Incident> = [
    {
      title: t('incidents.time'),
      dataIndex: 'reportedAt',
      width: 96,
      render: (at: number) => (
        <Tooltip title={formatDateTime(at, site.timeZone)}>
          <Flex vertical className={styles.num}>
            <Typography.Text strong>{formatLocal(at, site.timeZone, 'HH:mm')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatLocal(at, site.timeZone, 'YYYY-MM-DD') === today ? t('incidents.today') : formatLocal(at, site.timeZone, 'MM-DD')}
            </Typography.Text>
          </Flex>
        </Tooltip>
      ),
    },
    {
      title: t('incidents.severity'),
      dataIndex: 'severity',
      width: 110,
      render: (severity: Incident['severity']) => <IncidentSeverityTag severity={severity} />,
    },
    {
      title: t('incidents.details'),
      key: 'details',
      render: (_, i) => (
        <Flex gap={10} align="flex-start">
          {i.photoId ? (
            <span onClick={(event) => event.stopPropagation()}>
              <Image
                src={photosApi.url(site.id, i.photoId)}
                width={52}
                height={52}
                className={styles.thumb}
                alt={t('incidents.photo')}
                data-testid="incident-photo"
              />
            </span>
          ) : null}
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text strong>{t(`incidents.kinds.${i.kind}`)}</Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: i.description }} style={{ margin: 0, fontSize: 13 }}>
              {i.description}
            </Typography.Paragraph>
          </Flex>
        </Flex>
      ),
    },
    { title: t('incidents.reporter'), dataIndex: 'reportedByName', width: 130 },
    {
      title: t('incidents.decision'),
      key: 'decision',
      width: 260,
      render: (_, i) => (
        <Flex vertical gap={2} align="flex-start">
          <PoliceDecisionTag decision={i.policeDecision} />
          {i.decidedByName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('incidents.decidedBy', { name: i.decidedByName })}
              {i.decidedAt ? ` · ${formatLocal(i.decidedAt, site.timeZone, 'MM-DD HH:mm')}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('incidents.statusLabel'),
      key: 'status',
      width: 130,
      render: (_, i) => (
        <Flex vertical gap={2} align="flex-start">
          <IncidentStatusTag status={i.status} />
          {i.closedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className={styles.num}>
              {formatLocal(i.closedAt, site.timeZone, 'MM-DD HH:mm')}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 96,
      render: (_, i) => (
        <Button type="link" size="small" onClick={() => setSelectedId(i.id)} data-testid="incident-open">
          {canDecide && i.status === 'open' ? t('incidents.decide') : t('incidents.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subtitle={t('incidents.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center">
          <Segmented<IncidentFilter>
            value={filter}
            onChange={(value) => {
              setLiveSince(Date.now());
              setParams(value === 'open' ? {} : { status: value }, { replace: true });
            }}
            options={INCIDENT_FILTERS.map((f) => ({ value: f, label: t(`incidents.filters.${f}`) }))}
            data-testid="incident-filter"
          />
        </Flex>
        <Image.PreviewGroup>
          <PagedTable<Incident>
            query={list}
            rowKey="id"
            columns={columns}
            onRow={(i) => ({ 'data-testid': 'incident-row', 'data-incident-id': i.id, onClick: () => setSelectedId(i.id) })}
            rowClassName={(i) =>
              [styles.row, i.reportedAt > liveSince ? styles.fresh : '', i.status === 'open' && i.severity === 'high' ? styles.urgent : ''].join(' ')
            }
            empty={{ title: t(`incidents.emptyConsole.${filter}`), hint: t('incidents.emptyConsoleHint') }}
          />
        </Image.PreviewGroup>
      </Card>
      <IncidentDrawer siteId={site.id} timeZone={site.timeZone} incident={selected} canDecide={canDecide} onClose={() => setSelectedId(null)} />
    </>
  );
}
