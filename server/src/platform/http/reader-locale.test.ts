import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, readerLocale } from './reader-locale.js';

describe('readerLocale', () => {
  it("prefers the app's own language choice over the browser's", () => {
    expect(readerLocale('en-US', 'zh-CN,zh;q=0.9')).toBe('en-US');
    expect(readerLocale('zh-CN', 'en-US,en;q=0.9')).toBe('zh-CN');
  });

  it('falls back to Accept-Language, by weight, then to Chinese', () => {
    expect(readerLocale(undefined, 'en-GB,en;q=0.9')).toBe('en-US');
    expect(readerLocale(undefined, 'fr-FR;q=0.9, zh-TW;q=0.5, en;q=0.7')).toBe('en-US');
    expect(readerLocale(undefined, 'de-DE')).toBe('zh-CN');
    expect(readerLocale(undefined, undefined)).toBe('zh-CN');
  });

  it('ignores languages refused with q=0 and malformed weights', () => {
    expect(localeFromAcceptLanguage('en;q=0, zh;q=0.1')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en;q=abc')).toBeNull();
    expect(localeFromAcceptLanguage('*')).toBeNull();
  });
});
