import { ActionSheet } from 'antd-mobile';
import { GlobalOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { LOCALE_OPTIONS, setLocale, useLocale } from '../../i18n';

/** Opens the language choice as a bottom sheet, the phone's way to pick one of a few. */
export function openLanguageSheet(current: string, title: string, label: (locale: (typeof LOCALE_OPTIONS)[number]) => string): void {
  const handler = ActionSheet.show({
    extra: title,
    actions: LOCALE_OPTIONS.map((locale) => ({
      key: locale,
      text: locale === current ? `${label(locale)} ✓` : label(locale),
      onClick: () => {
        setLocale(locale);
        handler.close();
      },
    })),
    closeOnAction: true,
  });
}

export function LanguagePickerLink() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    // A real button (focusable, 44 px tall with the phone's button rule), dressed as the white link it was.
    <button
      type="button"
      style={{ color: '#fff', fontSize: 14, display: 'inline-flex', alignItems: 'center', gap: 4, padding: '0 4px', border: 0, background: 'none' }}
      onClick={() => openLanguageSheet(locale, t('mobile.languageTitle'), (l) => t(`language.${l}`))}
    >
      <GlobalOutline /> {t(`language.${locale}`)}
    </button>
  );
}
