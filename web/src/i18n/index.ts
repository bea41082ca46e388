/**
 * i18n for both apps. zh-CN is the default; the user's choice is kept in localStorage so the
 * console and the staff app on the same device agree. dayjs follows the language; antd and
 * antd-mobile locales are picked in the providers from `useLocale()`.
 *
 * Messages are loaded, not bundled (web/i18n-split-plugin.ts): only the current language, first
 * its `core` sections (what the phone's first screens say), then the `rest`. The apps call
 * `loadCoreMessages()` before their first render; `loadAllMessages()` before a screen that needs
 * more. Until the rest has arrived, a key from it reads as nothing rather than as the raw key, and
 * screens re-render when it lands.
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ErrorCode, Locale, PostKind, Role, ZoneKind } from '@anchang/contracts';
import { loaders } from 'virtual:i18n-messages';
import type { Messages } from './zh-CN';

export type { Locale };
export const LOCALE_OPTIONS: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'anchang.locale';
const DEFAULT_LOCALE: Locale = 'zh-CN';

// Compile-time proof that every contract value has a label: adding a code to contracts without
// translating it fails the typecheck here.
type Covers<Section extends Labels, Labels> = Section;
export type LabelProofs = [
  Covers<Messages['errors'], Record<ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN', string>>,
  Covers<Messages['zoneKinds'], Record<ZoneKind, string>>,
  Covers<Messages['postKinds'], Record<PostKind, string>>,
  Covers<Messages['roles'], Record<Role, string>>,
];

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

type Group = 'core' | 'rest';
const loaded = new Map<string, Promise<void>>();

/** Adds one group of one language's messages to i18next, once. */
function loadGroup(locale: Locale, group: Group): Promise<void> {
  const key = `${locale}/${group}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = loaders[locale][group]().then(({ default: messages }) => {
      i18next.addResourceBundle(locale, 'translation', messages, true, true);
    });
    // A failed download (no signal) may be retried by the next caller.
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

function hasAllMessages(locale: string): boolean {
  return loaded.has(`${locale}/rest`) && i18next.hasResourceBundle(locale, 'translation');
}

void i18next.use(initReactI18next).init({
  resources: {},
  lng: initialLocale,
  fallbackLng: false, // only the current language is downloaded: a fallback would be another download
  supportedLngs: LOCALE_OPTIONS,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false, // messages arrive through loadGroup: initialise now, translate once they are in
  partialBundledLanguages: true,
  // Re-render translated screens when a group of messages arrives.
  react: { bindI18nStore: 'added' },
  // A key of a group still on its way reads as nothing for that moment, not as its dotted name.
  parseMissingKeyHandler: (key) => (hasAllMessages(i18next.language) ? key : ''),
});

export const i18n = i18next;

/** The messages the first screens need, in the current language: await before the first render. */
export function loadCoreMessages(): Promise<void> {
  return loadGroup(currentLocale(), 'core');
}

/** Every message in the current language (a screen beyond the first ones, the console). */
export function loadAllMessages(): Promise<void> {
  const locale = currentLocale();
  return Promise.all([loadGroup(locale, 'core'), loadGroup(locale, 'rest')]).then(() => undefined);
}

function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : initialLocale;
}

/** Switches the UI language and remembers it on this device. */
export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* storage blocked: the choice lasts for this tab only */
  }
  // Switch once the new language's words are here, so no screen shows blanks meanwhile.
  void Promise.all([loadGroup(locale, 'core'), loadGroup(locale, 'rest')]).then(() => {
    applySideEffects(locale);
    void i18next.changeLanguage(locale);
  });
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
