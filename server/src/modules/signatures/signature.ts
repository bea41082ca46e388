/**
 * Signatures drawn on a phone arrive as strokes in a 0–1 box. A signature counts when its ink
 * is long enough to be a mark of a hand, not a stray tap.
 */
import type { Signature } from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';

/** Total ink in box widths; a short name written across a quarter of the pad is well above it. */
const MIN_INK = 0.15;

export function inkLength(signature: Signature): number {
  let total = 0;
  for (const stroke of signature.strokes) {
    for (let i = 1; i < stroke.length; i++) total += Math.hypot(stroke[i]![0] - stroke[i - 1]![0], stroke[i]![1] - stroke[i - 1]![1]);
  }
  return total;
}

export function assertSigned(signature: Signature): void {
  if (inkLength(signature) < MIN_INK) throw new AppError('SIGNATURE_EMPTY', { message: 'The signature is empty', params: { field: 'signature' } });
}
