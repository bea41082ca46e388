import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '../../shared/auth/password-rules';
import { useChangePassword } from '../../shared/auth/use-auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('auth.passwordChanged'));
      onClose();
    } catch (error) {
      const mapped = applyFieldError(form, error, { WRONG_CURRENT_PASSWORD: 'currentPassword', PASSWORD_TOO_WEAK: 'newPassword' });
      if (!mapped) void message.error(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      okText={t('common.save')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
      width={420}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                if (!isStrongPassword(value)) return Promise.reject(new Error(t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })));
                if (value === getFieldValue('currentPassword')) return Promise.reject(new Error(t('auth.passwordSameAsOld')));
                return Promise.resolve();
              },
            }),
          ]}
          extra={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
