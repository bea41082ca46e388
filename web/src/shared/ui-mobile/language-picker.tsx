import { GlobalOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';

export function LanguagePickerLink() {
  const { t } = useTranslation();
  const locale = useLocale();
  // The sheet's code (ActionSheet, its popup and gestures) loads on the tap: the login page stays light.
  const open = () =>
    void import('./language-sheet').then(({ openLanguageSheet }) => openLanguageSheet(locale, t('mobile.languageTitle'), (l) => t(`language.${l}`)));
  return (
    // A real button (focusable, 44 px tall with the phone's button rule), dressed as the white link it was.
    <button
      type="button"
      style={{ color: '#fff', fontSize: 14, display: 'inline-flex', alignItems: 'center', gap: 4, padding: '0 4px', border: 0, background: 'none' }}
      onClick={open}
    >
      <GlobalOutline /> {t(`language.${locale}`)}
    </button>
  );
}
