import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Site } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { TimeZoneSelect } from '../site-settings/time-zone-select';
import { DEFAULT_TIME_ZONE } from '../../shared/format/time';
import { useCreateSite } from './use-sites';
import { useNameRule } from '../../shared/ui/name-rule';

interface Values {
  name: string;
  address: string;
  timeZone: string;
}

/** Company admins open a new sales center here; it starts with default opening hours. */
export function CreateSiteModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (site: Site) => void }) {
  const { t } = useTranslation();
  const nameRule = useNameRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSite();

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const site = await create.mutateAsync({ name: values.name.trim(), address: values.address?.trim() ?? '', timeZone: values.timeZone });
      void message.success(t('site.created'));
      form.resetFields();
      onCreated(site);
    } catch (error) {
      if (!applyFieldError(form, error, { INVALID_TIME_ZONE: 'timeZone' })) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title={t('site.create')}
      okText={t('common.create')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ timeZone: DEFAULT_TIME_ZONE, address: '' }} preserve={false}>
        <Form.Item
          name="name"
          label={t('site.name')}
          rules={[{ required: true, whitespace: true, message: t('site.nameRequired') }, { max: 100 }, nameRule]}
        >
          <Input placeholder={t('site.namePlaceholder')} maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="address" label={t('site.address')} rules={[{ max: 300 }]}>
          <Input placeholder={t('site.addressPlaceholder')} maxLength={300} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('site.timeZone')} rules={[{ required: true }]}>
          <TimeZoneSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
