import { useEffect } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SITE_ROLES, type Post, type SitePerson, type SiteRole } from '@anchang/contracts';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '../../shared/auth/password-rules';
import { useSavePerson } from './use-people';
import { useNameRule } from '../../shared/ui/name-rule';
import type { UpdatePersonInput } from './people-api';

interface Values {
  login: string;
  name: string;
  password: string;
  phone?: string;
  role: SiteRole;
  postIds: string[];
  isActive: boolean;
}

interface Props {
  siteId: string;
  myId: string;
  posts: Post[];
  /** null: create; a person: edit them; undefined: closed. */
  person: SitePerson | null | undefined;
  onClose: () => void;
}

const LOGIN_PATTERN = /^[a-zA-Z0-9._-]{3,32}$/;
const PHONE_PATTERN = /^1[3-9][0-9]{9}$/;

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** An initial password a manager can read out: no look-alike characters, letters and digits. */
function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const pick = (set: string) => set[crypto.getRandomValues(new Uint32Array(1))[0]! % set.length]!;
  return Array.from({ length: 5 }, () => pick(letters)).join('') + Array.from({ length: 4 }, () => pick(digits)).join('');
}

export function PersonFormModal({ siteId, myId, posts, person, onClose }: Props) {
  const { t } = useTranslation();
  const nameRule = useNameRule();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePerson(siteId, myId);
  const open = person !== undefined;
  const isEdit = !!person;
  const isSelf = person?.id === myId;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) form.setFieldsValue({ name: person.name, role: person.role, postIds: person.postIds, isActive: person.isActive });
  }, [open, person, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const phone = values.phone?.trim() || undefined;
    try {
      if (person) {
        // Send only what changed: the server refuses an empty patch, and an unchanged role or
        // status on oneself must not read as an attempt to change it.
        const patch: UpdatePersonInput = {};
        if (values.name.trim() !== person.name) patch.name = values.name.trim();
        if (values.role !== person.role) patch.role = values.role;
        if (values.isActive !== person.isActive) patch.isActive = values.isActive;
        if (!sameIds(values.postIds, person.postIds)) patch.postIds = values.postIds;
        if (phone) patch.phone = phone; // shown masked only: empty means keep the current number
        if (Object.keys(patch).length > 0) await save.mutateAsync({ personId: person.id, input: patch });
        void message.success(t('common.saved'));
      } else {
        const login = values.login.trim();
        await save.mutateAsync({
          personId: null,
          input: {
            login,
            name: values.name.trim(),
            password: values.password,
            role: values.role,
            postIds: values.postIds,
            ...(phone ? { phone } : {}),
          },
        });
        void message.success({ content: t('people.createdHint', { login }), duration: 6 });
      }
      onClose();
    } catch (error) {
      const mapped = applyFieldError(form, error, {
        LOGIN_TAKEN: 'login',
        PASSWORD_TOO_WEAK: 'password',
        POST_NOT_FOUND: 'postIds',
        CANNOT_REMOVE_SELF: 'isActive',
        LAST_MANAGER: 'role',
      });
      if (!mapped) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('people.edit') : t('people.create')}
      okText={isEdit ? t('common.save') : t('common.create')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={560}
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} initialValues={{ role: 'staff', postIds: [], isActive: true }} name="person">
        {isEdit ? null : (
          <Form.Item
            name="login"
            label={t('people.login')}
            rules={[
              { required: true, whitespace: true, message: t('people.loginRequired') },
              { pattern: LOGIN_PATTERN, message: t('people.loginPattern') },
            ]}
          >
            <Input placeholder={t('people.loginPlaceholder')} maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[{ required: true, whitespace: true, message: t('people.nameRequired') }, { max: 40 }, nameRule]}
        >
          <Input placeholder={t('people.namePlaceholder')} maxLength={40} />
        </Form.Item>
        {isEdit ? null : (
          <Form.Item label={t('people.password')} htmlFor="person_password" required extra={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="password"
                noStyle
                rules={[
                  { required: true, message: t('people.passwordRequired') },
                  {
                    validator: (_, value: string | undefined) =>
                      !value || isStrongPassword(value)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH }))),
                  },
                ]}
              >
                {/* Visible on purpose: the manager reads it out to the new employee. */}
                <Input id="person_password" placeholder={t('people.passwordPlaceholder')} autoComplete="off" maxLength={200} />
              </Form.Item>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.setFieldValue('password', generatePassword());
                  void form.validateFields(['password']).catch(() => undefined);
                }}
              >
                {t('people.generatePassword')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('people.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('people.phoneInvalid') }]}>
          <Input
            placeholder={person?.phoneMasked ? t('people.phoneKeepPlaceholder', { masked: person.phoneMasked }) : t('people.phonePlaceholder')}
            maxLength={11}
            inputMode="numeric"
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item name="role" label={t('people.role')} rules={[{ required: true, message: t('people.roleRequired') }]}>
          <Select disabled={isSelf} options={SITE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="postIds" label={t('people.posts')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('people.postsPlaceholder')}
            options={posts.map((p) => ({ value: p.id, label: p.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        {isEdit ? (
          <Form.Item name="isActive" label={t('people.activeSwitch')} valuePropName="checked">
            <Switch disabled={isSelf} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
