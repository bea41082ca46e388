/**
 * Roster conflicts, computed from the week's entries: a person on two posts at once, a post
 * with nobody on it during opening hours, a person with no pre-job training.
 */
import type { OpeningHours, RosterConflict, RosterEntry } from '@anchang/contracts';
import { fromMinutes, toMinutes, weekdayOf } from '../../platform/site-time.js';

export function findDoubleBookings(entries: readonly RosterEntry[]): RosterConflict[] {
  const out: RosterConflict[] = [];
  const byPersonDay = new Map<string, RosterEntry[]>();
  for (const e of entries) {
    const key = `${e.personId}|${e.date}`;
    byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), e]);
  }
  for (const list of byPersonDay.values()) {
    const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (b.start >= a.end) break;
        out.push({
          kind: 'PERSON_DOUBLE_BOOKED',
          date: a.date,
          personId: a.personId,
          entryIds: [a.id, b.id],
          from: b.start,
          to: a.end < b.end ? a.end : b.end,
        });
      }
    }
  }
  return out;
}

/** Gaps in each post's cover between opening and closing, on the days the site is open. */
export function findUncoveredPosts(
  entries: readonly RosterEntry[],
  postIds: readonly string[],
  days: readonly string[],
  hours: OpeningHours,
): RosterConflict[] {
  const out: RosterConflict[] = [];
  const open = toMinutes(hours.open);
  const close = toMinutes(hours.close);
  for (const date of days) {
    if (hours.closedWeekdays.includes(weekdayOf(date))) continue;
    for (const postId of postIds) {
      const spans = entries
        .filter((e) => e.postId === postId && e.date === date)
        .map((e) => [toMinutes(e.start), toMinutes(e.end)] as const)
        .sort((a, b) => a[0] - b[0]);
      let covered = open;
      for (const [s, e] of spans) {
        if (s > covered && covered < close)
          out.push({ kind: 'POST_UNCOVERED', date, postId, entryIds: [], from: fromMinutes(covered), to: fromMinutes(Math.min(s, close)) });
        covered = Math.max(covered, e);
        if (covered >= close) break;
      }
      if (covered < close) out.push({ kind: 'POST_UNCOVERED', date, postId, entryIds: [], from: fromMinutes(covered), to: fromMinutes(close) });
    }
  }
  return out;
}

export function findUntrained(entries: readonly RosterEntry[], untrained: ReadonlySet<string>): RosterConflict[] {
  const seen = new Set<string>();
  const out: RosterConflict[] = [];
  for (const e of entries) {
    if (!untrained.has(e.personId) || seen.has(`${e.personId}|${e.date}`)) continue;
    seen.add(`${e.personId}|${e.date}`);
    out.push({
      kind: 'NO_PRE_JOB_TRAINING',
      date: e.date,
      personId: e.personId,
      entryIds: entries.filter((x) => x.personId === e.personId && x.date === e.date).map((x) => x.id),
    });
  }
  return out;
}
