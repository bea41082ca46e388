import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SITE_ROLES, type SitePerson, type SiteRole } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { RoleTag } from '../../shared/ui/domain-tags';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePosts } from '../posts/use-posts';
import { PersonFormModal } from './person-form-modal';
import { PreJobTrainingCell } from './pre-job-training';
import { usePeople, useRemovePerson } from './use-people';

export function PeoplePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const site = useCurrentSite();
  const people = usePeople(site.id);
  const posts = usePosts(site.id);
  const remove = useRemovePerson(site.id);
  const [editing, setEditing] = useState<SitePerson | null | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [roleFilter, setRoleFilter] = useState<SiteRole | undefined>(undefined);
  const editable = canManageSite(site.role);

  const postById = useMemo(() => new Map((posts.data ?? []).map((p) => [p.id, p])), [posts.data]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (people.data ?? []).filter(
      (p) => (!roleFilter || p.role === roleFilter) && (!needle || p.name.toLowerCase().includes(needle) || p.login.toLowerCase().includes(needle)),
    );
  }, [people.data, search, roleFilter]);

  const onRemove = async (person: SitePerson) => {
    try {
      await remove.mutateAsync(person.id);
      void message.success(t('common.removed'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<SitePerson> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (_, person) => (
        <Flex vertical>
          <Space size={6}>
            <Typography.Text strong>{person.name}</Typography.Text>
            {person.id === me.id ? <Tag color="blue">{t('people.you')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {person.login}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('people.role'), dataIndex: 'role', render: (_, person) => <RoleTag role={person.role} /> },
    {
      title: t('people.posts'),
      dataIndex: 'postIds',
      render: (_, person) =>
        person.postIds.length ? (
          <Space size={[0, 4]} wrap>
            {person.postIds.map((id) => (
              <Tag key={id}>{postById.get(id)?.name ?? '…'}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('people.phone'),
      dataIndex: 'phoneMasked',
      render: (phone: string | null) => (phone ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone}</span> : '—'),
    },
    {
      title: t('consoleShifts.training.column'),
      key: 'training',
      render: (_, person) => <PreJobTrainingCell siteId={site.id} timeZone={site.timeZone} person={person} canRecord={editable} />,
    },
    {
      title: t('people.active'),
      dataIndex: 'isActive',
      render: (isActive: boolean) =>
        isActive ? <Badge status="success" text={t('people.isActive')} /> : <Badge status="default" text={t('people.inactive')} />,
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      render: (at: number) => <Typography.Text type="secondary">{formatDateTime(at, site.timeZone)}</Typography.Text>,
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, person: SitePerson) => (
              <Space size={0}>
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(person)}>
                  {t('common.edit')}
                </Button>
                {person.id === me.id ? null : (
                  <Popconfirm
                    title={t('people.removeConfirm', { name: person.name })}
                    description={t('people.removeHint')}
                    okText={t('common.remove')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => onRemove(person)}
                  >
                    <Button type="link" danger icon={<UserDeleteOutlined />}>
                      {t('common.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const createButton = editable ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('people.create')}
    </Button>
  ) : null;
  const filtered = !!search || !!roleFilter;

  return (
    <>
      <PageHeader title={t('people.title')} subtitle={t('people.subtitle')} extra={createButton} />
      {people.isError ? <ErrorAlert error={people.error} onRetry={() => void people.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('people.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            placeholder={t('people.filterRole')}
            value={roleFilter}
            onChange={setRoleFilter}
            options={SITE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            style={{ width: 180 }}
          />
        </Flex>
        <Table<SitePerson>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={people.isPending}
          rowClassName={(person) => (person.isActive ? '' : 'row-inactive')}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{
            emptyText: emptyOnceLoaded(
              people,
              filtered ? (
                <EmptyState title={t('common.empty')} />
              ) : (
                <EmptyState title={t('people.empty')} hint={t('people.emptyHint')} action={createButton} />
              ),
            ),
          }}
        />
      </Card>
      {editable ? (
        <PersonFormModal siteId={site.id} myId={me.id} posts={posts.data ?? []} person={editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </>
  );
}
