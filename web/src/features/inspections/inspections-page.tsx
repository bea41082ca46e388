import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Image,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  message,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ROLE_GROUPS, type InspectionSettings, type InspectionSummary, type Rectification, type RectificationStatus } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { addDays, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { usePosts } from '../posts/use-posts';
import {
  inspectionsApi,
  photoUrl,
  RECTIFICATION_COLORS,
  useInspection,
  useInspectionCompliance,
  useInspectionMutation,
  useInspectionPlan,
  useInspections,
  useInspectionSettings,
  useRectifications,
  type InspectionFilter,
} from './inspections-api';
import styles from './inspections.module.css';

/** 品质核查: the inspections, the rectifications board, and the monitoring role's daily plan with its compliance. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('list');
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('inspections.title')} subtitle={t('inspections.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyInactiveTabPane
        items={[
          { key: 'list', label: t('inspections.tabs.list'), children: <InspectionList onOpen={setOpenId} /> },
          { key: 'board', label: t('inspections.tabs.board'), children: <RectificationBoard onOpen={setOpenId} /> },
          { key: 'plan', label: t('inspections.tabs.plan'), children: <PlanPanel /> },
        ]}
      />
      <InspectionDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function InspectionList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const posts = usePosts(site.id);
  const [filter, setFilter] = useState<InspectionFilter>({});
  const list = useInspections(site.id, filter);
  const inspector = (r: InspectionSummary) => r.inspectorName ?? t('inspections.hiddenInspector');
  return (
    <Card styles={{ body: { paddingTop: 16 } }}>
      <div className={styles.filters}>
        <Select
          allowClear
          placeholder={t('inspections.filters.post')}
          style={{ width: 200 }}
          value={filter.postId}
          onChange={(postId?: string) => setFilter((f) => ({ ...f, postId }))}
          options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          aria-label={t('inspections.filters.post')}
        />
        <DatePicker.RangePicker
          aria-label={t('inspections.filters.dates')}
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) =>
            setFilter((f) => ({ ...f, from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined }))
          }
        />
        <Checkbox checked={!!filter.mystery} onChange={(e) => setFilter((f) => ({ ...f, mystery: e.target.checked || undefined }))}>
          {t('inspections.filters.mystery')}
        </Checkbox>
        <Checkbox checked={!!filter.failed} onChange={(e) => setFilter((f) => ({ ...f, failed: e.target.checked || undefined }))}>
          {t('inspections.filters.failed')}
        </Checkbox>
      </div>
      <PagedTable<InspectionSummary>
        query={list}
        rowKey="id"
        testId="inspections-table"
        empty={{ title: t('inspections.empty'), hint: t('inspections.emptyHint') }}
        loadedText={false}
        flush={false}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('inspections.columns.when'), render: (_, r) => formatLocal(r.inspectedAt, site.timeZone, 'MM-DD HH:mm'), width: 120 },
          { title: t('inspections.columns.post'), dataIndex: 'postName' },
          { title: t('inspections.columns.person'), dataIndex: 'personName' },
          {
            title: t('inspections.columns.inspector'),
            render: (_, r) => (
              <Space size={4}>
                {inspector(r)}
                {r.isMystery ? <Tag color="purple">{t('inspections.mystery')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('inspections.columns.items'), dataIndex: 'itemCount', align: 'right', width: 80 },
          {
            title: t('inspections.columns.failed'),
            align: 'right',
            width: 90,
            render: (_, r) => (r.failedCount ? <Typography.Text type="danger">{r.failedCount}</Typography.Text> : 0),
          },
          {
            title: t('inspections.columns.deduction'),
            align: 'right',
            width: 90,
            render: (_, r) => (r.deductionPoints ? `−${r.deductionPoints}` : '0'),
          },
        ]}
      />
    </Card>
  );
}

function InspectionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const one = useInspection(site.id, id);
  const d = one.data;
  const text = (x: { zh: string; en: string }) => (locale === 'en-US' && x.en ? x.en : x.zh);
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={t('inspections.detail')} destroyOnClose>
      {one.isPending ? <PageSpinner /> : null}
      {one.isError ? <ErrorAlert error={one.error} onRetry={() => void one.refetch()} /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('inspections.columns.post')}>{d.postName}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.person')}>{d.personName}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.inspector')}>
              {d.inspectorName ?? t('inspections.hiddenInspector')} {d.isMystery ? <Tag color="purple">{t('inspections.mystery')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.when')}>
              {formatLocal(d.inspectedAt, site.timeZone, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.deduction')}>−{d.deductionPoints}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.note')}>{d.note ?? t('inspections.noNote')}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="itemId"
            size="small"
            pagination={false}
            dataSource={d.items}
            columns={[
              {
                title: t('inspections.columns.items'),
                render: (_, i) => (
                  <>
                    <div>{text(i.text)}</div>
                    <div className={styles.meta}>
                      {t(`inspections.source.${i.source}`)} · {i.itemId} · {t('inspections.points', { points: i.points })}
                    </div>
                    {i.note ? <div className={styles.meta}>{i.note}</div> : null}
                  </>
                ),
              },
              {
                title: t('inspections.columns.status'),
                width: 110,
                render: (_, i) =>
                  i.passed ? (
                    <Tag color="green">{t('inspections.passed')}</Tag>
                  ) : (
                    <Tag color="red">{t('inspections.minus', { points: i.deduction })}</Tag>
                  ),
              },
              {
                title: t('inspections.photo'),
                width: 80,
                render: (_, i) => (i.photoId ? <Image src={photoUrl(site.id, i.photoId)} width={56} height={56} className={styles.thumb} /> : null),
              },
            ]}
          />
          {d.rectifications.map((r) => (
            <Card key={r.id} size="small" title={text(r.itemText)} extra={<StatusTag rect={r} />}>
              <Timeline
                items={r.events.map((e) => ({
                  color: RECTIFICATION_COLORS[e.status] === 'default' ? 'gray' : RECTIFICATION_COLORS[e.status],
                  children: (
                    <>
                      <Typography.Text strong>{t(`inspections.status.${e.status}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">
                        {formatLocal(e.at, site.timeZone, 'MM-DD HH:mm')} {e.byName ?? ''}
                      </Typography.Text>
                      {e.note ? <div>{e.note}</div> : null}
                      {e.photoId ? <Image src={photoUrl(site.id, e.photoId)} width={56} height={56} className={styles.thumb} /> : null}
                    </>
                  ),
                }))}
              />
            </Card>
          ))}
        </Flex>
      ) : null}
    </Drawer>
  );
}

function StatusTag({ rect }: { rect: Rectification }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={RECTIFICATION_COLORS[rect.status]}>
        {t(`inspections.status.${rect.status}`)}
        {rect.round > 1 ? ` · ${rect.round}` : ''}
      </Tag>
      {rect.isOverdue ? <Tag color="red">{t('inspections.overdue')}</Tag> : null}
      {rect.deductionWaived ? <Tag>{t('inspections.waived')}</Tag> : null}
    </Space>
  );
}

/** The board reads left to right as the work flows: waiting on the person, waiting on the inspector, then how it ended. */
const BOARD_ORDER: readonly RectificationStatus[] = ['to_rectify', 'second_rectify', 'to_recheck', 'done', 'closed_deducted'];

function RectificationBoard({ onOpen }: { onOpen: (inspectionId: string) => void }) {
  return (
    <div className={styles.board} data-testid="rectification-board">
      {BOARD_ORDER.map((status) => (
        <BoardColumn key={status} status={status} onOpen={onOpen} />
      ))}
    </div>
  );
}

function BoardColumn({ status, onOpen }: { status: RectificationStatus; onOpen: (inspectionId: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const site = useCurrentSite();
  const list = useRectifications(site.id, 'all', status);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className={styles.column}>
      <div className={styles.columnTitle}>
        <Tag color={RECTIFICATION_COLORS[status]}>{t(`inspections.status.${status}`)}</Tag>
        <span>{list.data ? rows.length + (list.hasNextPage ? '+' : '') : ''}</span>
      </div>
      {list.isPending ? <PageSpinner /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && rows.length === 0 ? <Typography.Text type="secondary">{t('inspections.boardEmpty')}</Typography.Text> : null}
      {rows.map((r) => (
        <div
          key={r.id}
          className={styles.boardCard}
          onClick={() => onOpen(r.inspectionId)}
          role="button"
          tabIndex={0}
          onKeyDown={(e) => e.key === 'Enter' && onOpen(r.inspectionId)}
        >
          <div className={styles.boardText}>{locale === 'en-US' && r.itemText.en ? r.itemText.en : r.itemText.zh}</div>
          <div className={styles.meta}>
            {r.personName} · {r.postName} · {t('inspections.minus', { points: r.deduction })}
          </div>
          {status === 'to_rectify' || status === 'second_rectify' ? (
            <div className={`${styles.meta} ${r.isOverdue ? styles.overdue : ''}`}>
              {r.isOverdue ? `${t('inspections.overdue')} · ` : ''}
              {t('inspections.phone.deadline', { time: formatLocal(r.deadlineAt, site.timeZone, 'MM-DD HH:mm') })}
            </div>
          ) : null}
        </div>
      ))}
      {list.hasNextPage ? (
        <Button size="small" type="link" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

function PlanPanel() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const today = todayAt(site.timeZone);
  const plan = useInspectionPlan(site.id, null);
  const from = addDays(today, -13);
  const compliance = useInspectionCompliance(site.id, from, today);
  const canEdit = ROLE_GROUPS.siteManagers.includes(site.role);
  return (
    <div className={styles.planGrid}>
      <Flex vertical gap={16}>
        <Card title={t('inspections.plan.today')} extra={plan.data && plan.data.due > 0 ? `${plan.data.done}/${plan.data.due}` : null}>
          {plan.isPending ? <PageSpinner /> : null}
          {plan.isError ? <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} /> : null}
          {plan.data && plan.data.due === 0 && plan.data.isOpen ? (
            <EmptyState title={t('inspections.plan.emptyPlan')} hint={canEdit ? t('inspections.plan.emptyPlanHint') : undefined} />
          ) : null}
          {plan.data && !plan.data.isOpen ? <Typography.Text type="secondary">{t('inspections.plan.closedDay')}</Typography.Text> : null}
          {plan.data && plan.data.due > 0 ? (
            <Table
              rowKey="postId"
              size="small"
              pagination={false}
              dataSource={plan.data.posts.filter((p) => p.timesPerDay > 0)}
              data-testid="inspection-plan-today"
              columns={[
                { title: t('inspections.columns.post'), dataIndex: 'postName' },
                { title: t('inspections.plan.done'), align: 'right', render: (_, p) => `${p.done}/${p.due}` },
                {
                  title: t('inspections.columns.status'),
                  render: (_, p) =>
                    p.remaining === 0 ? (
                      <Tag color="green">{t('inspections.plan.complete')}</Tag>
                    ) : (
                      <Tag color="orange">{t('inspections.plan.remaining', { count: p.remaining })}</Tag>
                    ),
                },
                { title: t('inspections.phone.onDuty'), render: (_, p) => p.onDuty.map((d) => d.name).join('、') || '—' },
              ]}
            />
          ) : null}
        </Card>
        <Card title={t('inspections.plan.compliance')}>
          {compliance.isPending ? <PageSpinner /> : null}
          {compliance.isError ? <ErrorAlert error={compliance.error} onRetry={() => void compliance.refetch()} /> : null}
          {compliance.data && compliance.data.due === 0 ? <EmptyState title={t('inspections.plan.emptyPlan')} /> : null}
          {compliance.data && compliance.data.due > 0 ? (
            <Table
              rowKey="date"
              size="small"
              pagination={false}
              dataSource={[...compliance.data.days].reverse()}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('inspections.plan.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {compliance.data.done}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {compliance.data.due}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {compliance.data.missed}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {compliance.data.due ? `${Math.round((compliance.data.done / compliance.data.due) * 100)}%` : '—'}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
              columns={[
                { title: t('inspections.plan.date'), dataIndex: 'date' },
                { title: t('inspections.plan.done'), dataIndex: 'done', align: 'right' },
                { title: t('inspections.plan.due'), dataIndex: 'due', align: 'right' },
                {
                  title: t('inspections.plan.missed'),
                  align: 'right',
                  render: (_, d) => (d.missed ? <Typography.Text type="danger">{d.missed}</Typography.Text> : 0),
                },
                { title: t('inspections.plan.rate'), align: 'right', render: (_, d) => (d.due ? `${Math.round((d.done / d.due) * 100)}%` : '—') },
              ]}
            />
          ) : null}
        </Card>
      </Flex>
      <SettingsCard canEdit={canEdit} />
    </div>
  );
}

function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const settings = useInspectionSettings(site.id);
  const posts = usePosts(site.id);
  const [draft, setDraft] = useState<InspectionSettings | null>(null);
  const save = useInspectionMutation(site.id, (body: InspectionSettings) => inspectionsApi.saveSettings(site.id, body));
  const value = draft ?? settings.data ?? null;
  const timesOf = (postId: string) => value?.plan.find((l) => l.postId === postId)?.timesPerDay ?? 0;
  const setTimes = (postId: string, times: number | null) =>
    value &&
    setDraft({
      ...value,
      plan: [...value.plan.filter((l) => l.postId !== postId), ...(times ? [{ postId, timesPerDay: times }] : [])],
    });
  return (
    <Card title={t('inspections.plan.settings')}>
      {settings.isPending || posts.isPending ? <PageSpinner /> : null}
      {settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {value && posts.data ? (
        <Form layout="vertical" disabled={!canEdit}>
          <Flex gap={16} wrap>
            <Form.Item label={t('inspections.plan.rectifyHours')}>
              <InputNumber min={1} max={720} value={value.rectifyHours} onChange={(v) => setDraft({ ...value, rectifyHours: v ?? 24 })} />
            </Form.Item>
            <Form.Item label={t('inspections.plan.itemPoints')}>
              <InputNumber min={1} max={20} value={value.standardItemPoints} onChange={(v) => setDraft({ ...value, standardItemPoints: v ?? 2 })} />
            </Form.Item>
          </Flex>
          <Form.Item label={t('inspections.plan.waive')} extra={t('inspections.plan.waiveHint')}>
            <Switch checked={value.waiveDeductionWhenDone} onChange={(v) => setDraft({ ...value, waiveDeductionWhenDone: v })} />
          </Form.Item>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={posts.data.filter((p) => p.kind !== 'MANAGER')}
            columns={[
              { title: t('inspections.columns.post'), dataIndex: 'name' },
              {
                title: t('inspections.plan.perDay'),
                width: 140,
                render: (_, p) => (
                  <InputNumber
                    min={0}
                    max={12}
                    value={timesOf(p.id)}
                    onChange={(v) => setTimes(p.id, v)}
                    aria-label={`${p.name} ${t('inspections.plan.perDay')}`}
                  />
                ),
              },
            ]}
          />
          {canEdit ? (
            <Button
              type="primary"
              style={{ marginTop: 16 }}
              loading={save.isPending}
              disabled={!draft}
              onClick={() =>
                draft &&
                save.mutate(draft, {
                  onSuccess: () => {
                    setDraft(null);
                    void message.success(t('inspections.plan.saved'));
                  },
                  onError: (e) => void message.error(describeError(e)),
                })
              }
            >
              {t('inspections.plan.save')}
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}
