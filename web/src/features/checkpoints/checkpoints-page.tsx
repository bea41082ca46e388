import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Dropdown,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  MoreOutlined,
  PlusOutlined,
  PrinterOutlined,
  QrcodeOutlined,
  StopOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import type { Checkpoint } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useZones } from '../zones/use-zones';
import type { CheckpointInput } from './checkpoints-api';
import { useCheckpointAction, useCheckpoints } from './use-checkpoints';

/** 巡视点: the QR posters on site, their last scans; revoke a lost poster, print new ones. */
export function CheckpointsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const checkpoints = useCheckpoints(site.id);
  const act = useCheckpointAction(site.id);
  const [editing, setEditing] = useState<Checkpoint | null | undefined>(undefined);
  const [showRevoked, setShowRevoked] = useState(false);
  const rows = (checkpoints.data ?? []).filter((c) => showRevoked || c.revokedAt === null);
  const posters = `/sites/${site.id}/checkpoints/posters`;

  const run = async (action: Parameters<typeof act.mutateAsync>[0], done: string) => {
    try {
      await act.mutateAsync(action);
      void message.success(done);
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const columns: TableColumnsType<Checkpoint> = [
    {
      title: t('patrols.checkpoints.nameZh'),
      key: 'name',
      render: (_, c) => (
        // The reader's language only; the printed poster carries both for visitors.
        <Typography.Text strong>{locale === 'en-US' && c.nameEn.trim() ? c.nameEn : c.nameZh}</Typography.Text>
      ),
    },
    { title: t('patrols.checkpoints.zone'), dataIndex: 'zoneName' },
    {
      title: t('patrols.checkpoints.location'),
      key: 'coords',
      render: (_, c) =>
        c.lat !== null && c.lng !== null ? `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}` : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('patrols.checkpoints.lastScan'),
      dataIndex: 'lastScanAt',
      render: (at: number | null) =>
        at === null ? <Typography.Text type="secondary">{t('patrols.checkpoints.never')}</Typography.Text> : formatDateTime(at, site.timeZone),
    },
    {
      title: t('patrols.checkpoints.status'),
      key: 'status',
      render: (_, c) =>
        c.revokedAt === null ? <Tag color="green">{t('patrols.checkpoints.live')}</Tag> : <Tag>{t('patrols.checkpoints.revoked')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" icon={<QrcodeOutlined />} disabled={c.revokedAt !== null} onClick={() => void navigate(`${posters}?id=${c.id}`)}>
            {t('patrols.checkpoints.poster')}
          </Button>
          <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(c)}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reissue', icon: <SyncOutlined />, label: t('patrols.checkpoints.reissue') },
                ...(c.revokedAt === null ? [{ key: 'revoke', icon: <StopOutlined />, label: t('patrols.checkpoints.revoke'), danger: true }] : []),
                // Only a checkpoint never scanned can go; one with history is revoked (CHECKPOINT_IN_USE).
                { key: 'delete', icon: <DeleteOutlined />, label: t('common.delete'), danger: true, disabled: c.lastScanAt !== null },
              ],
              onClick: ({ key }) => {
                const kind = key as 'reissue' | 'revoke' | 'delete';
                const title = {
                  reissue: t('patrols.checkpoints.reissueConfirm'),
                  revoke: t('patrols.checkpoints.revokeConfirm', { name: c.nameZh }),
                  delete: t('patrols.checkpoints.deleteConfirm', { name: c.nameZh }),
                }[kind];
                const done = { reissue: t('patrols.checkpoints.reissued'), revoke: t('patrols.checkpoints.revoked'), delete: t('common.deleted') }[
                  kind
                ];
                modal.confirm({ title, okButtonProps: { danger: kind !== 'reissue' }, onOk: () => run({ kind, id: c.id }, done) });
              },
            }}
          >
            <Button type="link" icon={<MoreOutlined />}>
              {t('patrols.checkpoints.more')}
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
      {t('patrols.checkpoints.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('patrols.checkpoints.title')}
        subtitle={t('patrols.checkpoints.subtitle')}
        extra={
          <>
            <Button icon={<PrinterOutlined />} disabled={!rows.some((c) => c.revokedAt === null)} onClick={() => void navigate(posters)}>
              {t('patrols.checkpoints.posters')}
            </Button>
            {createButton}
          </>
        }
      />
      {checkpoints.isError ? <ErrorAlert error={checkpoints.error} onRetry={() => void checkpoints.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '12px 16px' }}>
          <Checkbox checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)}>
            {t('patrols.checkpoints.showRevoked')}
          </Checkbox>
        </div>
        <Table<Checkpoint>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={checkpoints.isPending}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{
            emptyText: emptyOnceLoaded(
              checkpoints,
              <EmptyState title={t('patrols.checkpoints.empty')} hint={t('patrols.checkpoints.emptyHint')} action={createButton} />,
            ),
          }}
        />
      </Card>
      <CheckpointFormModal
        checkpoint={editing}
        saving={act.isPending}
        onClose={() => setEditing(undefined)}
        onSave={async (input) => {
          await run({ kind: 'save', id: editing?.id ?? null, input }, t('common.saved'));
          setEditing(undefined);
        }}
      />
    </>
  );
}

interface FormValues {
  zoneId: string;
  nameZh: string;
  nameEn: string;
  lat?: number | null;
  lng?: number | null;
}

function CheckpointFormModal(props: {
  checkpoint: Checkpoint | null | undefined;
  saving: boolean;
  onClose: () => void;
  onSave: (input: CheckpointInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const zones = useZones(site.id);
  const [form] = Form.useForm<FormValues>();
  const open = props.checkpoint !== undefined;
  return (
    <Modal
      open={open}
      title={props.checkpoint ? t('patrols.checkpoints.edit') : t('patrols.checkpoints.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: props.saving }}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.setFieldsValue(props.checkpoint ?? { zoneId: undefined, nameZh: '', nameEn: '', lat: null, lng: null });
      }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void props.onSave({ zoneId: v.zoneId, nameZh: v.nameZh, nameEn: v.nameEn, lat: v.lat ?? null, lng: v.lng ?? null })}
      >
        <Form.Item name="zoneId" label={t('patrols.checkpoints.zone')} rules={[{ required: true }]}>
          <Select options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))} loading={zones.isPending} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('patrols.checkpoints.nameZh')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input placeholder="东门岗亭" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('patrols.checkpoints.nameEn')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input placeholder="East gate" />
        </Form.Item>
        <Form.Item label={t('patrols.checkpoints.coordinates')} extra={t('patrols.checkpoints.coordinatesHint')}>
          <Space.Compact block>
            <Tooltip title={t('patrols.checkpoints.lat')}>
              <Form.Item name="lat" noStyle>
                <InputNumber min={-90} max={90} step={0.0001} placeholder={t('patrols.checkpoints.lat')} style={{ width: '50%' }} />
              </Form.Item>
            </Tooltip>
            <Tooltip title={t('patrols.checkpoints.lng')}>
              <Form.Item name="lng" noStyle>
                <InputNumber min={-180} max={180} step={0.0001} placeholder={t('patrols.checkpoints.lng')} style={{ width: '50%' }} />
              </Form.Item>
            </Tooltip>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
