import { useMemo, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { MoreOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { QRCodeSVG } from 'qrcode.react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ASSET_CATEGORIES, type Asset, type AssetCategory, type MaintenanceSchedule } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { canOverseeShifts } from '../../shared/auth/access';
import { todayAt } from '../../shared/format/local-date';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { PagedTable } from '../../shared/ui/paged-table';
import { newId } from '../../shared/offline/new-id';
import { useZones } from '../zones/use-zones';
import { assetQrUrl, equipmentApi, useAllAssets, useAssets, useMaintenance, useRepairMutation, type AssetInput } from '../repairs/repairs-api';
import { AssetLabel, AssetLabelsModal } from './asset-labels';
import styles from './equipment.module.css';

/** 设施设备台账: the site's assets with their QR labels, and the maintenance schedules. */
export function EquipmentPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const [tab, setTab] = useState('assets');
  return (
    <>
      <PageHeader title={t('equipment.ledger.title')} subtitle={t('equipment.ledger.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'assets', label: t('equipment.ledger.tabAssets'), children: <AssetsTab siteId={site.id} siteName={site.name} /> },
          { key: 'maintenance', label: t('equipment.ledger.tabMaintenance'), children: <MaintenanceTab siteId={site.id} timeZone={site.timeZone} /> },
        ]}
      />
    </>
  );
}

function AssetsTab({ siteId, siteName }: { siteId: string; siteName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { modal, message } = App.useApp();
  const site = useCurrentSite();
  const canKeep = canOverseeShifts(site.role);
  const zones = useZones(siteId);
  const [zoneId, setZoneId] = useState<string | undefined>();
  const [category, setCategory] = useState<AssetCategory | undefined>();
  const list = useAssets(siteId, { zoneId, category });
  const [editing, setEditing] = useState<Asset | 'new' | null>(null);
  const [labels, setLabels] = useState<Asset[] | null>(null);
  const code = useRepairMutation(siteId, ({ assetId, action }: { assetId: string; action: 'reissue' | 'revoke' }) =>
    equipmentApi.assetCode(siteId, assetId, action),
  );
  const retire = useRepairMutation(siteId, (assetId: string) => equipmentApi.retireAsset(siteId, assetId));

  const confirm = (title: string, run: () => Promise<unknown>): void => {
    modal.confirm({
      title,
      onOk: () =>
        run().then(
          () => void message.success(t('equipment.ledger.saved')),
          (error: unknown) => void message.error(describeError(error)),
        ),
    });
  };

  const columns: TableColumnsType<Asset> = [
    {
      title: t('equipment.ledger.name'),
      key: 'name',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text strong>{locale === 'zh-CN' ? a.nameZh : a.nameEn}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {locale === 'zh-CN' ? a.nameEn : a.nameZh}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('equipment.ledger.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: AssetCategory) => <Tag>{t(`equipment.categories.${c}`)}</Tag>,
    },
    {
      title: t('equipment.ledger.zone'),
      key: 'zone',
      width: 200,
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text>{a.zoneName}</Typography.Text>
          {a.locationNote ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.locationNote}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('equipment.ledger.model'), dataIndex: 'model', width: 150, render: (m: string) => m || '—' },
    {
      title: t('equipment.ledger.installedOn'),
      dataIndex: 'installedOn',
      width: 110,
      render: (d: string | null) => <span className={styles.num}>{d ?? '—'}</span>,
    },
    {
      title: t('equipment.orders.status'),
      key: 'open',
      width: 130,
      render: (_, a) =>
        a.openWorkOrders ? (
          <Badge status="processing" text={t('equipment.ledger.openOrders', { count: a.openWorkOrders })} />
        ) : (
          <Badge status="success" text="OK" />
        ),
    },
    {
      title: t('equipment.ledger.qr'),
      key: 'qr',
      width: 80,
      render: (_, a) =>
        a.code ? (
          <span className={styles.qr} onClick={() => setLabels([a])} title={assetQrUrl(a.code)} data-testid="asset-qr">
            <QRCodeSVG value={assetQrUrl(a.code)} size={44} marginSize={0} />
          </span>
        ) : (
          <Tag color="default">{t('equipment.ledger.revoked')}</Tag>
        ),
    },
    ...(canKeep
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, a: Asset) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(a)}>
                  {t('common.edit')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'label', label: t('equipment.ledger.label'), disabled: !a.code, onClick: () => setLabels([a]) },
                      {
                        key: 'reissue',
                        label: t('equipment.ledger.reissue'),
                        onClick: () => confirm(t('equipment.ledger.reissueConfirm'), () => code.mutateAsync({ assetId: a.id, action: 'reissue' })),
                      },
                      {
                        key: 'revoke',
                        label: t('equipment.ledger.revoke'),
                        disabled: !a.code,
                        onClick: () => confirm(t('equipment.ledger.revokeConfirm'), () => code.mutateAsync({ assetId: a.id, action: 'revoke' })),
                      },
                      { type: 'divider' as const },
                      {
                        key: 'retire',
                        danger: true,
                        label: t('equipment.ledger.retire'),
                        onClick: () => confirm(t('equipment.ledger.retireConfirm'), () => retire.mutateAsync(a.id)),
                      },
                    ],
                  }}
                >
                  <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} />
                </Dropdown>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center" wrap>
          <Select
            allowClear
            placeholder={t('equipment.ledger.allZones')}
            style={{ width: 180 }}
            value={zoneId}
            onChange={setZoneId}
            options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))}
          />
          <Select
            allowClear
            placeholder={t('equipment.ledger.allCategories')}
            style={{ width: 160 }}
            value={category}
            onChange={setCategory}
            options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(`equipment.categories.${c}`) }))}
          />
          <span style={{ flex: 1 }} />
          <PrintAllButton siteId={siteId} onOpen={setLabels} />
          {canKeep ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="asset-add">
              {t('equipment.ledger.add')}
            </Button>
          ) : null}
        </Flex>
        <PagedTable<Asset>
          query={list}
          rowKey="id"
          columns={columns}
          empty={{ title: t('equipment.ledger.empty'), hint: t('equipment.ledger.emptyHint') }}
          loadedText={(count) => t('equipment.ledger.loaded', { count })}
        />
      </Card>
      {editing ? <AssetModal siteId={siteId} asset={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {labels?.length === 1 ? (
        <Modal open title={t('equipment.ledger.label')} onCancel={() => setLabels(null)} footer={null} width={300}>
          <AssetLabel asset={labels[0]!} siteName={siteName} />
        </Modal>
      ) : (
        <AssetLabelsModal assets={labels ?? []} siteName={siteName} open={!!labels} onClose={() => setLabels(null)} />
      )}
    </>
  );
}

