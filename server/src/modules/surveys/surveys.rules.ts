/**
 * The survey's arithmetic, pure: NPS, averages, and the share of the assessment's satisfaction
 * line a person's month of ratings earns.
 */
import { npsGroup } from '@anchang/contracts';

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const NPS_MIN = 0;
export const NPS_MAX = 10;

/** Per address per hour: generous, since a sales center's guests share its Wi-Fi and so one address. */
export const ANSWERS_PER_ADDRESS_PER_HOUR = 30;
/** Per phone per day: a visitor answers once or twice (the farewell QR, a poster); a script many times. */
export const ANSWERS_PER_DEVICE_PER_DAY = 5;
/** Complaints from the QR page: a visitor has one or two things to say; each one wakes a manager. */
export const COMPLAINTS_PER_ADDRESS_PER_HOUR = 10;
export const COMPLAINTS_PER_DEVICE_PER_DAY = 3;

export interface NpsTally {
  promoters: number;
  passives: number;
  detractors: number;
  /** (promoters − detractors) / answers × 100, to a tenth; null without answers. */
  nps: number | null;
}

export function tallyNps(scores: readonly number[]): NpsTally {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    const group = npsGroup(s);
    if (group === 'promoter') promoters += 1;
    else if (group === 'passive') passives += 1;
    else detractors += 1;
  }
  const nps = scores.length === 0 ? null : Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
  return { promoters, passives, detractors, nps };
}

/** The mean to two decimals; null for none. */
export function averageOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((n, v) => n + v, 0) / values.length) * 100) / 100;
}

/**
 * A month's average rating (1–5) as the assessment's satisfaction share (0..1), linearly: 1 → 0,
 * 3 → 0.5, 5 → 1. Null (no rating in the month) stays null: the assessment then deducts nothing.
 */
export function satisfactionShare(average: number | null): number | null {
  if (average === null) return null;
  const share = (average - RATING_MIN) / (RATING_MAX - RATING_MIN);
  return Math.round(Math.max(0, Math.min(1, share)) * 1000) / 1000;
}

/** A mainland mobile number, spaces and dashes ignored: 11 digits starting with 1. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
