import { useEffect } from 'react';
import { App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Anomaly, SitePerson } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { useHandleAnomaly } from './use-anomalies';

export type AnomalyAction = { kind: 'assign' | 'resolve'; anomaly: Anomaly };

interface Values {
  assignedTo?: string;
  resolution?: string;
  needsRepair: boolean;
}

/** 指派 (to a person of the site) or 处理完成 (with what was done), for one anomaly. */
export function AnomalyActionModal({
  siteId,
  action,
  people,
  onClose,
}: {
  siteId: string;
  action: AnomalyAction | null;
  people: SitePerson[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const handle = useHandleAnomaly(siteId);
  const kind = action?.kind;

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    form.setFieldsValue({ assignedTo: action.anomaly.assignedTo ?? undefined, needsRepair: action.anomaly.needsRepair });
  }, [action, form]);

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    try {
      await handle.mutateAsync({
        anomalyId: action.anomaly.id,
        input:
          action.kind === 'assign'
            ? { action: 'assign', assignedTo: values.assignedTo, needsRepair: values.needsRepair }
            : { action: 'resolve', resolution: values.resolution?.trim(), needsRepair: values.needsRepair },
      });
      void message.success(action.kind === 'assign' ? t('consoleShifts.anomalies.assigned') : t('consoleShifts.anomalies.resolved'));
      onClose();
    } catch (error) {
      const mapped = applyFieldError(form, error, { PERSON_NOT_FOUND: 'assignedTo', NOTE_REQUIRED: 'resolution' });
      if (!mapped) {
        void message.error(describeError(error));
        onClose(); // e.g. resolved meanwhile by someone else: the list shows it now
      }
    }
  };

  return (
    <Modal
      open={!!action}
      title={kind === 'assign' ? t('consoleShifts.anomalies.assignTitle') : t('consoleShifts.anomalies.resolveTitle')}
      okText={kind === 'assign' ? t('consoleShifts.anomalies.assign') : t('consoleShifts.anomalies.resolve')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={handle.isPending}
      forceRender
    >
      {action ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {[action.anomaly.postName, action.anomaly.note].filter(Boolean).join(' · ')}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" name="anomaly-action" initialValues={{ needsRepair: false }}>
        {kind === 'assign' ? (
          <Form.Item
            name="assignedTo"
            label={t('consoleShifts.anomalies.assignee')}
            rules={[{ required: true, message: t('consoleShifts.anomalies.assigneeRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('consoleShifts.anomalies.assigneePlaceholder')}
              options={people.filter((p) => p.isActive).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="resolution"
            label={t('consoleShifts.anomalies.resolution')}
            rules={[{ required: true, whitespace: true, message: t('consoleShifts.anomalies.resolutionRequired') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={1000}
              showCount
              placeholder={t('consoleShifts.anomalies.resolutionPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item name="needsRepair" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('consoleShifts.anomalies.markNeedsRepair')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
