import { useEffect } from 'react';
import { App, Alert, Button, Descriptions, Divider, Drawer, Flex, Form, Image, Input, Radio, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { IncidentSeverityTag, IncidentStatusTag, PoliceDecisionTag } from './incident-tags';
import { useUpdateIncident } from './use-incidents';
import { photosApi } from '../../shared/api/photos';

interface DecisionValues {
  decision: 'call' | 'no_call';
  note: string;
}

/**
 * One incident in full, and the sales department's decision on the police (GUARD-IN-4): call or
 * not, always with the reason; then closing with the outcome. Reads the row from the live list,
 * so another overseer's decision shows here as it is made.
 */
export function IncidentDrawer({
  siteId,
  timeZone,
  incident,
  canDecide,
  onClose,
}: {
  siteId: string;
  timeZone: string;
  incident: Incident | null;
  canDecide: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const update = useUpdateIncident(siteId);
  const [decisionForm] = Form.useForm<DecisionValues>();
  const [closeForm] = Form.useForm<{ note?: string }>();
  const incidentId = incident?.id ?? null;

  useEffect(() => {
    decisionForm.resetFields();
    closeForm.resetFields();
  }, [incidentId, decisionForm, closeForm]);

  const decide = async (values: DecisionValues) => {
    if (!incident) return;
    try {
      await update.mutateAsync({
        incidentId: incident.id,
        input: { action: 'police_decision', decision: values.decision, note: values.note.trim() },
      });
      void message.success(t('incidents.decisionSaved'));
      decisionForm.resetFields();
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  const close = () => {
    if (!incident) return;
    const note = (closeForm.getFieldValue('note') as string | undefined)?.trim();
    modal.confirm({
      title: t('incidents.closeIncident'),
      content: t('incidents.closeConfirm'),
      okText: t('incidents.closeIncident'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ incidentId: incident.id, input: { action: 'close', ...(note ? { note } : {}) } });
          void message.success(t('incidents.closed'));
        } catch (error) {
          void message.error(describeError(error));
        }
      },
    });
  };

  return (
    <Drawer
      open={!!incident}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={incident ? `${t('incidents.drawerTitle')} · ${t(`incidents.kinds.${incident.kind}`)}` : t('incidents.drawerTitle')}
      extra={incident ? <IncidentStatusTag status={incident.status} /> : null}
      data-testid="incident-drawer"
    >
      {incident ? (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'kind', label: t('incidents.kind'), children: t(`incidents.kinds.${incident.kind}`) },
              { key: 'severity', label: t('incidents.severity'), children: <IncidentSeverityTag severity={incident.severity} /> },
              { key: 'reporter', label: t('incidents.reporter'), children: incident.reportedByName },
              { key: 'time', label: t('incidents.time'), children: formatDateTime(incident.reportedAt, timeZone) },
              {
                key: 'description',
                label: t('incidents.description'),
                children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{incident.description}</Typography.Paragraph>,
              },
              {
                key: 'photo',
                label: t('incidents.photo'),
                children: incident.photoId ? (
                  <Image
                    src={photosApi.url(siteId, incident.photoId)}
                    width={160}
                    height={120}
                    style={{ objectFit: 'cover', borderRadius: 6 }}
                    alt={t('incidents.photo')}
                    data-testid="incident-drawer-photo"
                  />
                ) : (
                  <Typography.Text type="secondary">{t('incidents.noPhoto')}</Typography.Text>
                ),
              },
              ...(incident.closedAt
                ? [{ key: 'closed', label: t('incidents.status.closed'), children: formatDateTime(incident.closedAt, timeZone) }]
                : []),
            ]}
          />

          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('incidents.decision')}
            </Typography.Title>
            <Flex vertical gap={6} data-testid="incident-drawer-decision">
              <div>
                <PoliceDecisionTag decision={incident.policeDecision} />
              </div>
              {incident.decidedByName ? (
                <Typography.Text type="secondary">
                  {t('incidents.decidedBy', { name: incident.decidedByName })}
                  {incident.decidedAt ? ` · ${formatDateTime(incident.decidedAt, timeZone)}` : ''}
                </Typography.Text>
              ) : null}
              {incident.decisionNote ? (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{incident.decisionNote}</Typography.Paragraph>
              ) : null}
            </Flex>
          </div>

          {incident.status === 'open' && canDecide ? (
            <>
              <Divider style={{ margin: 0 }} />
              <Form<DecisionValues> form={decisionForm} layout="vertical" onFinish={(values) => void decide(values)} requiredMark={false}>
                <Form.Item
                  name="decision"
                  label={incident.policeDecision ? t('incidents.changeDecision') : t('incidents.decision')}
                  rules={[{ required: true, message: t('incidents.decisionRequired') }]}
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: 'call', label: t('incidents.police.call') },
                      { value: 'no_call', label: t('incidents.police.no_call') },
                    ]}
                    data-testid="incident-decision-choice"
                  />
                </Form.Item>
                <Form.Item
                  name="note"
                  label={t('incidents.decisionNote')}
                  rules={[{ required: true, whitespace: true, message: t('incidents.noteRequired') }]}
                >
                  <Input.TextArea
                    rows={3}
                    maxLength={500}
                    showCount
                    placeholder={t('incidents.decisionNotePlaceholder')}
                    data-testid="incident-decision-note"
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="incident-decision-save">
                  {t('incidents.saveDecision')}
                </Button>
              </Form>
              <Divider style={{ margin: 0 }} />
              <Form form={closeForm} layout="vertical">
                <Form.Item name="note" label={t('incidents.closeNote')}>
                  <Input.TextArea
                    rows={2}
                    maxLength={500}
                    showCount
                    placeholder={t('incidents.closeNotePlaceholder')}
                    data-testid="incident-close-note"
                  />
                </Form.Item>
                <Button danger icon={<CheckCircleOutlined />} onClick={close} disabled={update.isPending} data-testid="incident-close">
                  {t('incidents.closeIncident')}
                </Button>
              </Form>
            </>
          ) : null}
          {incident.status === 'open' && !canDecide ? <Alert type="info" showIcon title={t('incidents.readOnly')} /> : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}
