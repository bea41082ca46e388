import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { Button, Input, SafeArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguagePickerLink } from '../../shared/ui-mobile/language-picker';
import { useInstance } from '../../shared/instance/use-instance';
import { useLoginForm } from './use-login-form';
// Shown only after a failed attempt or on a new instance: its code (and its icon) loads then.
const NoticeBar = lazy(() => import('./login-notice.mobile').then((m) => ({ default: m.LoginNotice })));

// Form's and List's styles without their code: LoginField wears their class names.
import 'antd-mobile/es/components/list/list.css';
import 'antd-mobile/es/components/form/index.css';
import styles from './login-page.mobile.module.css';

/**
 * Staff sign in on their phones; the form is big-thumbed and remembers nothing but the cookie.
 * A plain form with antd-mobile's look rather than its Form: Form brings a validation library
 * (about 30 kB gzipped) to the first page a phone opens on 4G, for two required fields.
 */
export function MobileLoginPage() {
  const { t } = useTranslation();
  const { signedIn, next, submit, isPending, rateLimited, errorText } = useLoginForm();
  const needsSetup = useInstance().data?.needsSetup === true;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const loginMissing = tried && login.trim() === '';
  const passwordMissing = tried && password === '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (login.trim() === '' || password === '') return;
    submit({ login, password });
  };

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
        <Suspense fallback={null}>
          {needsSetup ? (
            <NoticeBar color="alert" content={t('firstRun.setup.phoneHint')} wrap className={styles.error} data-testid="needs-setup" />
          ) : null}
          {errorText ? <NoticeBar color="error" content={errorText} wrap className={styles.error} data-testid="login-error" /> : null}
        </Suspense>
        <form className="adm-form adm-form-layout-vertical" onSubmit={onSubmit} noValidate>
          <div className="adm-list adm-list-default">
            <div className="adm-list-body">
              <div className="adm-list-body-inner">
                <LoginField id="login" label={t('auth.login')} error={loginMissing ? t('auth.loginRequired') : null}>
                  <Input id="login" name="login" value={login} onChange={setLogin} placeholder={t('auth.loginPlaceholder')} autoComplete="username" />
                </LoginField>
                <LoginField id="password" label={t('auth.password')} error={passwordMissing ? t('auth.passwordRequired') : null}>
                  <Input
                    id="password"
                    name="password"
                    type="password"
                    value={password}
                    onChange={setPassword}
                    placeholder={t('auth.passwordPlaceholder')}
                    autoComplete="current-password"
                  />
                </LoginField>
              </div>
            </div>
          </div>
          {/* Named by aria-label too: while loading antd-mobile shows only a spinner, and the button would have no name. */}
          <div className="adm-form-footer">
            <Button block type="submit" color="primary" size="large" loading={isPending} disabled={rateLimited} aria-label={t('auth.submit')}>
              {t('auth.submit')}
            </Button>
          </div>
        </form>
      </section>
      <footer className={styles.footer}>{t('app.copyright', { year: new Date().getFullYear() })}</footer>
    </div>
  );
}

/** One labelled field dressed as antd-mobile's vertical Form.Item (its class names, its look). */
function LoginField({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <div className="adm-list-item adm-form-item adm-form-item-vertical">
      <div className="adm-list-item-content">
        <div className="adm-list-item-content-main">
          <label className="adm-list-item-title adm-form-item-label" htmlFor={id}>
            {label}
            <span className="adm-form-item-required-asterisk">*</span>
          </label>
          <div className="adm-form-item-child adm-form-item-child-position-normal">
            <div className="adm-form-item-child-inner">{children}</div>
          </div>
          {error ? (
            <div className="adm-form-item-feedback-error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
