import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { BookOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StandardSummary } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePosts } from '../posts/use-posts';
import { StandardSettingsForm } from './standard-settings-form';
import { LibraryUpdateNotice } from './library-update';
import { localText } from './standard-text';
import { useAdoptStandards, useStandards } from './use-standards';

type Tab = 'posts' | 'settings';

/** 岗位标准: the site's copy of the standards library, one standard per post kind, and its thresholds. */
export function StandardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const navigate = useNavigate();
  const site = useCurrentSite();
  const standards = useStandards(site.id);
  const posts = usePosts(site.id);
  const adopt = useAdoptStandards(site.id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'settings' ? 'settings' : 'posts';
  const editable = canManageSite(site.role);
  const adopted = (standards.data?.length ?? 0) > 0;

  const postsByKind = useMemo(() => {
    const byKind = new Map<string, string[]>();
    for (const post of posts.data ?? []) byKind.set(post.kind, [...(byKind.get(post.kind) ?? []), post.name]);
    return byKind;
  }, [posts.data]);

  const onAdopt = async () => {
    try {
      const adoptedList = await adopt.mutateAsync();
      void message.success(t('consoleShifts.standards.adopted', { count: adoptedList.length }));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const open = (row: StandardSummary) => void navigate(`/sites/${site.id}/standards/${row.postKind}`);

  const columns: TableColumnsType<StandardSummary> = [
    {
      title: t('consoleShifts.standards.post'),
      key: 'title',
      render: (_, row) => (
        // The post type's internal code (HALL, TECH) means nothing to a reader: the title names it.
        <Typography.Text strong>{localText(row.title, locale)}</Typography.Text>
      ),
    },
    {
      title: t('consoleShifts.standards.sitePosts'),
      key: 'posts',
      render: (_, row) => {
        const names = postsByKind.get(row.postKind) ?? [];
        return names.length ? (
          <Space size={[0, 4]} wrap>
            {names.map((name) => (
              <Tag key={name}>{name}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('consoleShifts.standards.noSitePosts')}</Typography.Text>
        );
      },
    },
    {
      title: t('consoleShifts.standards.version'),
      dataIndex: 'version',
      width: 100,
      render: (version: number) => <Tag color={version > 1 ? 'blue' : 'default'}>{t('consoleShifts.standards.versionTag', { version })}</Tag>,
    },
    { title: t('consoleShifts.standards.items'), dataIndex: 'itemCount', width: 110, align: 'right' },
    {
      title: t('common.updatedAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: number) => <Typography.Text type="secondary">{formatDateTime(at, site.timeZone)}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, row) => (
        <Button
          type="link"
          onClick={(event) => {
            event.stopPropagation(); // the row opens it too
            open(row);
          }}
        >
          {editable ? t('common.edit') : t('consoleShifts.standards.view')}
          <RightOutlined />
        </Button>
      ),
    },
  ];

  const adoptButton = editable ? (
    <Button type="primary" icon={<BookOutlined />} loading={adopt.isPending} onClick={() => void onAdopt()}>
      {t('consoleShifts.standards.adopt')}
    </Button>
  ) : null;

  const list = (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<StandardSummary>
        rowKey="postKind"
        size="middle"
        columns={columns}
        dataSource={standards.data ?? []}
        loading={standards.isPending}
        pagination={false}
        onRow={(row) => ({ onClick: () => open(row), style: { cursor: 'pointer' } })}
        locale={{ emptyText: ' ' }}
      />
    </Card>
  );

  return (
    <>
      <PageHeader title={t('consoleShifts.standards.title')} subtitle={t('consoleShifts.standards.subtitle')} />
      {standards.isError ? <ErrorAlert error={standards.error} onRetry={() => void standards.refetch()} /> : null}
      {!adopted && standards.isSuccess ? (
        // Nothing to list yet: one step, adopting the library, is all there is to do.
        <Card>
          <EmptyState
            title={t('consoleShifts.standards.emptyTitle')}
            hint={editable ? t('consoleShifts.standards.emptyHint') : t('consoleShifts.standards.emptyHintReadOnly')}
            action={adoptButton}
          />
        </Card>
      ) : adopted ? (
        <>
          <LibraryUpdateNotice siteId={site.id} standards={standards.data ?? []} editable={editable} />
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(key === 'settings' ? { tab: key } : {}, { replace: true })}
            items={[
              { key: 'posts', label: t('consoleShifts.standards.tabPosts'), children: list },
              { key: 'settings', label: t('consoleShifts.standards.tabSettings'), children: <StandardSettingsForm /> },
            ]}
          />
        </>
      ) : (
        list
      )}
    </>
  );
}
