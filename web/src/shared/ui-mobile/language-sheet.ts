import { ActionSheet } from 'antd-mobile';
import { LOCALE_OPTIONS, setLocale } from '../../i18n';

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
