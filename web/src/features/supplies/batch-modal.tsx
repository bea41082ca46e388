import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/errors';
import { useCurrentSite } from '../../shared/site/current-site';
import { newId } from '../../shared/offline/new-id';
import { useItemName } from './supplies-ui';
import { flatten, useSuppliesMutation, useSupplyItems, useSupplyStores } from './use-supplies';
import { suppliesApi } from './supplies-api';

interface Values {
  storeId: string;
  lines: { itemId?: string; quantity?: number }[];
  note?: string;
}

/**
 * Receiving into a store, or issuing out of one without a requisition. The batch id is fixed
 * while the dialog is open, so pressing OK again after a lost answer stores it once.
 */
export function BatchModal({ kind, open, onClose }: { kind: 'receipt' | 'issue'; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const name = useItemName();
  const [form] = Form.useForm<Values>();
  const [batchId, setBatchId] = useState(newId);
  const stores = useSupplyStores(site.id);
  const items = useSupplyItems(site.id);
  const save = useSuppliesMutation(site.id, (v: Values & { id: string }) => {
    const input = {
      id: v.id,
      storeId: v.storeId,
      lines: v.lines.map((l) => ({ itemId: l.itemId!, quantity: l.quantity! })),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    return kind === 'receipt' ? suppliesApi.receive(site.id, input) : suppliesApi.issue(site.id, input);
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      setBatchId(newId());
    }
  }, [open, form]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ ...values, id: batchId });
      void message.success(kind === 'receipt' ? t('supplies.received') : t('supplies.issued'));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const itemOptions = flatten(items.data).map((i) => ({ value: i.id, label: `${name(i)}(${i.unit})` }));
  return (
    <Modal
      open={open}
      title={kind === 'receipt' ? t('supplies.receiptTitle') : t('supplies.issueTitle')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={560}
      forceRender
    >
      <Form form={form} layout="vertical" name={`supply-${kind}`} initialValues={{ lines: [{}] }} style={{ marginTop: 16 }}>
        <Form.Item name="storeId" label={t('supplies.store')} rules={[{ required: true, message: t('supplies.storeRequired') }]}>
          <Select placeholder={t('supplies.chooseStore')} options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'itemId']} rules={[{ required: true, message: t('supplies.itemRequired') }]} style={{ flex: 1 }}>
                    <Select showSearch optionFilterProp="label" placeholder={t('supplies.chooseItem')} options={itemOptions} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('supplies.quantityRequired') }]}>
                    <InputNumber min={1} max={100000} precision={0} placeholder={t('supplies.quantity')} style={{ width: 120 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('supplies.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('supplies.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
