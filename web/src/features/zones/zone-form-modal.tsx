import { useEffect, useRef } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ZONE_KINDS, type Zone, type ZoneKind } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { capacityUnit, isCapacityRequired } from './zone-rules';
import { useSaveZone } from './use-zones';
import { useNameRule } from '../../shared/ui/name-rule';

interface Values {
  kind: ZoneKind;
  name: string;
  capacity?: number | null;
}

interface Props {
  siteId: string;
  /** null: create; a zone: edit it. undefined: closed. */
  zone: Zone | null | undefined;
  onClose: () => void;
}

export function ZoneFormModal({ siteId, zone, onClose }: Props) {
  const { t } = useTranslation();
  const nameRule = useNameRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveZone(siteId);
  const open = zone !== undefined;
  const isEdit = !!zone;
  const kind = Form.useWatch('kind', form);
  const unit = capacityUnit(kind);
  // The name we filled in from the kind: replaced when the kind changes, kept once the person types.
  const suggestedName = useRef<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    suggestedName.current = null;
    if (zone) form.setFieldsValue({ kind: zone.kind, name: zone.name, capacity: zone.capacity });
  }, [open, zone, form]);

  const onKindChange = (next: ZoneKind) => {
    if (isEdit) return;
    const name = form.getFieldValue('name') as string | undefined;
    if (!name || name === suggestedName.current) {
      suggestedName.current = t(`zoneKinds.${next}`);
      form.setFieldValue('name', suggestedName.current);
    }
    if (!capacityUnit(next)) form.setFieldValue('capacity', null);
  };

  const submit = async () => {
    const values = await form.validateFields();
    const capacity = unit ? (values.capacity ?? null) : undefined;
    try {
      if (zone) {
        await save.mutateAsync({ zoneId: zone.id, input: { name: values.name.trim(), ...(unit ? { capacity } : {}) } });
        void message.success(t('common.saved'));
      } else {
        await save.mutateAsync({ zoneId: null, input: { kind: values.kind, name: values.name.trim(), ...(unit ? { capacity } : {}) } });
        void message.success(t('common.created'));
      }
      onClose();
    } catch (error) {
      const mapped = applyFieldError(form, error, {
        ZONE_NAME_TAKEN: 'name',
        CAPACITY_REQUIRED: 'capacity',
        CAPACITY_NOT_APPLICABLE: 'capacity',
      });
      if (!mapped) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('zones.edit') : t('zones.create')}
      okText={isEdit ? t('common.save') : t('common.create')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} name="zone">
        <Form.Item
          name="kind"
          label={t('zones.kind')}
          rules={[{ required: true, message: t('zones.kindRequired') }]}
          extra={isEdit ? t('zones.kindLocked') : undefined}
        >
          <Select
            disabled={isEdit}
            onChange={onKindChange}
            placeholder={t('zones.kindRequired')}
            options={ZONE_KINDS.map((k) => ({ value: k, label: t(`zoneKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('zones.name')}
          rules={[{ required: true, whitespace: true, message: t('zones.nameRequired') }, { max: 60 }, nameRule]}
        >
          <Input placeholder={t('zones.namePlaceholder')} maxLength={60} showCount />
        </Form.Item>
        {unit ? (
          <Form.Item
            name="capacity"
            label={t(`capacityLabels.${unit}`)}
            rules={[{ required: isCapacityRequired(kind), message: t('zones.capacityRequired') }]}
          >
            <InputNumber min={1} max={100000} precision={0} suffix={t(`capacityUnits.${unit}`)} style={{ width: 200 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
