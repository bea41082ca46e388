import { useMemo, useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Post, SitePerson } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite, canReadPeople } from '../../shared/auth/access';
import { useCurrentSite } from '../../shared/site/current-site';
import { PostKindTag, ZoneKindTag } from '../../shared/ui/domain-tags';
import { EditDeleteActions } from '../../shared/ui/edit-delete-actions';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePeople } from '../people/use-people';
import { useZones } from '../zones/use-zones';
import { PostFormModal } from './post-form-modal';
import { useDeletePost, usePosts } from './use-posts';

export function PostsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const posts = usePosts(site.id);
  const zones = useZones(site.id);
  const peopleAllowed = canReadPeople(site.role);
  const people = usePeople(site.id, { enabled: peopleAllowed });
  const remove = useDeletePost(site.id);
  const [editing, setEditing] = useState<Post | null | undefined>(undefined);
  const editable = canManageSite(site.role);

  const zoneById = useMemo(() => new Map((zones.data ?? []).map((z) => [z.id, z])), [zones.data]);
  const peopleByPost = useMemo(() => {
    const map = new Map<string, SitePerson[]>();
    for (const person of people.data ?? []) {
      if (!person.isActive) continue;
      for (const postId of person.postIds) map.set(postId, [...(map.get(postId) ?? []), person]);
    }
    return map;
  }, [people.data]);

  const onDelete = async (post: Post) => {
    try {
      await remove.mutateAsync(post.id);
      void message.success(t('common.deleted'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<Post> = [
    {
      title: t('posts.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('posts.kind'),
      dataIndex: 'kind',
      filters: [...new Set((posts.data ?? []).map((p) => p.kind))].map((k) => ({ text: t(`postKinds.${k}`), value: k })),
      onFilter: (value, post) => post.kind === value,
      render: (_, post) => <PostKindTag kind={post.kind} />,
    },
    {
      title: t('posts.zone'),
      dataIndex: 'zoneId',
      render: (_, post) => {
        const zone = post.zoneId ? zoneById.get(post.zoneId) : undefined;
        if (!zone) return <Typography.Text type="secondary">{t('posts.noZone')}</Typography.Text>;
        return (
          <Space size={6}>
            <span>{zone.name}</span>
            <ZoneKindTag kind={zone.kind} />
          </Space>
        );
      },
    },
    ...(peopleAllowed
      ? [
          {
            title: t('posts.people'),
            key: 'people',
            render: (_: unknown, post: Post) => {
              if (!people.isSuccess) return null;
              const assigned = peopleByPost.get(post.id) ?? [];
              if (!assigned.length) return <Tag color="warning">{t('posts.unstaffed')}</Tag>;
              return (
                <Space size={[0, 4]} wrap>
                  {assigned.map((p) => (
                    <Tag key={p.id}>{p.name}</Tag>
                  ))}
                </Space>
              );
            },
          },
        ]
      : []),
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, post: Post) => (
              <EditDeleteActions
                onEdit={() => setEditing(post)}
                onDelete={() => onDelete(post)}
                confirmTitle={t('posts.deleteConfirm', { name: post.name })}
              />
            ),
          },
        ]
      : []),
  ];

  const createButton = editable ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('posts.create')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('posts.title')} subtitle={t('posts.subtitle')} extra={createButton} />
      {posts.isError ? <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Post>
          rowKey="id"
          columns={columns}
          dataSource={posts.data ?? []}
          loading={posts.isPending}
          pagination={(posts.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{
            emptyText: emptyOnceLoaded(posts, <EmptyState title={t('posts.empty')} hint={t('posts.emptyHint')} action={createButton} />),
          }}
        />
      </Card>
      {editable ? <PostFormModal siteId={site.id} zones={zones.data ?? []} post={editing} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}
