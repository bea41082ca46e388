import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { endsNextDay, shiftTimeRange } from './shift-time';

const t = ((key: string, params: { start: string; end: string }) => `${key}:${params.start}/${params.end}`) as unknown as TFunction;

describe('shift times', () => {
  it('reads an end not after the start as the next day, as the server does', () => {
    expect(endsNextDay('20:00', '08:00')).toBe(true);
    expect(endsNextDay('08:00', '08:00')).toBe(true);
    expect(endsNextDay('08:30', '17:00')).toBe(false);
  });

  it('marks only a line ending the next day', () => {
    expect(shiftTimeRange(t, '08:30', '17:00')).toBe('08:30–17:00');
    expect(shiftTimeRange(t, '20:00', '08:00')).toBe('nightShift.shiftTime:20:00/08:00');
  });
});
