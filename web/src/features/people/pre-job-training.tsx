import { useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SitePerson } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { PRE_JOB_TOPIC, useRecordPreJobTraining, useTraining } from './use-training';

/** Whether a person has their 岗前培训 on record, and (for managers) a way to record it. */
export function PreJobTrainingCell({
  siteId,
  timeZone,
  person,
  canRecord,
}: {
  siteId: string;
  timeZone: string;
  person: SitePerson;
  canRecord: boolean;
}) {
  const { t } = useTranslation();
  const training = useTraining(siteId, person.id);
  const [recording, setRecording] = useState(false);

  if (training.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (training.isError) return <Typography.Text type="secondary">—</Typography.Text>;
  const preJob = training.data.filter((r) => r.kind === 'pre_job').sort((a, b) => b.completedAt - a.completedAt)[0];

  return (
    <>
      {preJob ? (
        <Tooltip title={t('consoleShifts.training.doneHint', { topic: preJob.topic, at: formatDateTime(preJob.completedAt, timeZone) })}>
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="pre-job-training" data-done="true">
            {t('consoleShifts.training.done')}
          </Tag>
        </Tooltip>
      ) : (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          <Tag color="orange" icon={<ExclamationCircleOutlined />} data-testid="pre-job-training" data-done="false">
            {t('consoleShifts.training.missing')}
          </Tag>
          {canRecord ? (
            <Button type="link" size="small" onClick={() => setRecording(true)} style={{ padding: 0 }}>
              {t('consoleShifts.training.record')}
            </Button>
          ) : null}
        </Space>
      )}
      {/* Mounted only while open: a people table would otherwise hold one form per row. */}
      {canRecord && recording ? <RecordTrainingModal siteId={siteId} person={person} onClose={() => setRecording(false)} /> : null}
    </>
  );
}

function RecordTrainingModal({ siteId, person, onClose }: { siteId: string; person: SitePerson; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ topic: string }>();
  const record = useRecordPreJobTraining(siteId);

  const submit = async () => {
    const { topic } = await form.validateFields();
    try {
      await record.mutateAsync({ personId: person.id, topic: topic.trim() });
      void message.success(t('consoleShifts.training.recorded', { name: person.name }));
      onClose();
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open
      title={t('consoleShifts.training.recordTitle', { name: person.name })}
      okText={t('consoleShifts.training.recordOk')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={record.isPending}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('consoleShifts.training.recordHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="pre-job-training" initialValues={{ topic: PRE_JOB_TOPIC }}>
        <Form.Item
          name="topic"
          label={t('consoleShifts.training.topic')}
          rules={[{ required: true, whitespace: true, message: t('consoleShifts.training.topicRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
