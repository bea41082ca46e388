import type { Locale, StandardItem, Text } from '@anchang/contracts';

/** A bilingual text in the UI language; English falls back to Chinese where a site left it blank. */
export const localText = (text: Text, locale: Locale): string => (locale === 'en-US' && text.en.trim() ? text.en : text.zh);

/** The other language's wording, shown under the first so an editor sees both. */
export const otherText = (text: Text, locale: Locale): string => (locale === 'en-US' ? text.zh : text.en);

/** Item ids a site adds itself: `SITE-` and a random upper-case suffix (the library's ids never start so). */
export function newSiteItemId(taken: readonly StandardItem[]): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    const id = `SITE-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
    if (!taken.some((item) => item.id === id)) return id;
  }
}
