/**
 * Signatures travel as strokes of points in a 0–1 box (the server checks the ink without
 * decoding an image). These are the pure parts of the pad: turning pointer positions into box
 * points, thinning them, and measuring the ink the way the server does.
 */
export type SignaturePoint = [number, number];
export type SignatureStrokes = SignaturePoint[][];

/** The contract's limits (contracts/src/site-care.ts `Signature`). */
export const MAX_STROKES = 200;
export const MAX_POINTS_PER_STROKE = 2000;
/** The server's threshold (server/src/modules/signatures/signature.ts), in box widths. */
export const MIN_INK = 0.15;
/** Points closer than this (in box units) to the last kept one add nothing a reader would see. */
const MIN_STEP = 0.004;
/** Four decimals: finer than any phone's pixels, and keeps the request small. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp01 = (value: number) => (value < 0 ? 0 : value > 1 ? 1 : value);

export interface PadBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A pointer position (client pixels) as a point in the pad's 0–1 box; outside the pad is pinned to its edge. */
export function normalisePoint(clientX: number, clientY: number, box: PadBox): SignaturePoint {
  if (box.width <= 0 || box.height <= 0) return [0, 0];
  return [round(clamp01((clientX - box.left) / box.width)), round(clamp01((clientY - box.top) / box.height))];
}

/**
 * Adds `point` to the stroke unless it is too near the last kept one or the stroke is full;
 * returns whether it was kept (then it is worth drawing).
 */
export function appendPoint(stroke: SignaturePoint[], point: SignaturePoint): boolean {
  if (stroke.length >= MAX_POINTS_PER_STROKE) return false;
  const last = stroke[stroke.length - 1];
  if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < MIN_STEP) return false;
  stroke.push(point);
  return true;
}

/** Total ink in box widths, as the server measures it. */
export function inkLength(strokes: SignatureStrokes): number {
  let total = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) total += Math.hypot(stroke[i]![0] - stroke[i - 1]![0], stroke[i]![1] - stroke[i - 1]![1]);
  }
  return total;
}

/** Enough ink for the server to take it as a hand's mark, so a submit button may be enabled. */
export function hasInk(strokes: SignatureStrokes): boolean {
  return inkLength(strokes) >= MIN_INK;
}

/** The strokes as an SVG path in a `width`×`height` box (a dot for a one-point stroke). */
export function strokesToPath(strokes: SignatureStrokes, width: number, height: number): string {
  const px = (p: SignaturePoint) => `${round(p[0] * width)} ${round(p[1] * height)}`;
  return strokes
    .filter((s) => s.length > 0)
    .map((s) =>
      s.length === 1
        ? `M${px(s[0]!)}l0.01 0`
        : `M${px(s[0]!)}` +
          s
            .slice(1)
            .map((p) => `L${px(p)}`)
            .join(''),
    )
    .join('');
}
