import { useMemo, useState } from 'react';
import { App, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Zone } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ZoneKindTag } from '../../shared/ui/domain-tags';
import { EditDeleteActions } from '../../shared/ui/edit-delete-actions';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePosts } from '../posts/use-posts';
import { ZoneFormModal } from './zone-form-modal';
import { capacityUnit } from './zone-rules';
import { useDeleteZone, useZones } from './use-zones';

export function ZonesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const zones = useZones(site.id);
  const posts = usePosts(site.id);
  const remove = useDeleteZone(site.id);
  const [editing, setEditing] = useState<Zone | null | undefined>(undefined);
  const editable = canManageSite(site.role);

  const postsPerZone = useMemo(() => {
    const counts = new Map<string, number>();
    for (const post of posts.data ?? []) if (post.zoneId) counts.set(post.zoneId, (counts.get(post.zoneId) ?? 0) + 1);
    return counts;
  }, [posts.data]);

  const onDelete = async (zone: Zone) => {
    try {
      await remove.mutateAsync(zone.id);
      void message.success(t('common.deleted'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<Zone> = [
    {
      title: t('zones.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('zones.kind'),
      dataIndex: 'kind',
      filters: [...new Set((zones.data ?? []).map((z) => z.kind))].map((k) => ({ text: t(`zoneKinds.${k}`), value: k })),
      onFilter: (value, zone) => zone.kind === value,
      render: (_, zone) => <ZoneKindTag kind={zone.kind} />,
    },
    {
      title: t('zones.capacity'),
      dataIndex: 'capacity',
      align: 'right',
      render: (_, zone) => {
        const unit = capacityUnit(zone.kind);
        if (!unit || zone.capacity === null) return <Typography.Text type="secondary">—</Typography.Text>;
        return `${zone.capacity} ${t(`capacityUnits.${unit}`)}`;
      },
    },
    {
      title: t('zones.posts'),
      key: 'posts',
      align: 'right',
      render: (_, zone) => postsPerZone.get(zone.id) ?? 0,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      render: (at: number) => <Typography.Text type="secondary">{formatDateTime(at, site.timeZone)}</Typography.Text>,
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, zone: Zone) => (
              <EditDeleteActions
                onEdit={() => setEditing(zone)}
                onDelete={() => onDelete(zone)}
                confirmTitle={t('zones.deleteConfirm', { name: zone.name })}
                // The server refuses (ZONE_IN_USE); say why before anyone tries.
                deleteDisabledReason={postsPerZone.get(zone.id) ? t('zones.deleteHint') : null}
              />
            ),
          },
        ]
      : []),
  ];

  const createButton = editable ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('zones.create')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('zones.title')} subtitle={t('zones.subtitle')} extra={createButton} />
      {zones.isError ? <ErrorAlert error={zones.error} onRetry={() => void zones.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Zone>
          rowKey="id"
          columns={columns}
          dataSource={zones.data ?? []}
          loading={zones.isPending}
          pagination={(zones.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{
            emptyText: emptyOnceLoaded(zones, <EmptyState title={t('zones.empty')} hint={t('zones.emptyHint')} action={createButton} />),
          }}
        />
      </Card>
      {editable ? <ZoneFormModal siteId={site.id} zone={editing} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}
