import { useEffect, useRef, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { POST_DEFAULT_ZONE, POST_KINDS, type Post, type PostKind, type Zone } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { useSavePost } from './use-posts';
import { useNameRule } from '../../shared/ui/name-rule';

interface Values {
  kind: PostKind;
  name: string;
  zoneId?: string | null;
}

interface Props {
  siteId: string;
  zones: Zone[];
  /** null: create; a post: edit it; undefined: closed. */
  post: Post | null | undefined;
  onClose: () => void;
}

export function PostFormModal({ siteId, zones, post, onClose }: Props) {
  const { t } = useTranslation();
  const nameRule = useNameRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePost(siteId);
  const open = post !== undefined;
  const isEdit = !!post;
  // What we filled in from the kind; replaced on a kind change, kept once the person edits it.
  const suggested = useRef<{ name: string | null; zoneId: string | null }>({ name: null, zoneId: null });
  const [zoneWasSuggested, setZoneWasSuggested] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    suggested.current = { name: null, zoneId: null };
    setZoneWasSuggested(false);
    if (post) form.setFieldsValue({ kind: post.kind, name: post.name, zoneId: post.zoneId });
  }, [open, post, form]);

  const onKindChange = (kind: PostKind) => {
    if (isEdit) return;
    const name = form.getFieldValue('name') as string | undefined;
    if (!name || name === suggested.current.name) {
      suggested.current.name = t(`postKinds.${kind}`);
      form.setFieldValue('name', suggested.current.name);
    }
    // The service standard says where each post works: pre-select a zone of that kind.
    const zoneId = form.getFieldValue('zoneId') as string | null | undefined;
    if (!zoneId || zoneId === suggested.current.zoneId) {
      const zoneKind = POST_DEFAULT_ZONE[kind];
      const match = zoneKind ? zones.find((z) => z.kind === zoneKind) : undefined;
      suggested.current.zoneId = match?.id ?? null;
      form.setFieldValue('zoneId', match?.id ?? null);
      setZoneWasSuggested(!!match);
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    const zoneId = values.zoneId ?? null;
    try {
      if (post) {
        await save.mutateAsync({ postId: post.id, input: { name: values.name.trim(), zoneId } });
        void message.success(t('common.saved'));
      } else {
        await save.mutateAsync({ postId: null, input: { kind: values.kind, name: values.name.trim(), zoneId } });
        void message.success(t('common.created'));
      }
      onClose();
    } catch (error) {
      if (!applyFieldError(form, error, { POST_NAME_TAKEN: 'name', ZONE_NOT_FOUND: 'zoneId' })) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('posts.edit') : t('posts.create')}
      okText={isEdit ? t('common.save') : t('common.create')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} name="post">
        <Form.Item
          name="kind"
          label={t('posts.kind')}
          rules={[{ required: true, message: t('posts.kindRequired') }]}
          extra={isEdit ? t('posts.kindLocked') : undefined}
        >
          <Select
            disabled={isEdit}
            onChange={onKindChange}
            placeholder={t('posts.kindRequired')}
            options={POST_KINDS.map((k) => ({ value: k, label: t(`postKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('posts.name')}
          rules={[{ required: true, whitespace: true, message: t('posts.nameRequired') }, { max: 60 }, nameRule]}
        >
          <Input placeholder={t('posts.namePlaceholder')} maxLength={60} showCount />
        </Form.Item>
        <Form.Item name="zoneId" label={t('posts.zone')} extra={zoneWasSuggested ? t('posts.zoneSuggested') : undefined}>
          <Select
            allowClear
            placeholder={t('posts.zonePlaceholder')}
            onChange={() => setZoneWasSuggested(false)}
            options={zones.map((z) => ({ value: z.id, label: `${z.name} · ${t(`zoneKinds.${z.kind}`)}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
