import { describe, expect, it } from 'vitest';
import { distanceMetres, minimumTravelMs, replayFlags, REPEAT_WINDOW_MS } from './scan-rules.js';

const point = (checkpointId: string, at: number, lat: number | null = null, lng: number | null = null) => ({ checkpointId, at, lat, lng });

describe('replayFlags', () => {
  it('flags the same code scanned again within the repeat window only', () => {
    expect(replayFlags(point('a', 0), point('a', REPEAT_WINDOW_MS - 1), null)).toEqual(['repeat']);
    expect(replayFlags(point('a', 0), point('a', REPEAT_WINDOW_MS), null)).toEqual([]);
  });

  it('flags a place reached faster than one can walk the distance', () => {
    // About 556 m north: at 2 m/s less the 30 m slack, at least ~263 s.
    const from = point('a', 0, 31.2, 121.5);
    expect(distanceMetres({ lat: 31.2, lng: 121.5 }, { lat: 31.205, lng: 121.5 })).toBeCloseTo(556, 0);
    expect(replayFlags(from, point('b', 120_000, 31.205, 121.5), null)).toEqual(['too_fast']);
    expect(replayFlags(from, point('b', 300_000, 31.205, 121.5), null)).toEqual([]);
  });

  it('uses the route plan when a checkpoint has no coordinates, and says nothing without either', () => {
    expect(minimumTravelMs(point('a', 0), point('b', 0), 20)).toBe(5 * 60_000);
    expect(replayFlags(point('a', 0), point('b', 4 * 60_000), 20)).toEqual(['too_fast']);
    expect(replayFlags(point('a', 0), point('b', 5 * 60_000), 20)).toEqual([]);
    expect(replayFlags(point('a', 0), point('b', 1000), null)).toEqual([]);
    expect(replayFlags(null, point('b', 0), 20)).toEqual([]);
  });
});
