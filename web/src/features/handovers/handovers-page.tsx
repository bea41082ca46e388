/**
 * 交接班 in the console: the day's handovers (newest first, page by page) with who handed over,
 * what, who took over and when; one opens in a drawer. Site managers set which posts hand over
 * and how long the incoming person has to confirm. Live: `handover.changed` refetches.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import {
  App as AntApp,
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
  List,
  Modal,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { POST_KINDS, ROLE_GROUPS, type Handover, type HandoverSettings, type MeSite } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { addDays, dateToPicker, isLocalDate, pickerToDate, todayAt } from '../../shared/format/local-date';
import { formatDateTime, formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { flattenPages } from '../notices/use-notifications';
import { displayStatus, photoUrl } from './handovers-api';
import { useHandoverSettings, useHandoversOn, useSaveHandoverSettings } from './use-handovers';

const STATUS_COLORS = { written: 'blue', confirmed: 'green', overdue: 'red' } as const;

export function HandoversPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const now = useNow(60_000);
  const today = todayAt(site.timeZone, now);
  const [params, setParams] = useSearchParams();
  const requested = params.get('date');
  const date = isLocalDate(requested) && requested <= today ? requested : today;
  const isToday = date === today;
  const goTo = (next: string) => setParams(next >= today ? {} : { date: next });
  const list = useHandoversOn(site.id, date);
  const items = useMemo(() => flattenPages(list.data), [list.data]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const open = items.find((h) => h.id === openId) ?? null;
  const canSetUp = ROLE_GROUPS.siteManagers.includes(site.role);
  const time = (ms: number) => formatLocal(ms, site.timeZone, 'MM-DD HH:mm');

  const columns: TableColumnsType<Handover> = [
    {
      title: t('handovers.columns.post'),
      dataIndex: 'postName',
      width: 160,
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('handovers.columns.from'),
      key: 'from',
      width: 170,
      render: (_, h) => (
        <Flex vertical gap={2}>
          <span>{h.fromName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {time(h.writtenAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('handovers.columns.items'),
      key: 'items',
      render: (_, h) => (
        <Flex vertical gap={2}>
          <span>
            {t('handovers.itemsSummary', {
              open: h.openItems.length,
              handed: h.equipment.filter((e) => e.handed).length,
              total: h.equipment.length,
            })}
          </span>
          {h.openItems[0] ? (
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 360 }}>
              {h.openItems.join(t('common.listSeparator'))}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('handovers.columns.to'),
      key: 'to',
      width: 190,
      render: (_, h) =>
        h.status === 'confirmed' ? (
          <Flex vertical gap={2}>
            <span data-testid="handover-row-confirmed-by">{h.confirmedName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time(h.confirmedAt!)}
            </Typography.Text>
          </Flex>
        ) : (
          <Flex vertical gap={2}>
            <span>{h.expectedName ?? t('handovers.anyone')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('handovers.confirmBy', { time: time(h.confirmBy) })}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('handovers.columns.status'),
      key: 'status',
      width: 120,
      render: (_, h) => {
        const status = displayStatus(h, now);
        return (
          <Tag color={STATUS_COLORS[status]} variant="filled" data-status={status}>
            {t(`handovers.status.${status}`)}
          </Tag>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('handovers.title')}
        subtitle={t('handovers.subtitle')}
        extra={
          canSetUp ? (
            <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="handover-settings-open">
              {t('handovers.settings')}
            </Button>
          ) : null
        }
      />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Button icon={<LeftOutlined />} onClick={() => goTo(addDays(date, -1))} aria-label={t('handovers.prevDay')} />
        <DatePicker
          value={dateToPicker(date)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
          onChange={(value) => value && goTo(pickerToDate(value))}
          style={{ width: 160 }}
          aria-label={t('handovers.title')}
        />
        <Button icon={<RightOutlined />} disabled={isToday} onClick={() => goTo(addDays(date, 1))} aria-label={t('handovers.nextDay')} />
        <Button onClick={() => goTo(today)} disabled={isToday}>
          {t('handovers.today')}
        </Button>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <PagedTable<Handover>
          query={list}
          rowKey="id"
          columns={columns}
          onRow={(h) => ({ 'data-testid': 'handover-row', onClick: () => setOpenId(h.id), style: { cursor: 'pointer' } })}
          empty={{ title: t('handovers.empty'), hint: t('handovers.emptyHint') }}
        />
      </Card>
      <Drawer open={open !== null} onClose={() => setOpenId(null)} width={520} title={open ? `${t('handovers.detailTitle')} · ${open.postName}` : ''}>
        {open ? <HandoverDetail site={site} handover={open} now={now} /> : null}
      </Drawer>
      {editing ? <SettingsModal site={site} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function HandoverDetail({ site, handover: h, now }: { site: MeSite; handover: Handover; now: number }) {
  const { t } = useTranslation();
  const status = displayStatus(h, now);
  return (
    <Flex vertical gap={20} data-testid="handover-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('handovers.columns.status')}>
          <Tag color={STATUS_COLORS[status]}>{t(`handovers.status.${status}`)}</Tag>
          {h.alertedAt ? (
            <Typography.Text type="secondary">{t('handovers.alerted', { time: formatDateTime(h.alertedAt, site.timeZone) })}</Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('handovers.writtenBy')}>
          {h.fromName} · {formatDateTime(h.writtenAt, site.timeZone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('handovers.expected')}>{h.expectedName ?? t('handovers.anyone')}</Descriptions.Item>
        <Descriptions.Item label={t('handovers.confirmedBy')}>
          {h.confirmedName && h.confirmedAt
            ? `${h.confirmedName} · ${formatDateTime(h.confirmedAt, site.timeZone)}`
            : t('handovers.confirmBy', { time: formatDateTime(h.confirmBy, site.timeZone) })}
        </Descriptions.Item>
        {h.confirmNote ? <Descriptions.Item label={t('handovers.confirmNote')}>{h.confirmNote}</Descriptions.Item> : null}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('handovers.openItems')}</Typography.Title>
        {h.openItems.length ? (
          <List size="small" bordered dataSource={h.openItems} renderItem={(item, i) => <List.Item>{`${i + 1}. ${item}`}</List.Item>} />
        ) : (
          <Typography.Text type="secondary">{t('handovers.noOpenItems')}</Typography.Text>
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('handovers.equipment')}</Typography.Title>
        {h.equipment.length ? (
          <Flex vertical gap={6}>
            {h.equipment.map((e, i) => (
              <span key={i}>
                {e.handed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ExclamationCircleFilled style={{ color: '#fa8c16' }} />} {e.name}{' '}
                <Typography.Text type="secondary">· {e.handed ? t('handovers.handed') : t('handovers.notHanded')}</Typography.Text>
              </span>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('handovers.nothing')}</Typography.Text>
        )}
      </div>
      {h.notes ? (
        <div>
          <Typography.Title level={5}>{t('handovers.notes')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{h.notes}</Typography.Paragraph>
        </div>
      ) : null}
      {h.photoIds.length ? (
        <div>
          <Typography.Title level={5}>{t('handovers.photos')}</Typography.Title>
          <Image.PreviewGroup>
            <Flex gap={8} wrap>
              {h.photoIds.map((id) => (
                <Image key={id} src={photoUrl(site.id, id)} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} />
              ))}
            </Flex>
          </Image.PreviewGroup>
        </div>
      ) : null}
    </Flex>
  );
}

function SettingsModal({ site, onClose }: { site: MeSite; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const settings = useHandoverSettings(site.id);
  const save = useSaveHandoverSettings(site.id);
  const [form] = Form.useForm<HandoverSettings>();
  const onOk = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync(values);
      void message.success(t('handovers.settingsSaved'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Modal
      open
      title={t('handovers.settings')}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('handovers.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {settings.data ? (
        <Form form={form} layout="vertical" initialValues={settings.data}>
          <Form.Item
            name="confirmMinutes"
            label={t('handovers.settingsMinutes')}
            extra={t('handovers.settingsMinutesHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={5} max={240} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="postKinds" label={t('handovers.settingsPosts')}>
            <Checkbox.Group options={POST_KINDS.map((k) => ({ value: k, label: t(`postKinds.${k}`) }))} />
          </Form.Item>
        </Form>
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      )}
    </Modal>
  );
}
