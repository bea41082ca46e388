import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, DatePicker, Descriptions, Drawer, Flex, Rate, Select, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_FORM_KINDS, MODEL_ROOM_TOPICS, type FeedbackForm, type FeedbackFormKind } from '@anchang/contracts';
import { dateToPicker, isLocalDate, pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { usePosts } from '../posts/use-posts';
import { useFeedbackForms, type FormFilter } from './feedback-api';
import { formSummaryLine } from './feedback-format';

const KIND_COLORS: Record<FeedbackFormKind, string> = { model_room: 'purple', parking: 'cyan' };
const INTENTION_COLORS = { high: 'green', medium: 'blue', low: 'orange', unknown: 'default' } as const;

/** 客户反馈表: the model-room and car-park forms the posts filed, filtered by day range, form and post; one opens beside the list. */
export function FeedbackFormsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const filter: FormFilter = {
    kind: FEEDBACK_FORM_KINDS.find((k) => k === kindParam),
    postId: params.get('post') ?? undefined,
    from: isLocalDate(params.get('from')) ? params.get('from')! : undefined,
    to: isLocalDate(params.get('to')) ? params.get('to')! : undefined,
  };
  const setFilter = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const list = useFeedbackForms(site.id, filter);
  const posts = usePosts(site.id);
  const forms = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = forms.find((f) => f.id === openId) ?? null;
  const today = todayAt(site.timeZone);

  const columns: TableColumnsType<FeedbackForm> = [
    { title: t('customerFeedback.console.columns.date'), dataIndex: 'date', width: 110 },
    {
      title: t('customerFeedback.console.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: FeedbackFormKind) => <Tag color={KIND_COLORS[kind]}>{t(`customerFeedback.kindsShort.${kind}`)}</Tag>,
    },
    {
      title: t('customerFeedback.console.columns.who'),
      key: 'who',
      width: 200,
      render: (_, f) => (
        <Flex vertical>
          <span>{f.personName}</span>
          {f.postName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.postName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('customerFeedback.console.columns.highlights'),
      key: 'highlights',
      render: (_, f) => (
        <Flex gap={6} align="center" style={{ minWidth: 0 }}>
          {f.modelRoom ? (
            <Tag color={INTENTION_COLORS[f.modelRoom.intention]} style={{ flex: 'none' }}>
              {t(`customerFeedback.intentions.${f.modelRoom.intention}`)}
            </Tag>
          ) : null}
          {f.parking && f.parking.askKind !== 'none' ? (
            <Tag color={f.parking.askKind === 'complaint' ? 'red' : 'gold'} style={{ flex: 'none' }}>
              {t(`customerFeedback.askKinds.${f.parking.askKind}`)}
            </Tag>
          ) : null}
          <Typography.Text ellipsis={{ tooltip: true }} style={{ flex: 1, minWidth: 0 }}>
            {formSummaryLine(f, t, { withChoices: false })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('customerFeedback.console.columns.time'),
      dataIndex: 'createdAt',
      width: 130,
      render: (at: number) => formatLocal(at, site.timeZone, 'MM-DD HH:mm'),
    },
  ];

  return (
    <>
      <PageHeader title={t('customerFeedback.console.title')} subtitle={t('customerFeedback.console.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            value={[filter.from ? dateToPicker(filter.from) : null, filter.to ? dateToPicker(filter.to) : null]}
            disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
            onChange={(range) =>
              setFilter({ from: range?.[0] ? pickerToDate(range[0]) : undefined, to: range?.[1] ? pickerToDate(range[1]) : undefined })
            }
            aria-label={t('customerFeedback.console.dateRange')}
          />
          <Select
            style={{ width: 220 }}
            value={filter.kind ?? 'all'}
            onChange={(v) => setFilter({ kind: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('customerFeedback.console.allKinds') },
              ...FEEDBACK_FORM_KINDS.map((k) => ({ value: k, label: t(`customerFeedback.kinds.${k}`) })),
            ]}
            aria-label={t('customerFeedback.console.columns.kind')}
          />
          <Select
            style={{ width: 200 }}
            value={filter.postId ?? 'all'}
            loading={posts.isPending}
            onChange={(v) => setFilter({ post: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('customerFeedback.console.allPosts') },
              ...(posts.data ?? []).filter((p) => ['MODEL', 'MODELSVC', 'PARK'].includes(p.kind)).map((p) => ({ value: p.id, label: p.name })),
            ]}
            aria-label={t('customerFeedback.console.columns.post')}
          />
        </Flex>
        <PagedTable
          query={list}
          rowKey="id"
          columns={columns}
          onRow={(f) => ({ onClick: () => setOpenId(f.id), style: { cursor: 'pointer' } })}
          empty={{ title: t('customerFeedback.console.empty'), hint: t('customerFeedback.console.emptyHint') }}
          loadedText={false}
          flush={false}
          testId="feedback-form-list"
        />
      </Card>
      <Drawer
        width={520}
        open={!!open}
        onClose={() => setOpenId(null)}
        title={open ? t(`customerFeedback.kinds.${open.kind}`) : t('customerFeedback.console.detail')}
      >
        {open ? <FormDetail form={open} timeZone={site.timeZone} /> : null}
      </Drawer>
    </>
  );
}

function FormDetail({ form, timeZone }: { form: FeedbackForm; timeZone: string }) {
  const { t } = useTranslation();
  const none = t('customerFeedback.console.noNote');
  return (
    <Flex vertical gap={16} data-testid="feedback-form-detail">
      <Typography.Text type="secondary">
        {t('customerFeedback.console.filedBy', { name: form.personName, time: formatLocal(form.createdAt, timeZone, 'YYYY-MM-DD HH:mm') })}
        {form.postName ? ` · ${form.postName}` : ''} ·{' '}
        {form.visitId ? t('customerFeedback.console.visitLinked') : t('customerFeedback.console.noVisit')}
      </Typography.Text>
      {form.modelRoom ? (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('customerFeedback.phone.customerRef')}>{form.modelRoom.customerRef || none}</Descriptions.Item>
            <Descriptions.Item label={t('customerFeedback.phone.unitType')}>{form.modelRoom.unitType || none}</Descriptions.Item>
            <Descriptions.Item label={t('customerFeedback.phone.intention')}>
              <Tag color={INTENTION_COLORS[form.modelRoom.intention]}>{t(`customerFeedback.intentions.${form.modelRoom.intention}`)}</Tag>
            </Descriptions.Item>
          </Descriptions>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }} title={t('customerFeedback.phone.views')}>
            {MODEL_ROOM_TOPICS.map((topic) => {
              const view = form.modelRoom!.views[topic];
              return (
                <Descriptions.Item key={topic} label={t(`customerFeedback.topics.${topic}`)}>
                  <Flex vertical gap={2}>
                    {view.rating ? (
                      <span>
                        <Rate disabled value={view.rating} style={{ fontSize: 14 }} />{' '}
                        {t(`customerFeedback.ratings.${String(view.rating) as '1' | '2' | '3' | '4' | '5'}`)}
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{t('customerFeedback.console.noRating')}</Typography.Text>
                    )}
                    {view.note ? <span>{view.note}</span> : null}
                  </Flex>
                </Descriptions.Item>
              );
            })}
          </Descriptions>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('customerFeedback.phone.notes')}>{form.modelRoom.notes || none}</Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
      {form.parking ? (
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('customerFeedback.phone.origin')}>{form.parking.origin || none}</Descriptions.Item>
          <Descriptions.Item label={t('customerFeedback.phone.channel')}>{t(`customerFeedback.channels.${form.parking.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('customerFeedback.phone.plate')}>{form.parking.plateMasked ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('customerFeedback.phone.partySize')}>{form.parking.partySize ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('customerFeedback.phone.ask')}>
            {form.parking.askKind === 'none' ? (
              t('customerFeedback.askKinds.none')
            ) : (
              <Flex vertical gap={4}>
                <Tag color={form.parking.askKind === 'complaint' ? 'red' : 'gold'} style={{ width: 'fit-content' }}>
                  {t(`customerFeedback.askKinds.${form.parking.askKind}`)}
                </Tag>
                <span>{form.parking.askText}</span>
              </Flex>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('customerFeedback.phone.remarks')}>{form.parking.remarks || none}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Link to={`../customer-summary?date=${form.date}`} relative="path">
        {t('customerFeedback.console.summaryLink')}
      </Link>
    </Flex>
  );
}
