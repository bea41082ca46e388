/**
 * Two site settings of the visitor chain (issue 11): the hand-off limits (re-ring, the
 * consultants' rotation, the day-end grace) and who may drive the shuttle (SHUTTLE duty 6).
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuthorisedDrivers, PageOf, ShuttleDriver, VisitChainSettings } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { visitKeys, visitsApi } from '../visits/visits-api';

const driversKey = (siteId: string) => ['site', siteId, 'authorised-drivers'] as const;
const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export function HandoffSettingsCard({ siteId, editable }: { siteId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: visitKeys.chainSettings(siteId), queryFn: () => visitsApi.chainSettings(siteId) });
  const save = useMutation({
    mutationFn: (body: VisitChainSettings) => visitsApi.saveChainSettings(siteId, body),
    onSuccess: (saved) => queryClient.setQueryData(visitKeys.chainSettings(siteId), saved),
  });
  const [form] = Form.useForm<VisitChainSettings>();
  const rotation = Form.useWatch('consultantRotation', form);
  useEffect(() => {
    if (settings.data && !form.isFieldsTouched()) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isPending) return <PageSpinner />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = async (values: VisitChainSettings) => {
    try {
      const saved = await save.mutateAsync(values);
      form.resetFields();
      form.setFieldsValue(saved);
      void message.success(t('settings.handoffs.saved'));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <Card title={t('settings.handoffs.title')} style={{ marginTop: 16 }} data-testid="handoff-settings">
      <Form form={form} layout="vertical" disabled={!editable} onFinish={(v) => void submit(v)} initialValues={settings.data}>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              name="ackLimitSeconds"
              label={t('settings.handoffs.ackLimit')}
              extra={t('settings.handoffs.ackLimitHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={15} max={1800} addonAfter={t('settings.handoffs.seconds')} style={{ width: 200 }} data-testid="ack-limit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="dayEndGraceMinutes"
              label={t('settings.handoffs.dayEndGrace')}
              extra={t('settings.handoffs.dayEndGraceHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={720} addonAfter={t('settings.handoffs.minutes')} style={{ width: 200 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="consultantRotation"
              label={t('settings.handoffs.rotation')}
              extra={t('settings.handoffs.rotationHint')}
              valuePropName="checked"
            >
              <Switch data-testid="consultant-rotation" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="consultantAcceptSeconds" label={t('settings.handoffs.acceptLimit')} extra={t('settings.handoffs.acceptLimitHint')}>
              <InputNumber min={15} max={1800} addonAfter={t('settings.handoffs.seconds')} style={{ width: 200 }} disabled={!editable || !rotation} />
            </Form.Item>
          </Col>
        </Row>
        {editable ? (
          <Row justify="end">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Row>
        ) : null}
      </Form>
    </Card>
  );
}

export function AuthorisedDriversCard({ siteId, editable }: { siteId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const drivers = useQuery({
    queryKey: driversKey(siteId),
    queryFn: () => http.get<AuthorisedDrivers>(`${site(siteId)}/shuttle/authorised-drivers`),
  });
  const candidates = useQuery({
    queryKey: ['site', siteId, 'shuttle-driver-candidates'] as const,
    queryFn: async () => (await http.get<PageOf<ShuttleDriver>>(`${site(siteId)}/shuttle/drivers`, { limit: 200 })).items,
    enabled: editable,
  });
  const save = useMutation({
    mutationFn: (personIds: string[] | null) => http.put<AuthorisedDrivers>(`${site(siteId)}/shuttle/authorised-drivers`, { personIds }),
    onSuccess: (saved) => queryClient.setQueryData(driversKey(siteId), saved),
  });
  const [custom, setCustom] = useState<boolean | null>(null);
  const [picked, setPicked] = useState<string[] | null>(null);

  if (drivers.isPending) return <PageSpinner />;
  if (drivers.isError) return <ErrorAlert error={drivers.error} onRetry={() => void drivers.refetch()} />;
  const isCustom = custom ?? drivers.data.custom;
  const ids = picked ?? drivers.data.drivers.map((d) => d.id);

  const submit = async () => {
    try {
      const saved = await save.mutateAsync(isCustom ? ids : null);
      setCustom(null);
      setPicked(null);
      void message.success(t('settings.drivers.saved', { count: saved.drivers.length }));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <Card title={t('settings.drivers.title')} style={{ marginTop: 16 }} data-testid="authorised-drivers">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">{t('settings.drivers.hint')}</Typography.Text>
        <Space>
          <Switch checked={isCustom} disabled={!editable} onChange={setCustom} data-testid="drivers-custom" />
          <span>{isCustom ? t('settings.drivers.custom') : t('settings.drivers.default')}</span>
        </Space>
        {isCustom && editable ? (
          <Select
            mode="multiple"
            style={{ width: '100%', maxWidth: 640 }}
            value={ids}
            onChange={setPicked}
            loading={candidates.isPending}
            optionFilterProp="label"
            placeholder={t('settings.drivers.pick')}
            options={(candidates.data ?? []).map((c) => ({
              value: c.id,
              label: c.onShuttlePost ? `${c.name}(${t('shuttlePhone.shuttle.onShuttlePost')})` : c.name,
            }))}
            data-testid="drivers-select"
          />
        ) : (
          <div data-testid="drivers-list">
            {drivers.data.drivers.length ? (
              drivers.data.drivers.map((d) => d.name).join('、')
            ) : (
              <Typography.Text type="warning">{t('settings.drivers.none')}</Typography.Text>
            )}
          </div>
        )}
        {editable ? (
          <Row justify="end">
            <Button type="primary" onClick={() => void submit()} loading={save.isPending} disabled={custom === null && picked === null}>
              {t('common.save')}
            </Button>
          </Row>
        ) : null}
      </Space>
    </Card>
  );
}
