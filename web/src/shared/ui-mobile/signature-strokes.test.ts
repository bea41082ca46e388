import { describe, expect, it } from 'vitest';
import { appendPoint, hasInk, inkLength, MAX_POINTS_PER_STROKE, normalisePoint, strokesToPath, type SignaturePoint } from './signature-strokes';

const pad = { left: 20, top: 100, width: 300, height: 120 };

describe('normalisePoint', () => {
  it('maps client pixels into the 0–1 box of the pad, x and y each by their own side', () => {
    expect(normalisePoint(20, 100, pad)).toEqual([0, 0]);
    expect(normalisePoint(320, 220, pad)).toEqual([1, 1]);
    expect(normalisePoint(170, 130, pad)).toEqual([0.5, 0.25]);
  });

  it('pins a finger that slides off the pad to the nearest edge', () => {
    expect(normalisePoint(-50, 400, pad)).toEqual([0, 1]);
    expect(normalisePoint(900, 40, pad)).toEqual([1, 0]);
  });

  it('rounds to four decimals', () => {
    expect(normalisePoint(20 + 100, 100 + 40, pad)).toEqual([0.3333, 0.3333]);
  });

  it('gives the origin for a pad not laid out yet, never NaN', () => {
    expect(normalisePoint(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual([0, 0]);
  });
});

describe('appendPoint', () => {
  it('drops points too close to the last one kept', () => {
    const stroke: SignaturePoint[] = [];
    expect(appendPoint(stroke, [0.1, 0.1])).toBe(true);
    expect(appendPoint(stroke, [0.101, 0.1])).toBe(false);
    expect(appendPoint(stroke, [0.12, 0.1])).toBe(true);
    expect(stroke).toEqual([
      [0.1, 0.1],
      [0.12, 0.1],
    ]);
  });

  it('stops at the contract limit of points per stroke', () => {
    const stroke: SignaturePoint[] = Array.from({ length: MAX_POINTS_PER_STROKE }, (_, i) => [i / MAX_POINTS_PER_STROKE, 0]);
    expect(appendPoint(stroke, [1, 1])).toBe(false);
    expect(stroke).toHaveLength(MAX_POINTS_PER_STROKE);
  });
});

describe('ink', () => {
  it('measures the length of the lines, not the number of points', () => {
    expect(
      inkLength([
        [
          [0, 0],
          [0.3, 0.4],
        ],
        [[0.5, 0.5]],
      ]),
    ).toBeCloseTo(0.5);
  });

  it('takes a short scribble or a tap as no signature, as the server does', () => {
    expect(hasInk([])).toBe(false);
    expect(hasInk([[[0.5, 0.5]]])).toBe(false);
    expect(
      hasInk([
        [
          [0.1, 0.5],
          [0.2, 0.5],
        ],
      ]),
    ).toBe(false);
    expect(
      hasInk([
        [
          [0.1, 0.5],
          [0.3, 0.5],
        ],
      ]),
    ).toBe(true);
  });
});

describe('strokesToPath', () => {
  it('scales each stroke into the drawing box', () => {
    expect(
      strokesToPath(
        [
          [
            [0, 0],
            [0.5, 1],
          ],
          [[1, 0.5]],
        ],
        200,
        80,
      ),
    ).toBe('M0 0L100 80M200 40l0.01 0');
  });
});
