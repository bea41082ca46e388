import { describe, expect, it } from 'vitest';
import { consumptionByWeek, duplicateItemIds, lowStockTransition, weeksBetween } from './supplies.rules.js';

describe('low-stock transitions', () => {
  it('alerts when a level falls to or below the threshold from above', () => {
    expect(lowStockTransition(false, 3, 3)).toBe('alert');
    expect(lowStockTransition(false, 0, 3)).toBe('alert');
    expect(lowStockTransition(false, 4, 3)).toBeNull();
  });
  it('does not alert again while still low, and re-arms once above', () => {
    expect(lowStockTransition(true, 1, 3)).toBeNull();
    expect(lowStockTransition(true, 4, 3)).toBe('recovered');
  });
  it('treats a zero threshold as "out of stock"', () => {
    expect(lowStockTransition(false, 0, 0)).toBe('alert');
    expect(lowStockTransition(false, 1, 0)).toBeNull();
  });
});

describe('weeks and consumption', () => {
  it('lists the Mondays of a range, from any day of the first week to any day of the last', () => {
    expect(weeksBetween('2026-11-11', '2026-11-29')).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeksBetween('2026-11-29', '2026-11-29')).toEqual(['2026-11-23']);
    expect(weeksBetween('2026-12-28', '2027-01-04')).toEqual(['2026-12-28', '2027-01-04']);
  });
  it('refuses a range longer than a year of weeks', () => {
    expect(weeksBetween('2025-01-01', '2025-12-31')).toHaveLength(53);
    expect(weeksBetween('2020-01-01', '2026-01-01')).toBeNull();
  });
  it('turns issue deltas into positive weekly quantities, zero for quiet weeks', () => {
    expect(
      consumptionByWeek(
        ['2026-11-09', '2026-11-16'],
        [
          { week: '2026-11-09', delta: -4 },
          { week: '2026-11-09', delta: -6 },
          { week: '2026-11-02', delta: -99 },
        ],
      ),
    ).toEqual({
      weeks: [
        { week: '2026-11-09', quantity: 10 },
        { week: '2026-11-16', quantity: 0 },
      ],
      total: 10,
    });
  });
  it('finds items named on more than one line', () => {
    expect(duplicateItemIds([{ itemId: 'a' }, { itemId: 'b' }, { itemId: 'a' }])).toEqual(['a']);
    expect(duplicateItemIds([{ itemId: 'a' }])).toEqual([]);
  });
});
