/**
 * The replay rules: what makes a scan look like a photographed or shared QR rather than a
 * person standing there. A flagged scan still counts (the guard may really be there with a
 * poor GPS fix); the flags put it in front of the supervisor.
 */
import type { ScanFlag } from '@anchang/contracts';

/** The same person scanning the same code again within this window is a repeat. */
export const REPEAT_WINDOW_MS = 2 * 60_000;
/** Faster than a brisk walk (about 7 km/h), with room for GPS error at both ends. */
export const MAX_WALK_METRES_PER_SECOND = 2;
export const POSITION_SLACK_METRES = 30;
/** Between checkpoints without coordinates: the route's planned gap, walked no faster than this share of it. */
export const MIN_SHARE_OF_PLANNED_GAP = 0.25;

export interface ScanPoint {
  checkpointId: string;
  at: number;
  /** The checkpoint's own coordinates (where its poster hangs), when known. */
  lat: number | null;
  lng: number | null;
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The shortest time a person needs from `previous` to `current`, or null when nothing says:
 * by the distance when both checkpoints have coordinates, else by the planned minutes between
 * them on a patrol route.
 */
export function minimumTravelMs(previous: ScanPoint, current: ScanPoint, plannedGapMinutes: number | null): number | null {
  if (previous.lat !== null && previous.lng !== null && current.lat !== null && current.lng !== null) {
    const metres = Math.max(
      0,
      distanceMetres(previous as { lat: number; lng: number }, current as { lat: number; lng: number }) - POSITION_SLACK_METRES,
    );
    return (metres / MAX_WALK_METRES_PER_SECOND) * 1000;
  }
  if (plannedGapMinutes !== null) return plannedGapMinutes * 60_000 * MIN_SHARE_OF_PLANNED_GAP;
  return null;
}

/** Flags `current` against the same person's previous scan (repeat, too_fast). */
export function replayFlags(previous: ScanPoint | null, current: ScanPoint, plannedGapMinutes: number | null): ScanFlag[] {
  if (!previous) return [];
  const elapsed = current.at - previous.at;
  if (previous.checkpointId === current.checkpointId) return elapsed < REPEAT_WINDOW_MS ? ['repeat'] : [];
  const needed = minimumTravelMs(previous, current, plannedGapMinutes);
  return needed !== null && elapsed < needed ? ['too_fast'] : [];
}
