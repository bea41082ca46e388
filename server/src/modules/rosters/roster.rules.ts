/**
 * Roster conflicts, computed from the week's entries: a person on two posts at once, a post
 * with nobody on it during opening hours, a person with no pre-job training.
 */
import type { OpeningHours, RosterConflict, RosterEntry } from '@anchang/contracts';
import { addDays, endsNextDay, fromMinutes, localParts, shiftSpan, toMinutes, weekdayOf } from '../../platform/site-time.js';

type Timed = Pick<RosterEntry, 'date' | 'start' | 'end'>;

/** Two roster lines overlap when their real instants do: a night line and the next morning's can. */
export function entriesOverlap(a: Timed, b: Timed, timeZone: string): boolean {
  const x = shiftSpan(a.date, a.start, a.end, timeZone);
  const y = shiftSpan(b.date, b.start, b.end, timeZone);
  return x.startsAt < y.endsAt && y.startsAt < x.endsAt;
}

/**
 * One person on two lines at once. Compared on instants, so a 20:00–08:00 night line clashes
 * with the next morning's 07:00 line; the conflict is dated by the earlier line, and `from`–`to`
 * is the overlap on the site's clocks.
 */
export function findDoubleBookings(entries: readonly RosterEntry[], timeZone: string): RosterConflict[] {
  const out: RosterConflict[] = [];
  const byPerson = new Map<string, { e: RosterEntry; startsAt: number; endsAt: number }[]>();
  for (const e of entries) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), { e, ...shiftSpan(e.date, e.start, e.end, timeZone) }]);
  for (const list of byPerson.values()) {
    const sorted = [...list].sort((a, b) => a.startsAt - b.startsAt);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (b.startsAt >= a.endsAt) break;
        out.push({
          kind: 'PERSON_DOUBLE_BOOKED',
          date: a.e.date,
          personId: a.e.personId,
          entryIds: [a.e.id, b.e.id],
          from: localParts(b.startsAt, timeZone).time,
          to: localParts(Math.min(a.endsAt, b.endsAt), timeZone).time,
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
      const spans = daySpans(entries, postId, date);
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

/**
 * The minutes of `date` a post's lines cover: a line of that day until its end (or midnight when
 * it runs into the next day), and the morning tail of a night line that started the day before.
 */
function daySpans(entries: readonly RosterEntry[], postId: string, date: string): (readonly [number, number])[] {
  const yesterday = addDays(date, -1);
  const spans: (readonly [number, number])[] = [];
  for (const e of entries) {
    if (e.postId !== postId) continue;
    const overnight = endsNextDay(e.start, e.end);
    if (e.date === date) spans.push([toMinutes(e.start), overnight ? 24 * 60 : toMinutes(e.end)]);
    else if (e.date === yesterday && overnight) spans.push([0, toMinutes(e.end)]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
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
