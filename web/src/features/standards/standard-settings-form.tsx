import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Space, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DEFAULT_REFILL_PROMPT_MINUTES, DEFAULT_REPAIR_ARRIVAL_MINUTES, type StandardSettings } from '@anchang/contracts';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { timeToPicker } from '../../shared/format/local-date';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { useSaveStandardSettings, useStandardSettings } from './use-standards';

interface WindowValues {
  from: Dayjs;
  to: Dayjs;
  zh: string;
  en: string;
}

interface Values {
  refillFraction: StandardSettings['refillFraction'];
  refillPromptMinutes: number;
  greetingWindows: WindowValues[];
  lateGraceMinutes: number;
  clockInEarlyMinutes: number;
  repairArrivalMinutes: number;
}

const FRACTIONS: StandardSettings['refillFraction'][] = ['1/4', '1/3', '1/2'];
const MAX_WINDOWS = 8;

const toValues = (s: StandardSettings): Values => ({
  refillFraction: s.refillFraction,
  refillPromptMinutes: s.refillPromptMinutes ?? DEFAULT_REFILL_PROMPT_MINUTES,
  greetingWindows: s.greetingWindows.map((w) => ({ from: timeToPicker(w.from), to: timeToPicker(w.to), zh: w.zh, en: w.en })),
  lateGraceMinutes: s.lateGraceMinutes,
  clockInEarlyMinutes: s.clockInEarlyMinutes,
  repairArrivalMinutes: s.repairArrivalMinutes ?? DEFAULT_REPAIR_ARRIVAL_MINUTES,
});

