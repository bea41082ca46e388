import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Card, Col, Flex, Row, Skeleton, Space, Statistic, Steps, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Site, ZoneKind } from '@anchang/contracts';
import { canManageSite, canReadAudit, canReadPeople, canSendNotices } from '../../shared/auth/access';
import { formatLocal, hhmmToMinutes, isoWeekday, minutesOfDay } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useCurrentSite } from '../../shared/site/current-site';
import { ZoneKindTag } from '../../shared/ui/domain-tags';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePeople } from '../people/use-people';
import { usePosts } from '../posts/use-posts';
import { useSite } from '../sites/use-sites';
import { useZones } from '../zones/use-zones';
import { LiveFeed } from './live-feed';
import styles from './overview.module.css';

type OpenState = 'open' | 'closed' | 'closedToday';

function openState(site: Site, now: number): OpenState {
  if (site.openingHours.closedWeekdays.includes(isoWeekday(now, site.timeZone))) return 'closedToday';
  const minutes = minutesOfDay(now, site.timeZone);
  return minutes >= hhmmToMinutes(site.openingHours.open) && minutes < hhmmToMinutes(site.openingHours.close) ? 'open' : 'closed';
}

function StatCard({
  icon,
  title,
  value,
  loading,
  footer,
  hidden,
}: {
  icon: ReactNode;
  title: string;
  value: number | undefined;
  loading: boolean;
  footer?: ReactNode;
  hidden?: boolean;
}) {
  if (hidden) return null;
  return (
    <Card className={styles.statCard}>
      <Statistic
        title={
          <Space>
            {icon}
            {title}
          </Space>
        }
        value={value ?? 0}
        loading={loading}
      />
      <div style={{ minHeight: 22, marginTop: 4 }}>{footer}</div>
    </Card>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useCurrentSite();
  const site = useSite(current.id);
  const zones = useZones(current.id);
  const posts = usePosts(current.id);
  const peopleAllowed = canReadPeople(current.role);
  // The feed is the audit log's: shown only to those who may read it.
  const feedShown = canReadAudit(current.role);
  const people = usePeople(current.id, { enabled: peopleAllowed });
  const now = useNow();
  const base = `/sites/${current.id}`;

  const activePeople = useMemo(() => people.data?.filter((p) => p.isActive) ?? [], [people.data]);
  const inactiveCount = (people.data?.length ?? 0) - activePeople.length;
  const unstaffed = useMemo(() => {
    const staffed = new Set(activePeople.flatMap((p) => p.postIds));
    return (posts.data ?? []).filter((p) => !staffed.has(p.id));
  }, [activePeople, posts.data]);
  const zonesByKind = useMemo(() => {
    const counts = new Map<ZoneKind, number>();
    for (const zone of zones.data ?? []) counts.set(zone.kind, (counts.get(zone.kind) ?? 0) + 1);
    return [...counts.entries()];
  }, [zones.data]);

  const loadError = site.error ?? zones.error ?? posts.error ?? people.error;
  const setupStep = !zones.data?.length ? 0 : !posts.data?.length ? 1 : activePeople.length <= 1 ? 2 : 3;
  const showQuickStart = canManageSite(current.role) && zones.isSuccess && posts.isSuccess && people.isSuccess && setupStep < 3;
  // A post is unstaffed only if we can see who works here (client viewers cannot).
  const staffingKnown = peopleAllowed && people.isSuccess;
  const statSpan = peopleAllowed ? 6 : 8;

  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={t('overview.subtitle', { site: current.name })} />
      {loadError ? (
        <ErrorAlert error={loadError} onRetry={() => void Promise.all([site.refetch(), zones.refetch(), posts.refetch(), people.refetch()])} />
      ) : null}

      <Row gutter={[20, 20]}>
        <Col xs={24} sm={12} xl={statSpan}>
          <StatCard
            icon={<EnvironmentOutlined />}
            title={t('overview.zones')}
            value={zones.data?.length}
            loading={zones.isPending}
            footer={
              <Typography.Text type="secondary">
                {zonesByKind.length
                  ? zonesByKind
                      .map(([k]) => t(`zoneKinds.${k}`))
                      .slice(0, 3)
                      .join(' · ')
                  : null}
              </Typography.Text>
            }
          />
        </Col>
        <Col xs={24} sm={12} xl={statSpan}>
          <StatCard
            icon={<SolutionOutlined />}
            title={t('overview.posts')}
            value={posts.data?.length}
            loading={posts.isPending || people.isLoading}
            footer={
              posts.data?.length && staffingKnown ? (
                unstaffed.length ? (
                  <Badge status="warning" text={`${t('overview.unstaffedPosts')}: ${unstaffed.length}`} />
                ) : (
                  <Badge status="success" text={t('overview.allPostsStaffed')} />
                )
              ) : null
            }
          />
        </Col>
        {peopleAllowed ? (
          <Col xs={24} sm={12} xl={statSpan}>
            <StatCard
              icon={<TeamOutlined />}
              title={t('overview.people')}
              value={people.data ? activePeople.length : undefined}
              loading={people.isLoading}
              footer={
                inactiveCount > 0 ? (
                  <Typography.Text type="secondary">{t('overview.inactivePeople', { count: inactiveCount })}</Typography.Text>
                ) : null
              }
            />
          </Col>
        ) : null}
        <Col xs={24} sm={12} xl={statSpan}>
          <Card className={styles.statCard}>
            {site.data ? <OpeningHours site={site.data} now={now} /> : <Skeleton active paragraph={{ rows: 2 }} title={false} />}
          </Card>
        </Col>

        {showQuickStart ? (
          <Col span={24}>
            <Card title={t('overview.quickStart')}>
              <Steps
                current={setupStep}
                items={[
                  { title: <a onClick={() => void navigate(`${base}/zones`)}>{t('overview.quickStartZones')}</a> },
                  { title: <a onClick={() => void navigate(`${base}/posts`)}>{t('overview.quickStartPosts')}</a> },
                  { title: <a onClick={() => void navigate(`${base}/people`)}>{t('overview.quickStartPeople')}</a> },
                  ...(canSendNotices(current.role)
                    ? [{ title: <a onClick={() => void navigate(`${base}/notices`)}>{t('overview.quickStartNotice')}</a> }]
                    : []),
                ]}
              />
            </Card>
          </Col>
        ) : null}

        {feedShown ? (
          <Col xs={24} xl={16}>
            <Card title={t('overview.liveFeed')} extra={<Typography.Text type="secondary">{t('overview.liveFeedHint')}</Typography.Text>}>
              <LiveFeed />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={feedShown ? 8 : 24}>
          <Card title={t('overview.zonesByKind')} loading={zones.isPending}>
            {zonesByKind.length ? (
              <Flex vertical gap={10}>
                {zonesByKind.map(([kind, count]) => (
                  <Flex key={kind} justify="space-between" align="center">
                    <ZoneKindTag kind={kind} />
                    <Typography.Text strong>{count}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            ) : (
              <Flex vertical align="center" gap={8} style={{ padding: '16px 0' }}>
                <Typography.Text type="secondary">{t('zones.empty')}</Typography.Text>
                {canManageSite(current.role) ? <Button onClick={() => void navigate(`${base}/zones`)}>{t('overview.quickStartZones')}</Button> : null}
              </Flex>
            )}
            {staffingKnown && unstaffed.length ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 24 }}>
                  {t('overview.unstaffedPosts')}
                </Typography.Title>
                <Flex vertical gap={6}>
                  {unstaffed.slice(0, 8).map((post) => (
                    <Typography.Link key={post.id} onClick={() => void navigate(`${base}/people`)}>
                      {post.name}
                    </Typography.Link>
                  ))}
                </Flex>
              </>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function OpeningHours({ site, now }: { site: Site; now: number }) {
  const { t } = useTranslation();
  const state = openState(site, now);
  const closed = site.openingHours.closedWeekdays;
  return (
    <>
      <Flex justify="space-between" align="baseline">
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {t('overview.openingHours')}
        </Typography.Text>
        <Badge
          status={state === 'open' ? 'success' : 'default'}
          text={state === 'open' ? t('overview.openNow') : state === 'closedToday' ? t('overview.closedToday') : t('overview.closedNow')}
        />
      </Flex>
      <div style={{ fontSize: 24, fontWeight: 600, margin: '6px 0 2px', fontVariantNumeric: 'tabular-nums' }}>
        {site.openingHours.open} – {site.openingHours.close}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {closed.length
          ? `${t('overview.closedWeekdays')}: ${closed.map((d) => t(`weekdays.${d as 1}`)).join(t('common.listSeparator'))}`
          : t('overview.noClosedWeekdays')}
        {' · '}
        {t('overview.localTime')} {formatLocal(now, site.timeZone, 'HH:mm')}
      </Typography.Text>
    </>
  );
}
