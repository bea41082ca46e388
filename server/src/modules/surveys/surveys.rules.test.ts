import { describe, expect, it } from 'vitest';
import { averageOf, normalisePhone, satisfactionShare, tallyNps } from './surveys.rules.js';

describe('survey rules', () => {
  it('counts NPS as promoters minus detractors over all answers', () => {
    // 9, 10 promoters; 7, 8 passives; 0, 6 detractors; 2 − 2 over 6 → 0.
    expect(tallyNps([9, 10, 7, 8, 0, 6])).toEqual({ promoters: 2, passives: 2, detractors: 2, nps: 0 });
    expect(tallyNps([10, 9, 9, 3])).toMatchObject({ promoters: 3, detractors: 1, nps: 50 });
    expect(tallyNps([6, 6, 9])).toMatchObject({ nps: -33.3 });
    expect(tallyNps([]).nps).toBeNull();
  });

  it('maps a 1–5 average onto the assessment share linearly, and keeps none as none', () => {
    expect(satisfactionShare(5)).toBe(1);
    expect(satisfactionShare(1)).toBe(0);
    expect(satisfactionShare(3)).toBe(0.5);
    expect(satisfactionShare(4.5)).toBe(0.875);
    expect(satisfactionShare(null)).toBeNull();
  });

  it('averages to two decimals', () => {
    expect(averageOf([5, 4, 4])).toBe(4.33);
    expect(averageOf([])).toBeNull();
  });

  it('takes a mainland mobile number with spaces or +86, nothing else', () => {
    expect(normalisePhone('139 1234 5678')).toBe('13912345678');
    expect(normalisePhone('+86 13912345678')).toBe('13912345678');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('23912345678')).toBeNull();
  });
});
