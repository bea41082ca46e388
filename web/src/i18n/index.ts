/**
 * i18n for both apps. zh-CN is the default; the user's choice is kept in localStorage so the
 * console and the staff app on the same device agree. dayjs follows the language; antd and
 * antd-mobile locales are picked in the providers from `useLocale()`.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ErrorCode, Locale, PostKind, Role, ZoneKind } from '@anchang/contracts';
import { zhCN, type Messages } from './zh-CN';
import { enUS } from './en-US';

export type { Locale };
export const LOCALE_OPTIONS: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'anchang.locale';
const DEFAULT_LOCALE: Locale = 'zh-CN';

// Compile-time proof that every contract value has a label: adding a code to contracts without
// translating it fails the typecheck here.
zhCN.errors satisfies Record<ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN', string>;
zhCN.zoneKinds satisfies Record<ZoneKind, string>;
zhCN.postKinds satisfies Record<PostKind, string>;
zhCN.roles satisfies Record<Role, string>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en-US';
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage blocked (private mode): fall back quietly
  }
}

function applySideEffects(locale: Locale): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

const initialLocale = readStoredLocale();
applySideEffects(initialLocale);

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initialLocale,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALE_OPTIONS,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false, // resources are bundled: initialise synchronously so the first render is translated
});

export const i18n = i18next;

/** Switches the UI language and remembers it on this device. */
export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage blocked: the choice lasts for this tab only */
  }
  applySideEffects(locale);
  void i18next.changeLanguage(locale);
}

/** The current UI language; re-renders when it changes. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
}

/**
 * Translates a key built at runtime (an audit action, an error code from the server) when it
 * exists, else returns `fallback`. Typed keys cannot cover strings the server invents later.
 */
export function translateDynamic(key: string, fallback: string, params?: Record<string, unknown>): string {
  if (!i18next.exists(key)) return fallback;
  return (i18next.t as unknown as (k: string, p?: Record<string, unknown>) => string)(key, params);
}
