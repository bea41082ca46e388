import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Anomaly } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { newId } from '../../shared/offline/new-id';
import { useZones } from '../zones/use-zones';
import { ErrorAlert } from '../../shared/ui/load-state';
import { assetName, repairsApi, useAllAssets, useRepairMutation } from './repairs-api';

interface Values {
  zoneId?: string;
  assetId?: string;
  description: string;
}

/** On an anomaly marked as needing repair: raise a work order for the technicians (its zone or asset chosen here). */
export function WorkOrderFromAnomalyButton({ siteId, anomaly }: { siteId: string; anomaly: Anomaly }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" icon={<ToolOutlined />} onClick={() => setOpen(true)} data-testid="anomaly-work-order">
        {t('equipment.fromAnomaly.action')}
      </Button>
      {open ? <WorkOrderModal siteId={siteId} anomaly={anomaly} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function WorkOrderModal({ siteId, anomaly, onClose }: { siteId: string; anomaly: Anomaly; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const zones = useZones(siteId);
  const assets = useAllAssets(siteId);
  const [form] = Form.useForm<Values>();
  const zoneId = Form.useWatch('zoneId', form);
  const [id] = useState(newId);
  const inZone = useMemo(() => (assets.data ?? []).filter((a) => !zoneId || a.zoneId === zoneId), [assets.data, zoneId]);
  const create = useRepairMutation(siteId, (v: Values) =>
    repairsApi.create(siteId, {
      id,
      anomalyId: anomaly.id,
      description: v.description.trim(),
      ...(v.assetId ? { assetId: v.assetId } : v.zoneId ? { zoneId: v.zoneId } : {}),
      ...(anomaly.photoId ? { photoId: anomaly.photoId } : {}),
    }),
  );
  return (
    <Modal open title={t('equipment.fromAnomaly.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ description: anomaly.note }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: () => {
              void message.success(t('equipment.fromAnomaly.created'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="zoneId" label={t('equipment.fromAnomaly.zone')} extra={t('equipment.fromAnomaly.zoneHint')}>
          <Select allowClear loading={zones.isPending} options={(zones.data ?? []).map((z) => ({ value: z.id, label: z.name }))} />
        </Form.Item>
        <Form.Item name="assetId" label={t('equipment.fromAnomaly.asset')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={assets.isPending}
            options={inZone.map((a) => ({ value: a.id, label: `${assetName(a, locale)} · ${a.zoneName}` }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('equipment.orders.description')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
