import { useNavigate } from 'react-router';
import { Avatar, Button, Dialog, List, Switch, Toast } from 'antd-mobile';
import { TitleBar } from '../../shared/ui-mobile/title-bar';
import { GlobalOutline, LockOutline, SoundOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { useLogout, useMe } from '../../shared/auth/use-auth';
import { useStaffSite } from '../../shared/site/staff-site';
import { openLanguageSheet } from '../../shared/ui-mobile/language-sheet';
import { setAttentionOn, useAttentionOn } from '../../shared/attention/attention-settings';
import { canPlaySound, playChime, unlockAudio, vibrate } from '../../shared/attention/chime';
import { canKeepScreenOn } from '../../shared/attention/wake-lock';
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

      <AttentionSettings />

      <div className={styles.logout}>
        <Button block size="large" color="danger" fill="outline" onClick={() => void confirmLogout()} loading={logout.isPending}>
          {t('auth.logout')}
        </Button>
      </div>
    </div>
  );
}

/** This phone's switch for ringing and vibrating (kept on the phone), with a test that also unlocks the sound. */
function AttentionSettings() {
  const { t } = useTranslation();
  const isOn = useAttentionOn();
  const test = () => {
    unlockAudio(); // inside the tap: the browser lets the sound play from now on
    vibrate('handoff');
    // The context resumes asynchronously after the unlock: ring just after it.
    setTimeout(() => playChime('handoff'), 60);
  };
  return (
    <List className={styles.list} mode="card" header={t('attention.title')}>
      <List.Item
        prefix={<SoundOutline />}
        description={canPlaySound() ? t('attention.soundHint') : t('attention.unsupported')}
        extra={
          <Switch
            checked={isOn}
            onChange={setAttentionOn}
            aria-label={t('attention.sound')}
            data-testid="attention-switch"
            // A finger-sized target (44 px), as every control of the staff app.
            style={{ '--height': '44px', '--width': '72px' }}
          />
        }
      >
        {t('attention.sound')}
      </List.Item>
      {isOn ? (
        <List.Item onClick={test} arrowIcon={false} data-testid="attention-test">
          <span className={styles.testLink}>{t('attention.test')}</span>
        </List.Item>
      ) : null}
      <List.Item description={canKeepScreenOn() ? t('attention.screenOnHint') : t('attention.screenOnUnsupported')}>
        {t('attention.screenOn')}
      </List.Item>
      <List.Item description={t('attention.installHint')}>{t('attention.install')}</List.Item>
    </List>
  );
}
