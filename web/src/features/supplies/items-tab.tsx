import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, List, Modal, Row, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SUPPLY_CATEGORIES, type SupplyItem, type SupplyItemBody } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useCurrentSite } from '../../shared/site/current-site';
import { EditDeleteActions } from '../../shared/ui/edit-delete-actions';
import { emptyOnceLoaded, ErrorAlert } from '../../shared/ui/load-state';
import { PagedTable } from '../../shared/ui/paged-table';
import { useSuppliesMutation, useSupplyItems, useSupplyStores } from './use-supplies';
import { suppliesApi } from './supplies-api';

/** The item list (names in both languages, unit, category, threshold) and the site's stores. */
export function ItemsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const items = useSupplyItems(site.id);
  const [editing, setEditing] = useState<SupplyItem | 'new' | null>(null);
  const archive = useSuppliesMutation(site.id, (id: string) => suppliesApi.archiveItem(site.id, id));

  const columns: TableColumnsType<SupplyItem> = [
    { title: t('supplies.nameZh'), dataIndex: 'nameZh', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('supplies.nameEn'), dataIndex: 'nameEn' },
    { title: t('supplies.unit'), dataIndex: 'unit', width: 80 },
    {
      title: t('supplies.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: SupplyItem['category']) => <Tag>{t(`supplies.categories.${c}`)}</Tag>,
    },
    { title: t('supplies.threshold'), dataIndex: 'lowStockThreshold', width: 100, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, item) => (
        <EditDeleteActions
          onEdit={() => setEditing(item)}
          confirmTitle={t('supplies.items.deleteConfirm')}
          onDelete={() =>
            void archive.mutateAsync(item.id).then(
              () => message.success(t('supplies.items.deleted')),
              (error: unknown) => message.error(describeError(error)),
            )
          }
        />
      ),
    },
  ];

  return (
    <Row gutter={16} style={{ padding: 16 }}>
      <Col xs={24} xl={17}>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('supplies.items.add')}
          </Button>
        </Flex>
        <PagedTable<SupplyItem> query={items} rowKey="id" columns={columns} empty={{ title: t('supplies.empty.items') }} flush={false} />
      </Col>
      <Col xs={24} xl={7}>
        <StoresCard />
      </Col>
      <ItemModal editing={editing} onClose={() => setEditing(null)} />
    </Row>
  );
}

function StoresCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const stores = useSupplyStores(site.id);
  const [name, setName] = useState('');
  const create = useSuppliesMutation(site.id, (n: string) => suppliesApi.createStore(site.id, n));
  const add = async () => {
    if (!name.trim()) return;
    try {
      await create.mutateAsync(name.trim());
      setName('');
      void message.success(t('supplies.items.storeSaved'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Card title={t('supplies.items.stores')} size="small">
      {stores.isError ? <ErrorAlert error={stores.error} onRetry={() => void stores.refetch()} /> : null}
      <List
        size="small"
        dataSource={stores.data?.items ?? []}
        loading={stores.isPending}
        locale={{ emptyText: emptyOnceLoaded(stores, t('supplies.empty.stores')) }}
        renderItem={(s) => (
          <List.Item>
            <ShopOutlined style={{ marginRight: 8, color: '#1e4f8f' }} />
            {s.name}
          </List.Item>
        )}
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={40}
          placeholder={t('supplies.items.storePlaceholder')}
          onPressEnter={() => void add()}
        />
        <Button icon={<PlusOutlined />} onClick={() => void add()} loading={create.isPending} disabled={!name.trim()}>
          {t('supplies.items.addStore')}
        </Button>
      </Flex>
    </Card>
  );
}

function ItemModal({ editing, onClose }: { editing: SupplyItem | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const [form] = Form.useForm<SupplyItemBody>();
  const save = useSuppliesMutation(site.id, (input: SupplyItemBody) =>
    editing && editing !== 'new' ? suppliesApi.updateItem(site.id, editing.id, input) : suppliesApi.createItem(site.id, input),
  );
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync(values);
      void message.success(t('supplies.items.saved'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };
  return (
    <Modal
      open={!!editing}
      title={editing === 'new' ? t('supplies.items.add') : t('supplies.items.edit')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" name="supply-item" initialValues={{ category: 'drinks', lowStockThreshold: 0 }} style={{ marginTop: 16 }}>
        <Flex gap={12}>
          <Form.Item name="nameZh" label={t('supplies.nameZh')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('supplies.nameEn')} rules={[{ required: true, whitespace: true }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="unit" label={t('supplies.unit')} rules={[{ required: true, whitespace: true }]} style={{ width: 120 }}>
            <Input maxLength={10} />
          </Form.Item>
          <Form.Item name="category" label={t('supplies.category')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={SUPPLY_CATEGORIES.map((c) => ({ value: c, label: t(`supplies.categories.${c}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="lowStockThreshold" label={t('supplies.threshold')} tooltip={t('supplies.items.thresholdHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
