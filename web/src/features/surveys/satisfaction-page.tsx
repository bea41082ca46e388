import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Flex, Form, Popconfirm, Rate, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { POSTER_SCOPES, VISITOR_FACING_POSTS, type PosterScope, type SurveyAnswer, type SurveyPoster, type SurveySource } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { addDays, dateToPicker, pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePosts } from '../posts/use-posts';
import { useZones } from '../zones/use-zones';
import { usePosterMutations, usePosters, useSurveyAnswers, useSurveySummary } from './surveys-api';
import { TrendChart } from './trend-chart';

const OVERSEERS = ['company_admin', 'site_manager', 'supervisor'];

/** 满意度: the site's survey results (figures, trend, per post and person, the answers) and its QR posters. */
export function SatisfactionPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const [range, setRange] = useState<[string, string]>(() => [addDays(today, -29), today]);
  const isOverseer = OVERSEERS.includes(site.role);
  // The dates filter the results; the posters tab has none to filter.
  const [tab, setTab] = useState('results');
  return (
    <>
      <PageHeader
        title={t('surveys.page.title')}
        subtitle={t('surveys.page.subtitle')}
        extra={
          tab === 'posters' ? null : (
            <DatePicker.RangePicker
              allowClear={false}
              value={[dateToPicker(range[0]), dateToPicker(range[1])]}
              onChange={(v) => v?.[0] && v[1] && setRange([pickerToDate(v[0]), pickerToDate(v[1])])}
              disabledDate={(d) => pickerToDate(d) > today}
              aria-label={t('surveys.page.range')}
              data-testid="survey-range"
            />
          )
        }
      />
      {isOverseer ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'results', label: t('surveys.page.tabs.results'), children: <Results from={range[0]} to={range[1]} withDetail /> },
            { key: 'posters', label: t('surveys.page.tabs.posters'), children: <Posters /> },
          ]}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('surveys.page.clientNote')}</Typography.Paragraph>
          <Results from={range[0]} to={range[1]} withDetail={false} />
        </>
      )}
    </>
  );
}

function Results({ from, to, withDetail }: { from: string; to: string; withDetail: boolean }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const summary = useSurveySummary(site.id, from, to);
  const labels = useMemo(() => ({ answers: t('surveys.page.answers'), rating: t('surveys.page.averageRating'), nps: t('surveys.page.nps') }), [t]);
  if (summary.isPending) return <PageSpinner />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col span={8}>
          <Card>
            <Statistic title={t('surveys.page.answers')} value={s.answers} data-testid="survey-answer-count" />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title={t('surveys.page.averageRating')}
              value={s.averageRating ?? '—'}
              precision={s.averageRating === null ? undefined : 2}
              suffix="/ 5"
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title={t('surveys.page.nps')} value={s.nps ?? '—'} precision={s.nps === null ? undefined : 1} data-testid="survey-nps" />
            <Typography.Text type="secondary">
              {t('surveys.page.npsHint', { promoters: s.promoters, passives: s.passives, detractors: s.detractors })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {s.answers === 0 ? (
        <Card>
          <EmptyState title={t('surveys.page.empty')} hint={t('surveys.page.emptyHint')} />
        </Card>
      ) : (
        <>
          <Card title={t('surveys.page.trend')} size="small">
            <TrendChart days={s.byDay} labels={labels} />
          </Card>
          <Row gutter={16}>
            <Col span={withDetail ? 12 : 24}>
              <Card title={t('surveys.page.byPost')} size="small">
                <Table
                  size="small"
                  rowKey="postId"
                  pagination={false}
                  dataSource={s.byPost}
                  columns={[
                    { title: t('surveys.page.post'), dataIndex: 'postName' },
                    { title: t('surveys.page.ratings'), dataIndex: 'ratings', width: 90, align: 'right' },
                    { title: t('surveys.page.average'), dataIndex: 'average', width: 200, render: (v: number) => <Stars value={v} /> },
                  ]}
                  data-testid="survey-by-post"
                />
              </Card>
            </Col>
            {withDetail ? (
              <Col span={12}>
                <Card title={t('surveys.page.byPerson')} size="small">
                  <Table
                    size="small"
                    rowKey="personId"
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    dataSource={s.byPerson}
                    columns={[
                      { title: t('surveys.page.person'), dataIndex: 'name' },
                      { title: t('surveys.page.ratings'), dataIndex: 'ratings', width: 90, align: 'right' },
                      { title: t('surveys.page.average'), dataIndex: 'average', width: 200, render: (v: number) => <Stars value={v} /> },
                    ]}
                    data-testid="survey-by-person"
                  />
                </Card>
              </Col>
            ) : null}
          </Row>
        </>
      )}
      {withDetail ? <AnswerList from={from} to={to} /> : null}
    </Flex>
  );
}

function Stars({ value }: { value: number }) {
  return (
    <Space size={6}>
      <Rate disabled allowHalf value={Math.round(value * 2) / 2} style={{ fontSize: 14 }} />
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{value.toFixed(2)}</span>
    </Space>
  );
}

