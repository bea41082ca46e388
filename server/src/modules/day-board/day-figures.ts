/**
 * A site's figures for one site-local day, as the day board sees it: who was rostered, absent
 * and late, guests received, anomalies reported, rounds missed, repairs still open at the day's
 * end and customer opinions collected. The meetings discuss these; each figure comes from the
 * module that owns the records, through its exported reads.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, instantAt, shiftSpan } from '../../platform/site-time.js';
import { listAnomaliesOn } from '../anomalies/index.js';
import { countOpenWorkOrdersAt } from '../repairs/index.js';
import { listDecidedSlots } from '../rounds/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { listOpinionsOn } from '../shift-forms/index.js';
import { isLate, listShiftsOn } from '../shifts/index.js';
import { readStandardSettings } from '../standards/index.js';
import { listVisitsArrivedBetween } from '../visits/index.js';

export interface SiteDayFigures {
  date: string;
  rostered: number;
  /** Rostered lines whose start (plus grace) passed by `now` with nobody clocked in. */
  absent: number;
  late: number;
  /** Guests (party sizes summed) who arrived that day. */
  visitors: number;
  anomalies: number;
  missedRounds: number;
  /** Work orders reported before the day's end and not done by then (or by now, for today). */
  openRepairs: number;
  opinions: number;
}

/** The figures of each day from `fromDate` to `toDate` (inclusive), judged at `now`. */
export async function siteDayFigures(
  db: Kysely<DB>,
  site: { id: string; timeZone: string },
  fromDate: string,
  toDate: string,
  now: number,
): Promise<SiteDayFigures[]> {
  const dayStart = (date: string) => instantAt(date, '00:00', site.timeZone);
  const [entries, settings, visits, slots, anomalies] = await Promise.all([
    listEntriesBetween(db, site.id, fromDate, toDate),
    readStandardSettings(db, site.id),
    listVisitsArrivedBetween(db, site.id, dayStart(fromDate), dayStart(addDays(toDate, 1))),
    listDecidedSlots(db, site.id, fromDate, toDate),
    listAnomaliesOn(db, site.id, dayStart(fromDate), dayStart(addDays(toDate, 1))),
  ]);
  const figures: SiteDayFigures[] = [];
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const from = dayStart(date);
    const to = dayStart(addDays(date, 1));
    const [shifts, opinions, openRepairs] = await Promise.all([
      listShiftsOn(db, site.id, date),
      listOpinionsOn(db, site.id, date),
      countOpenWorkOrdersAt(db, site.id, Math.min(to, now)),
    ]);
    const dayEntries = entries.filter((e) => e.date === date);
    let absent = 0;
    let late = 0;
    for (const e of dayEntries) {
      const shift = shifts.find((s) => s.roster_entry_id === e.id);
      const startsAt = shiftSpan(e.date, e.start_time, e.end_time, site.timeZone).startsAt;
      if (shift) late += isLate(shift.clock_in_at, startsAt, settings.lateGraceMinutes) ? 1 : 0;
      else absent += isLate(now, startsAt, settings.lateGraceMinutes) ? 1 : 0;
    }
    figures.push({
      date,
      rostered: dayEntries.length,
      absent,
      late,
      visitors: visits.filter((v) => v.arrived_at >= from && v.arrived_at < to).reduce((n, v) => n + v.party_size, 0),
      anomalies: anomalies.filter((a) => a.reported_at >= from && a.reported_at < to).length,
      missedRounds: slots.filter((s) => s.local_date === date && s.status === 'missed').length,
      openRepairs: from > now ? 0 : openRepairs,
      opinions: opinions.length,
    });
  }
  return figures;
}
