import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Row,
  Table,
  Tag,
  Timeline,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { CameraOutlined, CheckCircleFilled, PictureOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ModelRoom, ModelRoomCheck, ModelRoomItem, ModelRoomItemBody } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { photosApi } from '../../shared/api/photos';
import { canOverseeShifts } from '../../shared/auth/access';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EditDeleteActions } from '../../shared/ui/edit-delete-actions';
import { EmptyState } from '../../shared/ui/empty-state';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { newId } from '../../shared/offline/new-id';
import { photoUrl, useClosingDay, useModelRoomMutation, useModelRooms, useRoomChecks, useRoomItems } from './use-model-rooms';
import { modelRoomsApi } from './model-rooms-api';
import styles from './model-rooms.module.css';

/** 样板房物品: each model room's item list with photos, and its opening and closing checks. */
export function ModelRoomsPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const rooms = useModelRooms(site.id);
  const [params, setParams] = useSearchParams();
  const list = rooms.data?.items ?? [];
  const roomId = params.get('room') ?? list[0]?.zoneId ?? null;
  const room = list.find((r) => r.zoneId === roomId) ?? null;

  return (
    <>
      <PageHeader title={t('modelRooms.title')} subtitle={t('modelRooms.subtitle')} />
      {rooms.isError ? <ErrorAlert error={rooms.error} onRetry={() => void rooms.refetch()} /> : null}
      {rooms.isSuccess && list.length === 0 ? (
        <Card>
          <EmptyState title={t('modelRooms.noRooms')} hint={t('modelRooms.noRoomsHint')} />
        </Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={7}>
            <Flex vertical gap={12}>
              <ClosingCard />
              {list.map((r) => (
                <RoomCard key={r.zoneId} room={r} selected={r.zoneId === roomId} onSelect={() => setParams({ room: r.zoneId }, { replace: true })} />
              ))}
            </Flex>
          </Col>
          <Col xs={24} lg={17}>
            {room ? (
              <Flex vertical gap={16}>
                <ItemsCard room={room} />
                <HistoryCard room={room} />
              </Flex>
            ) : null}
          </Col>
        </Row>
      )}
    </>
  );
}