function AnswerList({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const posts = usePosts(site.id);
  const [postId, setPostId] = useState<string | undefined>();
  const [source, setSource] = useState<SurveySource | undefined>();
  const answers = useSurveyAnswers(site.id, { from, to, postId, source }, true);
  const items = answers.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={t('surveys.page.list')}
      size="small"
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('surveys.page.allPosts')}
            style={{ width: 180 }}
            value={postId}
            onChange={setPostId}
            options={(posts.data ?? []).filter((p) => VISITOR_FACING_POSTS.includes(p.kind)).map((p) => ({ value: p.id, label: p.name }))}
            aria-label={t('surveys.page.post')}
          />
          <Select
            allowClear
            placeholder={t('surveys.page.allSources')}
            style={{ width: 150 }}
            value={source}
            onChange={setSource}
            options={(['visit', 'poster'] as const).map((s) => ({ value: s, label: t(`surveys.page.sources.${s}`) }))}
            aria-label={t('surveys.page.source')}
          />
        </Space>
      }
    >
      {answers.isError ? <ErrorAlert error={answers.error} onRetry={() => void answers.refetch()} /> : null}
      <Table<SurveyAnswer>
        size="small"
        rowKey="id"
        loading={answers.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('surveys.page.empty') }}
        data-testid="survey-answers"
        columns={[
          { title: t('surveys.page.time'), dataIndex: 'answeredAt', width: 120, render: (v: number) => formatLocal(v, site.timeZone, 'MM-DD HH:mm') },
          {
            title: t('surveys.page.source'),
            width: 150,
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <Tag color={a.source === 'visit' ? 'blue' : 'default'}>{t(`surveys.page.sources.${a.source}`)}</Tag>
                {a.placeName ? <Typography.Text type="secondary">{a.placeName}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('surveys.page.post'),
            render: (_, a) =>
              a.ratings.length === 0 ? (
                <Typography.Text type="secondary">{t('surveys.page.noRatings')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={2}>
                  {a.ratings.map((r) => (
                    <span key={r.postId}>
                      {r.postName} <Rate disabled value={r.rating} style={{ fontSize: 12 }} />{' '}
                      <Typography.Text type="secondary">{r.people.map((p) => p.name).join('、')}</Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
          },
          {
            title: 'NPS',
            dataIndex: 'nps',
            width: 70,
            align: 'right',
            render: (v: number) => <Tag color={v >= 9 ? 'green' : v >= 7 ? 'gold' : 'red'}>{v}</Tag>,
          },
          { title: t('surveys.page.comment'), dataIndex: 'comment', render: (v: string) => v || t('surveys.page.noComment') },
          { title: t('surveys.page.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
      {answers.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={answers.isFetchingNextPage} onClick={() => void answers.fetchNextPage()}>
            {t('surveys.page.more')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

function Posters() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const posters = usePosters(site.id, true);
  const posts = usePosts(site.id);
  const zones = useZones(site.id);
  const { create, revoke } = usePosterMutations(site.id);
  const [scope, setScope] = useState<PosterScope>('site');
  const [target, setTarget] = useState<string | undefined>();
  const items = posters.data?.pages.flatMap((p) => p.items) ?? [];
  const print = (p: SurveyPoster) => void navigate(`/sites/${site.id}/satisfaction/posters?id=${p.id}`);
  const submit = () =>
    create.mutate(
      { scope, ...(scope === 'post' ? { postId: target } : scope === 'zone' ? { zoneId: target } : {}) },
      { onSuccess: (p) => print(p), onError: (e) => void message.error(describeError(e)) },
    );
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label={t('surveys.posters.scope')}>
            <Select
              style={{ width: 140 }}
              value={scope}
              onChange={(v) => {
                setScope(v);
                setTarget(undefined);
              }}
              options={POSTER_SCOPES.map((s) => ({ value: s, label: t(`surveys.posters.scopes.${s}`) }))}
              data-testid="poster-scope"
            />
          </Form.Item>
          {scope !== 'site' ? (
            <Form.Item label={scope === 'post' ? t('surveys.posters.post') : t('surveys.posters.zone')}>
              <Select
                style={{ width: 220 }}
                value={target}
                onChange={setTarget}
                options={
                  scope === 'post'
                    ? (posts.data ?? []).filter((p) => VISITOR_FACING_POSTS.includes(p.kind)).map((p) => ({ value: p.id, label: p.name }))
                    : (zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))
                }
                data-testid="poster-target"
              />
            </Form.Item>
          ) : null}
          <Form.Item>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={scope !== 'site' && !target}
              loading={create.isPending}
              onClick={submit}
              data-testid="poster-create"
            >
              {t('surveys.posters.create')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {posters.isError ? <ErrorAlert error={posters.error} onRetry={() => void posters.refetch()} /> : null}
      <Table<SurveyPoster>
        rowKey="id"
        loading={posters.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('surveys.posters.empty') }}
        columns={[
          { title: t('surveys.posters.place'), dataIndex: 'placeName' },
          { title: t('surveys.posters.scope'), dataIndex: 'scope', width: 120, render: (s: PosterScope) => t(`surveys.posters.scopes.${s}`) },
          {
            title: t('surveys.posters.created'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: number) => formatLocal(v, site.timeZone, 'YYYY-MM-DD HH:mm'),
          },
          { title: t('surveys.posters.answers'), dataIndex: 'answers', width: 90, align: 'right' },
          {
            title: t('surveys.posters.status'),
            width: 100,
            render: (_, p) => (p.revokedAt ? <Tag>{t('surveys.posters.revoked')}</Tag> : <Tag color="green">{t('surveys.posters.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            width: 200,
            render: (_, p) =>
              p.revokedAt ? null : (
                <Space>
                  <Button size="small" icon={<PrinterOutlined />} onClick={() => print(p)}>
                    {t('surveys.posters.print')}
                  </Button>
                  <Popconfirm title={t('surveys.posters.revokeConfirm')} onConfirm={() => revoke.mutate(p.id)}>
                    <Button size="small" danger icon={<StopOutlined />}>
                      {t('surveys.posters.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Flex>
  );
}
