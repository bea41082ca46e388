/**
 * The hand-off chain as rules: which post receives each kind of hand-off, and where the
 * guests are once the receiving post has acknowledged it.
 */
import type { HandoffTarget, PostKind, VisitStage } from '@anchang/contracts';

/** The post that receives a hand-off (a consultant is a person, not a post). */
export function receivingPost(target: HandoffTarget, arrivalMode: 'car' | 'walk_in'): PostKind | null {
  switch (target) {
    case 'hall':
      return 'HALL';
    case 'bar':
      return 'BAR';
    case 'shuttle':
      return 'SHUTTLE';
    case 'concierge':
      return 'GUARD';
    case 'model_room':
      return 'MODEL';
    case 'departure':
      // The car park sees a car off (引导驶离); guests on foot simply leave.
      return arrivalMode === 'car' ? 'PARK' : null;
    case 'consultant':
      return null;
  }
}

/** Where the guests are once the hand-off is acknowledged; null when they stay where they are. */
export function stageAfterAck(target: HandoffTarget): VisitStage | null {
  switch (target) {
    case 'hall':
      return 'hall';
    case 'shuttle':
      return 'shuttle';
    case 'concierge':
      return 'concierge';
    case 'model_room':
      return 'model_room';
    case 'departure':
      return 'departed';
    case 'bar':
    case 'consultant':
      return null;
  }
}

export interface StageEntry {
  stage: VisitStage;
  at: number;
}

/** Time spent at each stage, the current one counted up to `now`. */
export function stageDurations(log: readonly StageEntry[], now: number): Record<string, number> {
  const out: Record<string, number> = {};
  log.forEach((entry, i) => {
    if (entry.stage === 'departed') return;
    const end = log[i + 1]?.at ?? now;
    out[entry.stage] = (out[entry.stage] ?? 0) + Math.max(0, end - entry.at);
  });
  return out;
}

/** Personal data in lists: 浙A12345 → 浙A1**45. */
export function maskPlate(plate: string | null): string | null {
  if (!plate) return null;
  const chars = [...plate];
  return chars.length <= 4 ? '****' : `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 5)}${chars.slice(-2).join('')}`;
}
