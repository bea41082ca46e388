import { useEffect } from 'react';
import { App as AntApp, Button, Card, Flex, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FactSheetContent, UnitType } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { canManageSite } from '../../shared/auth/access';
import { formatLocal } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { useFactSheet, useTrainingMutation } from './use-training';
import { trainingApi } from './training-api';

interface SheetForm {
  unitTypes: UnitType[];
  managementFeePerM2: number | null;
  sellingPoints: string;
  notes: string;
  changeNote: string;
}

/** 楼盘资料 (GUARD-IN-1): the manager edits and publishes a new version; every staff phone shows the current one. */
export function FactSheetPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const { message } = AntApp.useApp();
  const sheet = useFactSheet(site.id);
  const [form] = Form.useForm<SheetForm>();
  const canEdit = canManageSite(site.role);
  const publish = useTrainingMutation(site.id, (body: { baseVersion: number; content: FactSheetContent; changeNote: string }) =>
    trainingApi.publishFactSheet(site.id, body),
  );

  useEffect(() => {
    if (!sheet.data) return;
    const c = sheet.data.content;
    form.setFieldsValue({
      unitTypes: c.unitTypes,
      managementFeePerM2: c.managementFeePerM2,
      sellingPoints: c.sellingPoints.join('\n'),
      notes: c.notes,
      changeNote: '',
    });
  }, [sheet.data, form]);

  if (sheet.isPending) return <PageSpinner />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const data = sheet.data;

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const saved = await publish.mutateAsync({
        baseVersion: data.version,
        changeNote: v.changeNote ?? '',
        content: {
          unitTypes: v.unitTypes ?? [],
          managementFeePerM2: v.managementFeePerM2 ?? null,
          sellingPoints: (v.sellingPoints ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          notes: v.notes ?? '',
        },
      });
      void message.success(t('training.factSheet.published', { version: saved.version }));
    } catch (error) {
      void message.error(describeError(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('training.factSheet.title')}
        subtitle={t('training.factSheet.subtitle')}
        extra={
          <Space>
            <Tag color={data.version ? 'blue' : 'default'}>
              {data.version ? t('training.factSheet.version', { version: data.version }) : t('training.factSheet.none')}
            </Tag>
            {data.publishedAt && data.publishedByName ? (
              <Typography.Text type="secondary">
                {t('training.factSheet.publishedBy', {
                  name: data.publishedByName,
                  at: formatLocal(data.publishedAt, site.timeZone, 'YYYY-MM-DD HH:mm'),
                })}
              </Typography.Text>
            ) : null}
          </Space>
        }
      />
      <Form<SheetForm> form={form} layout="vertical" disabled={!canEdit} data-testid="fact-sheet-form">
        <Card title={t('training.factSheet.unitTypes')} style={{ marginBottom: 16 }}>
          <Form.List name="unitTypes">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} wrap align="flex-start">
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('training.factSheet.unitName')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <Input maxLength={40} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'areaM2']}
                      label={t('training.factSheet.area')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <InputNumber min={1} max={10000} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'rooms']}
                      label={t('training.factSheet.rooms')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <Input maxLength={40} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'orientation']}
                      label={t('training.factSheet.orientation')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <Input maxLength={20} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'priceFromWan']}
                      label={t('training.factSheet.priceFrom')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <InputNumber min={0} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'priceToWan']}
                      label={t('training.factSheet.priceTo')}
                      rules={[{ required: true, message: t('training.form.required') }]}
                    >
                      <InputNumber min={0} style={{ width: 140 }} />
                    </Form.Item>
                    {canEdit ? (
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: 30 }}
                        aria-label={t('training.certificates.remove')}
                      />
                    ) : null}
                  </Flex>
                ))}
                {canEdit ? (
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', rooms: '', orientation: '' })} style={{ alignSelf: 'flex-start' }}>
                    {t('training.factSheet.addUnit')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Card>
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="managementFeePerM2" label={t('training.factSheet.fee')}>
            <InputNumber min={0} max={1000} step={0.1} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="sellingPoints" label={t('training.factSheet.sellingPoints')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="notes" label={t('training.factSheet.notes')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          {canEdit ? (
            <Flex gap={12} align="flex-end" wrap>
              <Form.Item name="changeNote" label={t('training.factSheet.changeNote')} style={{ flex: 1, minWidth: 240, marginBottom: 0 }}>
                <Input maxLength={200} />
              </Form.Item>
              <Button type="primary" onClick={() => void submit()} loading={publish.isPending} data-testid="fact-sheet-publish">
                {t('training.factSheet.publish')}
              </Button>
            </Flex>
          ) : null}
        </Card>
      </Form>
    </>
  );
}
