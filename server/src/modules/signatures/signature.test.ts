import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { assertSigned, inkLength } from './signature.js';

describe('signatures', () => {
  it('refuses an empty pad or a tap, accepts a hand-written mark', () => {
    expect(() => assertSigned({ strokes: [] })).toThrow(AppError);
    expect(() => assertSigned({ strokes: [[[0.5, 0.5]]] })).toThrow(AppError);
    expect(() =>
      assertSigned({
        strokes: [
          [
            [0.5, 0.5],
            [0.52, 0.5],
          ],
        ],
      }),
    ).toThrow(AppError);
    const name = {
      strokes: [
        [
          [0.1, 0.5],
          [0.2, 0.3],
          [0.3, 0.6],
        ],
        [
          [0.4, 0.4],
          [0.6, 0.5],
        ],
      ] as [number, number][][],
    };
    expect(inkLength(name)).toBeGreaterThan(0.15);
    expect(() => assertSigned(name)).not.toThrow();
  });
});
