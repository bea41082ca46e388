import { useMemo, useState } from 'react';
import { Button, Card, Flex, Segmented, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@anchang/contracts';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { actionLabel, companyActions, detailPairs, entityName, entityTypeLabel, knownActions } from './audit-labels';
import { useAuditLog, useCompanyAuditLog } from './use-audit';
import { useMe } from '../../shared/auth/use-auth';
import { canReadPeople } from '../../shared/auth/access';
import { usePeople } from '../people/use-people';
import { usePosts } from '../posts/use-posts';
import { useZones } from '../zones/use-zones';

export function AuditPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const me = useMe();
  // Company admins also read the company's own log: sign-ins and account changes, on no site.
  const [scope, setScope] = useState<'site' | 'company'>('site');
  const isCompanyScope = scope === 'company' && me.isCompanyAdmin;
  const [action, setAction] = useState<string | undefined>(undefined);
  const siteLog = useAuditLog(site.id, action, { enabled: !isCompanyScope });
  const companyLog = useCompanyAuditLog(action, { enabled: isCompanyScope });
  const log = isCompanyScope ? companyLog : siteLog;
  // Details carry ids (zoneId, postIds, toPersonId); show the names the site uses instead.
  const zones = useZones(site.id);
  const posts = usePosts(site.id);
  const people = usePeople(site.id, { enabled: canReadPeople(site.role) });
  const lookup = useMemo(() => {
    const names = new Map<string, string>();
    for (const list of [zones.data, posts.data, people.data]) for (const item of list ?? []) names.set(item.id, item.name);
    return (id: string) => names.get(id);
  }, [zones.data, posts.data, people.data]);
  const actionOptions = useMemo(
    () => (isCompanyScope ? companyActions() : knownActions()).map((a) => ({ value: a, label: actionLabel(a) })),
    [isCompanyScope],
  );

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (at: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(at, site.timeZone)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 180,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 160,
      render: (value: string) => (
        <Tooltip title={value}>
          <Tag
            color={
              value.endsWith('.delete') || value.endsWith('.remove') || value.endsWith('_failed')
                ? 'red'
                : value.endsWith('.create')
                  ? 'green'
                  : 'blue'
            }
          >
            {actionLabel(value)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 220,
      render: (_, entry) => (
        <Space size={6}>
          <Typography.Text type="secondary">{entityTypeLabel(entry.entityType)}</Typography.Text>
          <Typography.Text strong>{entityName(entry) ?? ''}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.detail'),
      key: 'detail',
      render: (_, entry) => (
        <Space size={[4, 4]} wrap>
          {detailPairs(entry, lookup).map(({ key, label, value }) => (
            <Tag key={key} variant="filled" style={{ maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {label ? (
                <>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {label}
                  </Typography.Text>{' '}
                </>
              ) : null}
              {value}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 200,
      // Whole, so it can be matched against the server's log; a cut-off id matches nothing.
      render: (id: string | null) =>
        id ? (
          <Typography.Text type="secondary" copyable={{ text: id }} style={{ fontSize: 11, fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {id}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void log.refetch()} loading={log.isRefetching && !log.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center" wrap>
          {me.isCompanyAdmin ? (
            <Segmented<'site' | 'company'>
              value={scope}
              onChange={(next) => {
                setScope(next);
                setAction(undefined); // the two logs hold different actions
              }}
              options={[
                { value: 'site', label: t('firstRun.companyAudit.scopeSite') },
                { value: 'company', label: t('firstRun.companyAudit.scopeCompany') },
              ]}
              data-testid="audit-scope"
            />
          ) : null}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterAction')}
            aria-label={t('audit.filterAction')} // the placeholder is no name for its search field
            value={action}
            onChange={setAction}
            options={actionOptions}
            style={{ width: 220 }}
            data-testid="audit-action-filter"
          />
          {isCompanyScope ? <Typography.Text type="secondary">{t('firstRun.companyAudit.companyHint')}</Typography.Text> : null}
        </Flex>
        <PagedTable<AuditEntry> query={log} rowKey="id" columns={columns} empty={{ title: t('audit.empty') }} />
      </Card>
    </>
  );
}
