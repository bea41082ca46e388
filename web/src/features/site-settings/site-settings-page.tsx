import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Site } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useSite, useUpdateSite } from '../sites/use-sites';
import { AuthorisedDriversCard, HandoffSettingsCard } from './handoff-settings';
import { TimeZoneSelect } from './time-zone-select';
import { useNameRule } from '../../shared/ui/name-rule';

interface Values {
  name: string;
  address: string;
  timeZone: string;
  open: Dayjs;
  close: Dayjs;
  closedWeekdays: number[];
  customerRetentionDays: number;
  patrolAllDay: boolean;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** 'HH:MM' as a dayjs for the TimePicker (only its hour and minute matter). */
const timeOfDay = (hhmm: string): Dayjs => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
};

const toValues = (site: Site): Values => ({
  name: site.name,
  address: site.address,
  timeZone: site.timeZone,
  open: timeOfDay(site.openingHours.open),
  close: timeOfDay(site.openingHours.close),
  closedWeekdays: site.openingHours.closedWeekdays,
  customerRetentionDays: site.customerRetentionDays,
  patrolAllDay: site.patrolAllDay,
});

export function SiteSettingsPage() {
  const { t } = useTranslation();
  const nameRule = useNameRule();
  const { message } = App.useApp();
  const current = useCurrentSite();
  const site = useSite(current.id);
  const update = useUpdateSite(current.id);
  const [form] = Form.useForm<Values>();
  const editable = canManageSite(current.role);

  // Show the saved values, and follow changes another manager saves, unless this person is
  // mid-edit: their unsaved input wins until they save or reset.
  useEffect(() => {
    if (site.data && !form.isFieldsTouched()) form.setFieldsValue(toValues(site.data));
  }, [site.data, form]);

  const showSaved = (saved: Site) => {
    form.resetFields();
    form.setFieldsValue(toValues(saved));
  };

  if (site.isPending) return <PageSpinner />;
  if (site.isError) return <ErrorAlert error={site.error} onRetry={() => void site.refetch()} />;

  const submit = async (values: Values) => {
    try {
      const saved = await update.mutateAsync({
        name: values.name.trim(),
        address: values.address.trim(),
        timeZone: values.timeZone,
        openingHours: {
          open: values.open.format('HH:mm'),
          close: values.close.format('HH:mm'),
          closedWeekdays: [...values.closedWeekdays].sort((a, b) => a - b),
        },
        customerRetentionDays: values.customerRetentionDays,
        patrolAllDay: values.patrolAllDay,
      });
      showSaved(saved);
      void message.success(t('settings.saved'));
    } catch (error) {
      if (!applyFieldError(form, error, { INVALID_TIME_ZONE: 'timeZone', INVALID_OPENING_HOURS: 'close' })) {
        void message.error(describeError(error));
      }
    }
  };

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={!editable} requiredMark="optional">
        <Row gutter={[20, 20]}>
          <Col xs={24} lg={12}>
            <Card title={t('settings.basics')} style={{ height: '100%' }}>
              <Form.Item
                name="name"
                label={t('site.name')}
                rules={[{ required: true, whitespace: true, message: t('site.nameRequired') }, { max: 100 }, nameRule]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="address" label={t('site.address')} rules={[{ max: 300 }]}>
                <Input.TextArea placeholder={t('site.addressPlaceholder')} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
              </Form.Item>
              <Form.Item name="timeZone" label={t('site.timeZone')} rules={[{ required: true, message: t('settings.timeZoneRequired') }]}>
                <TimeZoneSelect />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('settings.hours')} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary">{t('settings.hoursHint')}</Typography.Paragraph>
              <Space size="large" wrap>
                <Form.Item name="open" label={t('settings.open')} rules={[{ required: true, message: t('settings.openRequired') }]}>
                  <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} />
                </Form.Item>
                <Form.Item
                  name="close"
                  label={t('settings.close')}
                  dependencies={['open']}
                  rules={[
                    { required: true, message: t('settings.closeRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_, value: Dayjs | undefined) => {
                        const open = getFieldValue('open') as Dayjs | undefined;
                        if (!value || !open || value.format('HH:mm') > open.format('HH:mm')) return Promise.resolve();
                        return Promise.reject(new Error(t('settings.closeAfterOpen')));
                      },
                    }),
                  ]}
                >
                  <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} />
                </Form.Item>
              </Space>
              <Form.Item name="closedWeekdays" label={t('settings.closedWeekdays')}>
                <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekdays.${d}`) }))} />
              </Form.Item>
              <Form.Item name="patrolAllDay" label={t('nightShift.patrolAllDay')} valuePropName="checked" extra={t('nightShift.patrolAllDayHint')}>
                <Switch data-testid="patrol-all-day" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('settings.privacy')}>
              <Form.Item
                name="customerRetentionDays"
                label={t('settings.retentionDays')}
                extra={t('settings.retentionHint')}
                rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}
              >
                <InputNumber
                  min={1}
                  max={3650}
                  precision={0}
                  suffix={t('settings.retentionUnit')}
                  style={{ width: 160 }}
                  data-testid="retention-days"
                />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Row justify="space-between" align="middle" style={{ marginTop: 20 }}>
          <Typography.Text type="secondary">
            {t('settings.meta', {
              created: formatDateTime(site.data.createdAt, site.data.timeZone),
              updated: formatDateTime(site.data.updatedAt, site.data.timeZone),
            })}
          </Typography.Text>
          {editable ? (
            <Space>
              <Button onClick={() => showSaved(site.data)} disabled={update.isPending}>
                {t('common.reset')}
              </Button>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Space>
          ) : null}
        </Row>
      </Form>
      <HandoffSettingsCard siteId={current.id} editable={editable} />
      <AuthorisedDriversCard siteId={current.id} editable={editable} />
    </>
  );
}
