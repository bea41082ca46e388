import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, Form, Input, NoticeBar, SafeArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { useLogin, useMeQuery } from '../../shared/auth/use-auth';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguagePickerLink } from '../../shared/ui-mobile/language-picker';
import { useCountdown } from './use-countdown';
import styles from './login-page.mobile.module.css';

interface Values {
  login: string;
  password: string;
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Staff sign in on their phones; the form is big-thumbed and remembers nothing but the cookie. */
export function MobileLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMeQuery();
  const login = useLogin();
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(blockedUntil);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const submit = (values: Values) => {
    login.mutate(
      { login: values.login.trim(), password: values.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          if (isApiError(error, 'LOGIN_RATE_LIMITED')) setBlockedUntil(Date.now() + (Number(error.params.retryAfterSeconds) || 60) * 1000);
        },
      },
    );
  };

  const rateLimited = secondsLeft > 0;
  const errorText = rateLimited
    ? t('auth.rateLimited', { seconds: secondsLeft })
    : login.isError && !isApiError(login.error, 'LOGIN_RATE_LIMITED')
      ? describeError(login.error)
      : null;

  return (
    <div className={styles.page}>
      <SafeArea position="top" />
      <div className={styles.lang}>
        <LanguagePickerLink />
      </div>
      <header className={styles.hero}>
        <BrandMark size={56} />
        <h1 className={styles.brand}>{t('app.brandFull')}</h1>
        <p className={styles.tagline}>
          {t('app.tagline')} · {t('app.staffApp')}
        </p>
      </header>
      <section className={styles.card}>
        {errorText ? <NoticeBar color="error" content={errorText} wrap className={styles.error} data-testid="login-error" /> : null}
        <Form
          layout="vertical"
          onFinish={submit}
          footer={
            <Button block type="submit" color="primary" size="large" loading={login.isPending} disabled={rateLimited}>
              {t('auth.submit')}
            </Button>
          }
        >
          <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
            <Input placeholder={t('auth.loginPlaceholder')} autoComplete="username" clearable />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input type="password" placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" clearable />
          </Form.Item>
        </Form>
      </section>
      <footer className={styles.footer}>{t('app.copyright', { year: new Date().getFullYear() })}</footer>
    </div>
  );
}
