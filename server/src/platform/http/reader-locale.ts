/**
 * The language a person reads a generated file in (Excel exports). A download is a plain link or
 * fetch, so the web app passes its own UI language as `lang`; a client that does not (a script, a
 * link opened elsewhere) is answered in the browser's Accept-Language, and Chinese otherwise.
 */
import { LOCALES, type Locale } from '@anchang/contracts';

const DEFAULT_LOCALE: Locale = 'zh-CN';

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** The best supported locale of an Accept-Language header (RFC 9110 weights), or null. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    // Highest weight first; equal weights keep the order the client sent.
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en-US';
  }
  return null;
}

export function readerLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(lang)) return lang;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
