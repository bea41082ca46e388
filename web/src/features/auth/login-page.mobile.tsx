import { Navigate } from 'react-router';
import { Button, Form, Input, NoticeBar, SafeArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguagePickerLink } from '../../shared/ui-mobile/language-picker';
import { useInstance } from '../../shared/instance/use-instance';
import { useLoginForm } from './use-login-form';
import styles from './login-page.mobile.module.css';

/** Staff sign in on their phones; the form is big-thumbed and remembers nothing but the cookie. */
export function MobileLoginPage() {
  const { t } = useTranslation();
  const { signedIn, next, submit, isPending, rateLimited, errorText } = useLoginForm();
  const needsSetup = useInstance().data?.needsSetup === true;

  if (signedIn) return <Navigate to={next} replace />;

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
        {needsSetup ? (
          <NoticeBar color="alert" content={t('firstRun.setup.phoneHint')} wrap className={styles.error} data-testid="needs-setup" />
        ) : null}
        {errorText ? <NoticeBar color="error" content={errorText} wrap className={styles.error} data-testid="login-error" /> : null}
        <Form
          layout="vertical"
          onFinish={submit}
          // Named by aria-label too: while loading antd-mobile shows only a spinner, and the button would have no name.
          footer={
            <Button block type="submit" color="primary" size="large" loading={isPending} disabled={rateLimited} aria-label={t('auth.submit')}>
              {t('auth.submit')}
            </Button>
          }
        >
          <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
            <Input placeholder={t('auth.loginPlaceholder')} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input type="password" placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
          </Form.Item>
        </Form>
      </section>
      <footer className={styles.footer}>{t('app.copyright', { year: new Date().getFullYear() })}</footer>
    </div>
  );
}
