import { useNavigate } from 'react-router';
import { Avatar, Button, Dialog, List, Toast } from 'antd-mobile';
import { TitleBar } from '../../shared/ui-mobile/title-bar';
import { GlobalOutline, LockOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { useLogout, useMe } from '../../shared/auth/use-auth';
import { useStaffSite } from '../../shared/site/staff-site';
import { openLanguageSheet } from '../../shared/ui-mobile/language-sheet';
import styles from './me-page.mobile.module.css';

export function MePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const { site } = useStaffSite();
  const navigate = useNavigate();
  const logout = useLogout();

  const confirmLogout = async () => {
    const confirmed = await Dialog.confirm({ content: t('auth.logoutConfirm'), confirmText: t('auth.logout'), cancelText: t('common.cancel') });
    if (!confirmed) return;
    await logout.mutateAsync().catch(() => undefined); // signed out locally either way
    Toast.show({ content: t('auth.loggedOut') });
    void navigate('/login', { replace: true });
  };

  return (
    <div className={styles.page}>
      <TitleBar className={styles.navBar}>{t('mobile.tabs.me')}</TitleBar>
      <section className={styles.profile}>
        <Avatar src="" className={styles.avatar} fallback={<span className={styles.initial}>{me.name.slice(0, 1)}</span>} />
        <div>
          <div className={styles.name} data-testid="me-name">
            {me.name}
          </div>
          <div className={styles.sub}>
            {t('mobile.account')}: {me.login}
            {site ? ` · ${t(`roles.${site.role}`)}` : ''}
          </div>
        </div>
      </section>

      <List className={styles.list} mode="card">
        <List.Item prefix={<TeamOutline />} extra={me.companyName}>
          {t('mobile.company')}
        </List.Item>
        <List.Item
          prefix={<GlobalOutline />}
          extra={t(`language.${locale}`)}
          onClick={() => openLanguageSheet(locale, t('mobile.languageTitle'), (l) => t(`language.${l}`))}
        >
          {t('language.label')}
        </List.Item>
        <List.Item prefix={<LockOutline />} onClick={() => void navigate('/me/password')}>
          {t('auth.changePassword')}
        </List.Item>
      </List>

      <div className={styles.logout}>
        <Button block size="large" color="danger" fill="outline" onClick={() => void confirmLogout()} loading={logout.isPending}>
          {t('auth.logout')}
        </Button>
      </div>
    </div>
  );
}