/** The numbers the standards leave to the site: refill threshold, greetings by time of day, clock-in rules. */
export function StandardSettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const site = useCurrentSite();
  const settings = useStandardSettings(site.id);
  const save = useSaveStandardSettings(site.id);
  const [form] = Form.useForm<Values>();
  const [rangeError, setRangeError] = useState<string | null>(null);
  const editable = canManageSite(site.role);

  // Follow what another manager saves unless this person is mid-edit (as the site settings do).
  useEffect(() => {
    if (settings.data && !form.isFieldsTouched()) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, form]);

  if (settings.isPending) return <PageSpinner />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;

  const reset = (to: StandardSettings) => {
    form.resetFields();
    form.setFieldsValue(toValues(to));
    setRangeError(null);
  };

  const submit = async (values: Values) => {
    setRangeError(null);
    const windows = values.greetingWindows.map((w) => ({ from: w.from.format('HH:mm'), to: w.to.format('HH:mm'), zh: w.zh.trim(), en: w.en.trim() }));
    try {
      const saved = await save.mutateAsync({
        // A setting this form does not show yet is kept as saved, not dropped.
        ...settings.data,
        refillFraction: values.refillFraction,
        refillPromptMinutes: values.refillPromptMinutes,
        greetingWindows: [...windows].sort((a, b) => a.from.localeCompare(b.from)),
        lateGraceMinutes: values.lateGraceMinutes,
        clockInEarlyMinutes: values.clockInEarlyMinutes,
        repairArrivalMinutes: values.repairArrivalMinutes,
      });
      reset(saved);
      void message.success(t('common.saved'));
    } catch (error) {
      if (isApiError(error, 'INVALID_TIME_RANGE')) {
        // The server names the offending window by its times: mark that row where the person typed.
        const { from, to } = error.params as { from?: string; to?: string };
        const index = windows.findIndex((w) => w.from === from && w.to === to);
        const overlapIndex = windows.findIndex((w) => w.from === from);
        if (index >= 0) form.setFields([{ name: ['greetingWindows', index, 'to'], errors: [t('consoleShifts.settings.toAfterFrom')] }]);
        else if (overlapIndex >= 0)
          form.setFields([{ name: ['greetingWindows', overlapIndex, 'from'], errors: [t('consoleShifts.settings.overlaps')] }]);
        setRangeError(describeError(error));
      } else {
        void message.error(describeError(error));
      }
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={!editable} requiredMark={false} name="standard-settings">
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Card title={t('consoleShifts.settings.greetings')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('consoleShifts.settings.greetingsHint')}</Typography.Paragraph>
            {rangeError ? <Alert type="error" showIcon title={rangeError} style={{ marginBottom: 16 }} data-testid="greeting-range-error" /> : null}
            <Form.List
              name="greetingWindows"
              rules={[
                {
                  validator: async (_, rows?: WindowValues[]) => {
                    if (!rows?.length) throw new Error(t('consoleShifts.settings.windowsRequired'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  <Row gutter={8} style={{ marginBottom: 4 }}>
                    <Col span={5}>
                      <Typography.Text type="secondary">{t('consoleShifts.settings.from')}</Typography.Text>
                    </Col>
                    <Col span={5}>
                      <Typography.Text type="secondary">{t('consoleShifts.settings.to')}</Typography.Text>
                    </Col>
                    <Col span={6}>
                      <Typography.Text type="secondary">{t('consoleShifts.settings.zh')}</Typography.Text>
                    </Col>
                    <Col span={6}>
                      <Typography.Text type="secondary">{t('consoleShifts.settings.en')}</Typography.Text>
                    </Col>
                  </Row>
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top" data-testid="greeting-window">
                      <Col span={5}>
                        <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: t('consoleShifts.settings.timeRequired') }]}>
                          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col span={5}>
                        <Form.Item
                          name={[field.name, 'to']}
                          dependencies={[['greetingWindows', field.name, 'from']]}
                          rules={[
                            { required: true, message: t('consoleShifts.settings.timeRequired') },
                            ({ getFieldValue }) => ({
                              validator: async (_, value: Dayjs | undefined) => {
                                const from = getFieldValue(['greetingWindows', field.name, 'from']) as Dayjs | undefined;
                                if (value && from && value.format('HH:mm') <= from.format('HH:mm'))
                                  throw new Error(t('consoleShifts.settings.toAfterFrom'));
                              },
                            }),
                          ]}
                        >
                          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col span={6}>
                        <Form.Item
                          name={[field.name, 'zh']}
                          rules={[{ required: true, whitespace: true, message: t('consoleShifts.settings.textRequired') }]}
                        >
                          <Input maxLength={20} placeholder={t('consoleShifts.settings.zhPlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col span={6}>
                        <Form.Item
                          name={[field.name, 'en']}
                          rules={[{ required: true, whitespace: true, message: t('consoleShifts.settings.textRequired') }]}
                        >
                          <Input maxLength={40} placeholder={t('consoleShifts.settings.enPlaceholder')} />
                        </Form.Item>
                      </Col>
                      <Col span={2}>
                        {editable ? (
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={fields.length <= 1}
                            onClick={() => remove(field.name)}
                            aria-label={t('common.remove')}
                          />
                        ) : null}
                      </Col>
                    </Row>
                  ))}
                  <Form.ErrorList errors={errors} />
                  {editable ? (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      disabled={fields.length >= MAX_WINDOWS}
                      onClick={() => add({ zh: '', en: '' })}
                      style={{ marginTop: 4 }}
                    >
                      {t('consoleShifts.settings.addWindow')}
                    </Button>
                  ) : null}
                </>
              )}
            </Form.List>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('consoleShifts.settings.service')} style={{ height: '100%' }}>
            <Form.Item name="refillFraction" label={t('consoleShifts.settings.refillFraction')} extra={t('consoleShifts.settings.refillHint')}>
              <Radio.Group optionType="button" options={FRACTIONS.map((f) => ({ value: f, label: t(`consoleShifts.settings.fractions.${f}`) }))} />
            </Form.Item>
            <Form.Item
              name="refillPromptMinutes"
              label={t('consoleShifts.settings.refillPrompt')}
              extra={t('consoleShifts.settings.refillPromptHint')}
              rules={[{ required: true, message: t('consoleShifts.settings.numberRequired') }]}
            >
              <InputNumber min={1} max={120} precision={0} suffix={t('consoleShifts.minutes')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="lateGraceMinutes"
              label={t('consoleShifts.settings.lateGrace')}
              extra={t('consoleShifts.settings.lateGraceHint')}
              rules={[{ required: true, message: t('consoleShifts.settings.numberRequired') }]}
            >
              <InputNumber min={0} max={120} precision={0} suffix={t('consoleShifts.minutes')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="clockInEarlyMinutes"
              label={t('consoleShifts.settings.clockInEarly')}
              extra={t('consoleShifts.settings.clockInEarlyHint')}
              rules={[{ required: true, message: t('consoleShifts.settings.numberRequired') }]}
            >
              <InputNumber min={0} max={240} precision={0} suffix={t('consoleShifts.minutes')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="repairArrivalMinutes"
              label={t('equipment.settings.arrival')}
              extra={t('equipment.settings.arrivalHint')}
              rules={[{ required: true, message: t('consoleShifts.settings.numberRequired') }]}
            >
              <InputNumber min={1} max={120} precision={0} suffix={t('consoleShifts.minutes')} style={{ width: 160 }} />
            </Form.Item>
          </Card>
        </Col>
      </Row>
      {editable ? (
        <Flex justify="flex-end" style={{ marginTop: 20 }}>
          <Space>
            <Button onClick={() => reset(settings.data)} disabled={save.isPending}>
              {t('common.reset')}
            </Button>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Space>
        </Flex>
      ) : null}
    </Form>
  );
}
