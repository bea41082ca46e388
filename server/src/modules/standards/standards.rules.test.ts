import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { toMinutes } from '../../platform/site-time.js';
import { assertGreetingWindows, DEFAULT_STANDARD_SETTINGS, greetingFor } from './standards.rules.js';

const at = (hhmm: string) => greetingFor(DEFAULT_STANDARD_SETTINGS.greetingWindows, toMinutes(hhmm))?.zh ?? null;

describe('greeting by time of day (HALL-IN-5)', () => {
  it('switches exactly at the window edges', () => {
    expect(at('08:29')).toBeNull();
    expect(at('08:30')).toBe('早上好');
    expect(at('11:29')).toBe('早上好');
    expect(at('11:30')).toBe('中午好');
    expect(at('14:29')).toBe('中午好');
    expect(at('14:30')).toBe('下午好');
    expect(at('17:59')).toBe('下午好');
    expect(at('18:00')).toBeNull();
  });

  it('refuses overlapping or inverted windows', () => {
    expect(() => assertGreetingWindows([{ from: '09:00', to: '08:00', zh: '早', en: 'm' }])).toThrow(AppError);
    expect(() =>
      assertGreetingWindows([
        { from: '08:00', to: '12:00', zh: '早', en: 'm' },
        { from: '11:00', to: '13:00', zh: '午', en: 'n' },
      ]),
    ).toThrow(AppError);
    expect(() => assertGreetingWindows(DEFAULT_STANDARD_SETTINGS.greetingWindows)).not.toThrow();
  });
});
