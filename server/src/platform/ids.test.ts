import { describe, expect, it } from 'vitest';
import { ID_PATTERN, newId } from './ids.js';

describe('newId', () => {
  it('makes UUIDv7 ids that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_800_000_000_000));
    expect(ids.every((id) => ID_PATTERN.test(id) && id[14] === '7')).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the time in the leading bits', () => {
    const a = newId(1_800_000_000_000);
    const b = newId(1_800_000_100_000);
    expect(a < b).toBe(true);
    expect(parseInt(b.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_100_000);
  });
});
