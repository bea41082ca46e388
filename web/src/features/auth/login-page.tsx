import { Navigate } from 'react-router';
import { Alert, Button, Card, Divider, Flex, Form, Input, Popover, Typography } from 'antd';
import { AuditOutlined, LockOutlined, MobileOutlined, NotificationOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguageSwitch } from '../../shared/ui/language-switch';
import { StaffAppQrCode } from '../../shared/ui/staff-app-qr';
import { useInstance } from '../../shared/instance/use-instance';
import { useLoginForm, type LoginValues } from './use-login-form';
import styles from './login-page.module.css';

export function LoginPage() {
  const { t } = useTranslation();
  const { signedIn, next, submit, isPending, rateLimited, errorText } = useLoginForm();
  const instance = useInstance();

  if (instance.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (signedIn) return <Navigate to={next} replace />;

  return (
    <div className={styles.page}>
      <section className={styles.hero}>
        <Flex align="center" gap={14}>
          <BrandMark size={44} />
          <span className={styles.brand}>{t('app.brandFull')}</span>
        </Flex>
        <div>
          <h1 className={styles.tagline}>{t('app.tagline')}</h1>
          <ul className={styles.features}>
            <li>
              <SafetyCertificateOutlined /> {t('auth.features.standards')}
            </li>
            <li>
              <NotificationOutlined /> {t('auth.features.realtime')}
            </li>
            <li>
              <AuditOutlined /> {t('auth.features.audit')}
            </li>
          </ul>
        </div>
        <span className={styles.copyright}>{t('app.copyright', { year: new Date().getFullYear() })}</span>
      </section>

      <section className={styles.panel}>
        <div className={styles.topRight}>
          <LanguageSwitch />
        </div>
        <Card className={styles.card} variant="borderless">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('auth.welcome')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth.loginSubtitle')}</Typography.Text>
          {errorText ? <Alert type="error" showIcon title={errorText} style={{ marginTop: 20 }} data-testid="login-error" /> : null}
          <Form<LoginValues> layout="vertical" size="large" requiredMark={false} onFinish={submit} style={{ marginTop: 24 }}>
            <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('auth.loginPlaceholder')} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
            </Form.Item>
            {/* Named by aria-label too, so the button keeps its name while its spinner shows. */}
            <Button type="primary" htmlType="submit" block loading={isPending} disabled={rateLimited} aria-label={t('auth.submit')}>
              {t('auth.submit')}
            </Button>
          </Form>
          {/* The link under the rule, not inside it: a separator may not hold a control (axe: nested-interactive). */}
          <Divider plain style={{ marginBlock: '24px 8px' }} />
          <div style={{ textAlign: 'center' }}>
            <Popover content={<StaffAppQrCode />} trigger="click">
              <Button type="link" icon={<MobileOutlined />}>
                {t('app.staffAppHint')}
              </Button>
            </Popover>
          </div>
        </Card>
      </section>
    </div>
  );
}
