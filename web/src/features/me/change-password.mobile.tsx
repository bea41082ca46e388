import { useNavigate } from 'react-router';
import { Button, Form, Input, NavBar, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '../../shared/auth/password-rules';
import { useChangePassword } from '../../shared/auth/use-auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELD_FOR_CODE: Record<string, keyof Values> = { WRONG_CURRENT_PASSWORD: 'currentPassword', PASSWORD_TOO_WEAK: 'newPassword' };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const rule = t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH });

  const submit = async (values: Values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      Toast.show({ icon: 'success', content: t('auth.passwordChanged') });
      void navigate('/me', { replace: true });
    } catch (error) {
      const field = isApiError(error) ? FIELD_FOR_CODE[error.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [describeError(error)] }]);
      else Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };

  return (
    <div style={{ minHeight: 'calc(100dvh - var(--demo-bar-height, 0px))', background: 'var(--page-bg)' }}>
      <NavBar onBack={() => void navigate('/me')} style={{ background: '#fff', borderBottom: '1px solid #eceef2' }}>
        {t('mobile.passwordTitle')}
      </NavBar>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        style={{ marginTop: 12 }}
        onFinish={(v: Values) => void submit(v)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={change.isPending}>
            {t('common.save')}
          </Button>
        }
      >
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input type="password" autoComplete="current-password" placeholder={t('auth.passwordPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          description={rule}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            {
              validator: (_, value: string | undefined) => (!value || isStrongPassword(value) ? Promise.resolve() : Promise.reject(new Error(rule))),
            },
          ]}
        >
          <Input type="password" autoComplete="new-password" placeholder={t('auth.newPassword')} />
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
          <Input type="password" autoComplete="new-password" placeholder={t('auth.confirmPassword')} />
        </Form.Item>
      </Form>
    </div>
  );
}