function PrintAllButton({ siteId, onOpen }: { siteId: string; onOpen: (assets: Asset[]) => void }) {
  const { t } = useTranslation();
  const all = useAllAssets(siteId);
  return (
    <Button icon={<PrinterOutlined />} disabled={!all.data?.length} loading={all.isPending} onClick={() => onOpen(all.data ?? [])}>
      {t('equipment.ledger.labels')}
    </Button>
  );
}

interface AssetFormValues {
  zoneId: string;
  category: AssetCategory;
  nameZh: string;
  nameEn: string;
  model?: string;
  locationNote?: string;
  installedOn?: dayjs.Dayjs | null;
}

function AssetModal({ siteId, asset, onClose }: { siteId: string; asset: Asset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const zones = useZones(siteId);
  const [form] = Form.useForm<AssetFormValues>();
  const [id] = useState(newId);
  const save = useRepairMutation(siteId, (input: AssetInput) =>
    asset ? equipmentApi.updateAsset(siteId, asset.id, input) : equipmentApi.createAsset(siteId, { id, ...input }),
  );
  const submit = (v: AssetFormValues) =>
    save.mutate(
      {
        zoneId: v.zoneId,
        category: v.category,
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        model: (v.model ?? '').trim(),
        locationNote: (v.locationNote ?? '').trim(),
        installedOn: v.installedOn ? v.installedOn.format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: () => {
          void message.success(t('equipment.ledger.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={asset ? t('equipment.ledger.edit') : t('equipment.ledger.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<AssetFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          asset
            ? { ...asset, installedOn: asset.installedOn ? dayjs(asset.installedOn) : null }
            : { category: 'air_conditioning' as AssetCategory, model: '', locationNote: '' }
        }
      >
        <Flex gap={12}>
          <Form.Item name="nameZh" label={t('equipment.ledger.nameZh')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('equipment.ledger.nameEn')} rules={[{ required: true, whitespace: true, max: 80 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="category" label={t('equipment.ledger.category')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={ASSET_CATEGORIES.map((c) => ({ value: c, label: t(`equipment.categories.${c}`) }))} />
          </Form.Item>
          <Form.Item name="zoneId" label={t('equipment.ledger.zone')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select loading={zones.isPending} options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="model" label={t('equipment.ledger.model')} rules={[{ max: 60 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="installedOn" label={t('equipment.ledger.installedOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="locationNote" label={t('equipment.ledger.location')} rules={[{ max: 120 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MaintenanceTab({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { modal, message } = App.useApp();
  const site = useCurrentSite();
  const canKeep = canOverseeShifts(site.role);
  const [dueOnly, setDueOnly] = useState(true);
  const list = useMaintenance(siteId, dueOnly);
  const schedules = useMemo(
    () => [...(list.data?.pages.flatMap((p) => p.items) ?? [])].sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn)),
    [list.data],
  );
  const [doneFor, setDoneFor] = useState<MaintenanceSchedule | null>(null);
  const [adding, setAdding] = useState(false);
  const remove = useRepairMutation(siteId, (scheduleId: string) => equipmentApi.removeMaintenance(siteId, scheduleId));
  const today = todayAt(timeZone);

  const columns: TableColumnsType<MaintenanceSchedule> = [
    {
      title: t('equipment.maintenance.asset'),
      key: 'asset',
      render: (_, m) => (
        <Flex vertical>
          <Typography.Text strong>{locale === 'zh-CN' ? m.assetNameZh : m.assetNameEn}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.zoneName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('equipment.maintenance.title'), dataIndex: 'title' },
    {
      title: t('equipment.maintenance.everyDays'),
      dataIndex: 'everyDays',
      width: 120,
      render: (n: number) => t('equipment.maintenance.everyDaysValue', { count: n }),
    },
    {
      title: t('equipment.maintenance.nextDue'),
      dataIndex: 'nextDueOn',
      width: 160,
      render: (d: string, m) => (
        <Space>
          <span className={styles.num}>{d}</span>
          {m.overdue ? (
            <Tag color="error">{t('equipment.maintenance.overdue')}</Tag>
          ) : d === today ? (
            <Tag color="warning">{t('equipment.maintenance.dueToday')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('equipment.maintenance.lastDone'),
      key: 'last',
      render: (_, m) =>
        m.lastDoneAt ? (
          <Flex vertical>
            <Typography.Text className={styles.num}>
              {formatLocal(m.lastDoneAt, timeZone, 'YYYY-MM-DD HH:mm')} · {m.lastDoneByName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.lastNote}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('equipment.maintenance.never')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDoneFor(m)}>
            {t('equipment.maintenance.done')}
          </Button>
          {canKeep ? (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                modal.confirm({
                  title: t('equipment.maintenance.removeConfirm'),
                  onOk: () => remove.mutateAsync(m.id).catch((error: unknown) => void message.error(describeError(error))),
                })
              }
            >
              {t('equipment.maintenance.remove')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} style={{ padding: 16 }} align="center">
          <Segmented<'due' | 'all'>
            value={dueOnly ? 'due' : 'all'}
            onChange={(v) => setDueOnly(v === 'due')}
            options={[
              { value: 'due', label: t('equipment.maintenance.filterDue') },
              { value: 'all', label: t('equipment.maintenance.filterAll') },
            ]}
          />
          <span style={{ flex: 1 }} />
          {canKeep ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('equipment.maintenance.add')}
            </Button>
          ) : null}
        </Flex>
        <PagedTable<MaintenanceSchedule>
          query={list}
          items={schedules}
          rowKey="id"
          columns={columns}
          empty={{ title: t(dueOnly ? 'equipment.maintenance.emptyDue' : 'equipment.maintenance.empty') }}
          loadedText={false}
        />
      </Card>
      {doneFor ? <DoneModal siteId={siteId} schedule={doneFor} onClose={() => setDoneFor(null)} /> : null}
      {adding ? <ScheduleModal siteId={siteId} today={today} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

function DoneModal({ siteId, schedule, onClose }: { siteId: string; schedule: MaintenanceSchedule; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const done = useRepairMutation(siteId, () => equipmentApi.maintenanceDone(siteId, schedule.id, note.trim()));
  return (
    <Modal
      open
      title={`${t('equipment.maintenance.done')} · ${schedule.title}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !note.trim() }}
      confirmLoading={done.isPending}
      onOk={() => done.mutate(undefined, { onSuccess: onClose })}
    >
      {done.isError ? <ErrorAlert error={done.error} /> : null}
      <Typography.Text type="secondary">{t('equipment.maintenance.doneNote')}</Typography.Text>
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={3}
        maxLength={300}
        placeholder={t('equipment.maintenance.doneNotePlaceholder')}
      />
    </Modal>
  );
}

interface ScheduleValues {
  assetId: string;
  title: string;
  everyDays: number;
  firstDueOn: dayjs.Dayjs;
}

function ScheduleModal({ siteId, today, onClose }: { siteId: string; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const assets = useAllAssets(siteId);
  const [form] = Form.useForm<ScheduleValues>();
  const [id] = useState(newId);
  const create = useRepairMutation(siteId, (v: ScheduleValues) =>
    equipmentApi.createMaintenance(siteId, {
      id,
      assetId: v.assetId,
      title: v.title.trim(),
      everyDays: v.everyDays,
      firstDueOn: v.firstDueOn.format('YYYY-MM-DD'),
    }),
  );
  return (
    <Modal
      open
      title={t('equipment.maintenance.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okText={t('common.save')}
    >
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        initialValues={{ everyDays: 30, firstDueOn: dayjs(today) }}
        onFinish={(v) => create.mutate(v, { onSuccess: onClose })}
      >
        <Form.Item name="assetId" label={t('equipment.maintenance.asset')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={assets.isPending}
            options={(assets.data ?? []).map((a) => ({ value: a.id, label: `${locale === 'zh-CN' ? a.nameZh : a.nameEn} · ${a.zoneName}` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('equipment.maintenance.title')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="everyDays" label={t('equipment.maintenance.everyDays')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={366} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="firstDueOn" label={t('equipment.maintenance.firstDueOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
