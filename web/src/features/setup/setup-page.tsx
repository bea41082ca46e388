import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { InstanceInfo } from '@anchang/contracts';
import { api, type SetupInput } from '../../shared/api/endpoints';
import { isApiError } from '../../shared/api/client';
import { applyFieldError, describeError } from '../../shared/api/errors';
import { queryKeys } from '../../shared/api/query-keys';
import { isStrongPassword, PASSWORD_MIN_LENGTH } from '../../shared/auth/password-rules';
import { useInstance } from '../../shared/instance/use-instance';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguageSwitch } from '../../shared/ui/language-switch';
import { PageSpinner } from '../../shared/ui/load-state';
import { TimeZoneSelect } from '../site-settings/time-zone-select';
import styles from './setup-page.module.css';

type SetupValues = SetupInput & { confirmPassword: string };

const LOGIN_PATTERN = /^[a-zA-Z0-9._-]{3,32}$/;

/**
 * The first-run setup at /setup: on an empty installation, the company, its first sales center
 * and its first company admin, who is then signed in. Once a company exists it only says so.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const instance = useInstance();
  const [form] = Form.useForm<SetupValues>();
  const [formError, setFormError] = useState<string | null>(null);

  const setup = useMutation({
    mutationFn: (input: SetupInput) => api.instance.setup(input),
    onSuccess: (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      queryClient.setQueryData<InstanceInfo>(queryKeys.instance, { needsSetup: false, demo: false });
      void message.success(t('firstRun.setup.done'));
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'SETUP_ALREADY_DONE')) void instance.refetch();
      const applied = applyFieldError(form, error, { PASSWORD_TOO_WEAK: 'adminPassword', INVALID_TIME_ZONE: 'timeZone', LOGIN_TAKEN: 'adminLogin' });
      setFormError(applied ? null : describeError(error));
    },
  });

  if (instance.isPending) return <PageSpinner />;
  if (instance.data && !instance.data.needsSetup && !setup.isPending) {
    if (setup.isSuccess) return <Navigate to="/" replace />;
    return (
      <Result
        status="info"
        title={t('firstRun.setup.alreadyDone')}
        extra={
          <Button type="primary" onClick={() => void navigate('/login', { replace: true })}>
            {t('firstRun.setup.toLogin')}
          </Button>
        }
      />
    );
  }

  const submit = ({ confirmPassword: _confirm, ...values }: SetupValues) => {
    setFormError(null);
    setup.mutate({ ...values, companyName: values.companyName.trim(), siteName: values.siteName.trim(), adminName: values.adminName.trim() });
  };

  return (
    <div className={styles.page}>
      <section className={styles.hero}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 14 }}>
          <BrandMark size={44} />
          <span className={styles.brand}>{t('app.brandFull')}</span>
        </div>
        <div>
          <h1 className={styles.heroTitle}>{t('firstRun.setup.heroTitle')}</h1>
          <p className={styles.heroLead}>{t('firstRun.setup.heroLead')}</p>
          <ol className={styles.steps}>
            <li>{t('firstRun.setup.heroSteps.company')}</li>
            <li>{t('firstRun.setup.heroSteps.site')}</li>
            <li>{t('firstRun.setup.heroSteps.admin')}</li>
          </ol>
        </div>
        <span className={styles.copyright}>{t('app.copyright', { year: new Date().getFullYear() })}</span>
      </section>

      <section className={styles.panel}>
        <div className={styles.topRight}>
          <LanguageSwitch />
        </div>
        <Card className={styles.card} variant="borderless">
          <div className={styles.phoneBrand}>
            <BrandMark size={32} />
            {t('app.brandFull')}
          </div>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('firstRun.setup.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('firstRun.setup.subtitle')}</Typography.Text>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginTop: 16 }} data-testid="setup-error" /> : null}
          <Form<SetupValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ timeZone: 'Asia/Shanghai' }}
            onFinish={submit}
            onValuesChange={() => setFormError(null)}
            style={{ marginTop: 8 }}
          >
            <div className={styles.section}>{t('firstRun.setup.sectionCompany')}</div>
            <Form.Item
              name="companyName"
              label={t('firstRun.setup.company')}
              rules={[{ required: true, whitespace: true, message: t('firstRun.setup.companyRequired') }]}
            >
              <Input placeholder={t('firstRun.setup.companyPlaceholder')} maxLength={100} autoFocus />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="siteName"
                  label={t('firstRun.setup.site')}
                  rules={[{ required: true, whitespace: true, message: t('firstRun.setup.siteRequired') }]}
                >
                  <Input placeholder={t('firstRun.setup.sitePlaceholder')} maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="timeZone" label={t('firstRun.setup.timeZone')} rules={[{ required: true, message: t('settings.timeZoneRequired') }]}>
                  <TimeZoneSelect />
                </Form.Item>
              </Col>
            </Row>

            <div className={styles.section}>{t('firstRun.setup.sectionAdmin')}</div>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="adminName"
                  label={t('firstRun.setup.adminName')}
                  rules={[{ required: true, whitespace: true, message: t('firstRun.setup.adminNameRequired') }]}
                >
                  <Input placeholder={t('firstRun.setup.adminNamePlaceholder')} maxLength={40} autoComplete="name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="adminLogin"
                  label={t('firstRun.setup.adminLogin')}
                  rules={[{ required: true, pattern: LOGIN_PATTERN, message: t('firstRun.setup.adminLoginRule') }]}
                >
                  <Input prefix={<UserOutlined />} placeholder={t('firstRun.setup.adminLoginPlaceholder')} autoComplete="username" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="adminPassword"
              label={t('firstRun.setup.password')}
              rules={[
                { required: true, message: t('auth.passwordRequired') },
                {
                  validator: (_, value: string | undefined) =>
                    !value || isStrongPassword(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH }))),
                },
              ]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('auth.passwordRule', { min: PASSWORD_MIN_LENGTH })}
                autoComplete="new-password"
              />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label={t('firstRun.setup.confirmPassword')}
              dependencies={['adminPassword']}
              rules={[
                { required: true, message: t('firstRun.setup.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    !value || value === getFieldValue('adminPassword')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('firstRun.setup.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={setup.isPending} style={{ marginTop: 8 }}>
              {t('firstRun.setup.submit')}
            </Button>
          </Form>
        </Card>
      </section>
    </div>
  );
}