/** Today's closing routine (GUARD-IN-11): water, power and CCTV, who confirmed each off and when; live. */
function ClosingCard() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const day = useClosingDay(site.id);
  if (!day.data) return null;
  return (
    <Card
      size="small"
      title={t('modelRooms.closing.consoleTitle')}
      extra={
        <Tag color={day.data.isComplete ? 'green' : 'orange'} variant="filled">
          {day.data.isComplete ? t('modelRooms.closing.complete') : t('modelRooms.closing.incomplete')}
        </Tag>
      }
      data-testid="model-room-closing-card"
    >
      <Flex vertical gap={6}>
        {day.data.switches.map(({ switch: s, confirmation }) => (
          <Flex key={s} justify="space-between" align="baseline" data-testid="closing-switch-row">
            <Typography.Text>
              {confirmation ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <WarningFilled style={{ color: '#d46b08' }} />}{' '}
              {t(`modelRooms.closing.switches.${s}`)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {confirmation
                ? t('modelRooms.checkedBy', { name: confirmation.byName, time: formatLocal(confirmation.at, site.timeZone, 'HH:mm') })
                : t('modelRooms.closing.notConfirmed')}
            </Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('modelRooms.closing.consoleHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function RoomCard({ room, selected, onSelect }: { room: ModelRoom; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const c = room.lastCheck;
  const trouble = c && (c.missing > 0 || c.damaged > 0);
  return (
    <Card size="small" hoverable onClick={onSelect} className={`${styles.room} ${selected ? styles.roomSelected : ''}`} data-testid="model-room-card">
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong style={{ fontSize: 15 }}>
          {room.name}
        </Typography.Text>
        <Typography.Text type="secondary">{t('modelRooms.itemCount', { count: room.itemCount })}</Typography.Text>
      </Flex>
      <div style={{ marginTop: 8 }}>
        {c ? (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('modelRooms.lastCheck')} · {t(`modelRooms.phases.${c.phase}`)} ·{' '}
              {t('modelRooms.checkedBy', { name: c.byName, time: formatLocal(c.at, site.timeZone, 'MM-DD HH:mm') })}
            </Typography.Text>
            {trouble ? (
              <Flex gap={4}>
                {c.missing ? (
                  <Tag color="red" icon={<WarningFilled />} variant="filled">
                    {t('modelRooms.statuses.missing')} {c.missing}
                  </Tag>
                ) : null}
                {c.damaged ? (
                  <Tag color="orange" icon={<WarningFilled />} variant="filled">
                    {t('modelRooms.statuses.damaged')} {c.damaged}
                  </Tag>
                ) : null}
              </Flex>
            ) : (
              <Tag color="green" icon={<CheckCircleFilled />} variant="filled" style={{ alignSelf: 'flex-start' }}>
                {t('modelRooms.allPresent')}
              </Tag>
            )}
          </Flex>
        ) : (
          <Tag>{t('modelRooms.never')}</Tag>
        )}
      </div>
    </Card>
  );
}

function ItemsCard({ room }: { room: ModelRoom }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const editable = canOverseeShifts(site.role);
  const items = useRoomItems(site.id, room.zoneId);
  // The latest check's finding per item, so a missing or damaged one stands out in the list.
  const checks = useRoomChecks(site.id, room.zoneId);
  const latest = checks.data?.pages[0]?.items[0];
  const finding = new Map((latest?.lines ?? []).map((l) => [l.itemId, l]));
  const [editing, setEditing] = useState<ModelRoomItem | 'new' | null>(null);
  const archive = useModelRoomMutation(site.id, (id: string) => modelRoomsApi.archiveItem(site.id, id));

  const columns: TableColumnsType<ModelRoomItem> = [
    {
      title: t('modelRooms.photo'),
      key: 'photo',
      width: 84,
      render: (_, i) =>
        i.photoId ? (
          <Image src={photoUrl(site.id, i.photoId)} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 6 }} alt={i.name} />
        ) : (
          <div className={styles.noPhoto} title={t('modelRooms.noPhoto')}>
            <PictureOutlined />
          </div>
        ),
    },
    { title: t('modelRooms.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('modelRooms.quantity'), dataIndex: 'quantity', width: 80, align: 'right' },
    { title: t('modelRooms.position'), dataIndex: 'positionNote', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
    {
      title: latest ? `${t('modelRooms.lastCheck')} · ${t(`modelRooms.phases.${latest.phase}`)}` : t('modelRooms.lastCheck'),
      key: 'finding',
      width: 200,
      render: (_, i) => {
        const f = finding.get(i.id);
        if (!f) return <Typography.Text type="secondary">—</Typography.Text>;
        if (f.status === 'present') return <Tag color="green">{t('modelRooms.statuses.present')}</Tag>;
        return (
          <Flex vertical gap={2}>
            <Tag color={f.status === 'missing' ? 'red' : 'orange'} variant="filled" icon={<WarningFilled />} style={{ alignSelf: 'flex-start' }}>
              {t(`modelRooms.statuses.${f.status}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.status === 'missing' ? t('modelRooms.found', { found: f.foundQuantity ?? 0, expected: f.expected }) : f.note}
            </Typography.Text>
          </Flex>
        );
      },
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, i: ModelRoomItem) => (
              <EditDeleteActions
                onEdit={() => setEditing(i)}
                confirmTitle={t('modelRooms.deleteConfirm')}
                onDelete={() =>
                  void archive.mutateAsync(i.id).then(
                    () => message.success(t('modelRooms.deleted')),
                    (error: unknown) => message.error(describeError(error)),
                  )
                }
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={`${room.name} · ${t('modelRooms.items')}`}
      extra={
        editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('modelRooms.addItem')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
    >
      {items.isError ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
      <Table<ModelRoomItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items.data ?? []}
        loading={items.isPending}
        rowClassName={(i) => {
          const status = finding.get(i.id)?.status;
          return status === 'missing' ? (styles.missingRow ?? '') : status === 'damaged' ? (styles.damagedRow ?? '') : '';
        }}
        pagination={false}
        locale={{ emptyText: emptyOnceLoaded(items, <EmptyState title={t('modelRooms.noItems')} hint={t('modelRooms.noItemsHint')} />) }}
      />
      {editable ? <ItemModal roomId={room.zoneId} editing={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function ItemModal({ roomId, editing, onClose }: { roomId: string; editing: ModelRoomItem | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<ModelRoomItemBody>();
  const photoId = Form.useWatch('photoId', form);
  const [uploading, setUploading] = useState(false);
  const save = useModelRoomMutation(site.id, (input: ModelRoomItemBody) =>
    editing && editing !== 'new' ? modelRoomsApi.updateItem(site.id, editing.id, input) : modelRoomsApi.createItem(site.id, roomId, input),
  );
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new')
      form.setFieldsValue({ name: editing.name, quantity: editing.quantity, positionNote: editing.positionNote, photoId: editing.photoId });
  }, [editing, form]);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ ...values, photoId: values.photoId ?? null });
      void message.success(t('modelRooms.saved'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Modal
      open={!!editing}
      title={editing === 'new' ? t('modelRooms.addItem') : t('modelRooms.editItem')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" name="model-room-item" initialValues={{ quantity: 1 }} style={{ marginTop: 16 }}>
        <Flex gap={12}>
          <Form.Item name="name" label={t('modelRooms.name')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="quantity" label={t('modelRooms.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 110 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="positionNote" label={t('modelRooms.position')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="photoId" label={t('modelRooms.photo')}>
          <Flex gap={12} align="center">
            {photoId ? <Image src={photoUrl(site.id, photoId)} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} /> : null}
            <Upload
              accept="image/*"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const id = newId();
                setUploading(true);
                photosApi
                  .upload(site.id, id, file as Blob)
                  .then(() => {
                    form.setFieldValue('photoId', id);
                    onSuccess?.(id);
                  })
                  .catch((error: unknown) => {
                    void message.error(describeError(error));
                    onError?.(error as Error);
                  })
                  .finally(() => setUploading(false));
              }}
            >
              <Button icon={<CameraOutlined />} loading={uploading}>
                {t('modelRooms.uploadPhoto')}
              </Button>
            </Upload>
            {photoId ? (
              <Button type="link" danger onClick={() => form.setFieldValue('photoId', null)}>
                {t('modelRooms.removePhoto')}
              </Button>
            ) : null}
          </Flex>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HistoryCard({ room }: { room: ModelRoom }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const checks = useRoomChecks(site.id, room.zoneId);
  const rows = useMemo(() => checks.data?.pages.flatMap((p) => p.items) ?? [], [checks.data]);
  return (
    <Card title={t('modelRooms.history')}>
      {checks.isError ? <ErrorAlert error={checks.error} onRetry={() => void checks.refetch()} /> : null}
      {rows.length === 0 && !checks.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('modelRooms.noChecks')} />
      ) : (
        <Timeline items={rows.map((c) => ({ color: c.missing ? 'red' : c.damaged ? 'orange' : 'green', children: <CheckEntry check={c} /> }))} />
      )}
      {checks.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void checks.fetchNextPage()} loading={checks.isFetchingNextPage}>
            {t('supplies.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

function CheckEntry({ check }: { check: ModelRoomCheck }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const problems = check.lines.filter((l) => l.status !== 'present');
  return (
    <div data-testid="model-room-check">
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text strong>{t(`modelRooms.phases.${check.phase}`)}</Typography.Text>
        <Typography.Text type="secondary">
          {t('modelRooms.checkedBy', { name: check.byName, time: formatLocal(check.at, site.timeZone, 'YYYY-MM-DD HH:mm') })}
        </Typography.Text>
        <Typography.Text type="secondary">
          · {t('modelRooms.summary', { present: check.present, missing: check.missing, damaged: check.damaged })}
        </Typography.Text>
      </Flex>
      {problems.length ? (
        <Flex vertical gap={6} style={{ marginTop: 6 }}>
          {problems.map((l) => (
            <Flex key={l.itemId} gap={8} align="center" className={l.status === 'missing' ? styles.missingLine : styles.damagedLine}>
              <Tag color={l.status === 'missing' ? 'red' : 'orange'} variant="filled">
                {t(`modelRooms.statuses.${l.status}`)}
              </Tag>
              <Typography.Text strong>{l.itemName}</Typography.Text>
              {l.status === 'missing' ? (
                <Typography.Text>{t('modelRooms.found', { found: l.foundQuantity ?? 0, expected: l.expected })}</Typography.Text>
              ) : null}
              {l.note ? <Typography.Text type="secondary">{l.note}</Typography.Text> : null}
              {l.photoId ? <Image src={photoUrl(site.id, l.photoId)} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} /> : null}
              {l.incidentId ? <Tag bordered={false}>{t('modelRooms.incidentRaised')}</Tag> : null}
            </Flex>
          ))}
        </Flex>
      ) : null}
    </div>
  );
}
