import { ROLE_GROUPS } from '@anchang/contracts';
/** Rosters: who works which post, by day and time, in a week view. */
import type { OpeningHours, RosterEntry, RosterWeek } from '@anchang/contracts';
import type { RosterEntriesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addDays, isValidDate, mondayOf } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { isSiteMember } from '../people/index.js';
import { findPostRow, listPostIdsOfSite } from '../posts/index.js';
import { isRosterEntryWorked } from '../shifts/index.js';
import { findSiteRow, SITE_MANAGERS } from '../sites/index.js';
import { assertMayBeRostered, findRosterCertificateGaps, peopleWithoutPreJobTraining } from '../training/index.js';
import { entriesOverlap, findDoubleBookings, findUncoveredPosts, findUntrained } from './roster.rules.js';
import { deleteEntry, findEntry, insertEntries, listEntriesBetween, listEntriesOfPersonBetween } from './rosters.repository.js';

export const toRosterEntry = (r: RosterEntriesTable): RosterEntry => ({
  id: r.id,
  siteId: r.site_id,
  postId: r.post_id,
  personId: r.person_id,
  date: r.date,
  start: r.start_time,
  end: r.end_time,
});

function assertDate(date: string): void {
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { message: 'Not a calendar date', params: { date } });
}

export async function getRosterWeek(deps: Deps, actor: Actor, siteId: string, anyDayOfWeek: string): Promise<RosterWeek> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  assertDate(anyDayOfWeek);
  const weekStart = mondayOf(anyDayOfWeek);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const [rows, postIds, site] = await Promise.all([
    // From the Sunday before: its night lines run into Monday morning.
    listEntriesBetween(deps.db, siteId, addDays(days[0]!, -1), days[6]!),
    listPostIdsOfSite(deps.db, siteId),
    findSiteRow(deps.db, siteId),
  ]);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const withEve = rows.map(toRosterEntry);
  const entries = withEve.filter((e) => e.date >= weekStart);
  const [untrained, certificateGaps] = await Promise.all([
    peopleWithoutPreJobTraining(deps.db, [...new Set(entries.map((e) => e.personId))]),
    findRosterCertificateGaps(deps.db, siteId, entries),
  ]);
  const hours = JSON.parse(site.opening_hours) as OpeningHours;
  const ofThisWeek = new Set(entries.map((e) => e.id));
  return {
    weekStart,
    days,
    entries,
    conflicts: [
      ...findDoubleBookings(withEve, site.time_zone).filter((c) => c.entryIds.some((id) => ofThisWeek.has(id))),
      ...findUncoveredPosts(withEve, postIds, days, hours),
      ...findUntrained(entries, untrained),
      ...certificateGaps,
    ],
  };
}

export async function createRosterEntry(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { postId: string; personId: string; date: string; start: string; end: string },
): Promise<RosterEntry> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  assertDate(input.date);
  // An end not after the start is the next morning: night shifts (20:00–08:00) are rostered as one line.
  const [post, member, site] = await Promise.all([
    findPostRow(deps.db, siteId, input.postId),
    isSiteMember(deps.db, siteId, input.personId),
    findSiteRow(deps.db, siteId),
  ]);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  if (!post) throw new AppError('POST_NOT_FOUND', { params: { postId: input.postId } });
  if (!member) throw new AppError('PERSON_NOT_FOUND', { params: { personId: input.personId } });
  // A site whose pre-job gate is `block` refuses the line (PRE_JOB_TRAINING_MISSING); `warn` shows a conflict.
  await assertMayBeRostered(deps.db, siteId, [input.personId]);
  return inTransaction(deps, async (tx) => {
    // One person cannot be in two places: a line overlapping another of theirs (the night before
    // running into this morning included) is refused, naming the line it collides with.
    const near = await listEntriesOfPersonBetween(tx.trx, siteId, input.personId, addDays(input.date, -1), addDays(input.date, 1));
    const clash = near.map(toRosterEntry).find((e) => entriesOverlap(e, input, site.time_zone));
    if (clash)
      throw new AppError('PERSON_DOUBLE_BOOKED', {
        message: 'This person is already rostered at that time',
        params: { entryId: clash.id, date: clash.date, start: clash.start, end: clash.end },
      });
    const row: RosterEntriesTable = {
      id: newId(),
      site_id: siteId,
      post_id: input.postId,
      person_id: input.personId,
      date: input.date,
      start_time: input.start,
      end_time: input.end,
      created_by: actor.personId,
      created_at: tx.now,
    };
    await insertEntries(tx.trx, [row]);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'roster.create', entityType: 'roster_entry', entityId: row.id, detail: { ...input } });
    tx.emit({ siteId }, 'roster.changed', { dates: [input.date] });
    return toRosterEntry(row);
  });
}

export async function deleteRosterEntry(deps: Deps, actor: Actor, siteId: string, entryId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const entry = await findEntry(deps.db, siteId, entryId);
  if (!entry) throw new AppError('ROSTER_ENTRY_NOT_FOUND', { params: { entryId } });
  await inTransaction(deps, async (tx) => {
    // A worked shift keeps its roster line: the day board and reports still need it.
    if (await isRosterEntryWorked(tx.trx, entryId))
      throw new AppError('ROSTER_ENTRY_IN_USE', { message: 'Someone already clocked in on this roster line', params: { entryId } });
    await deleteEntry(tx.trx, entryId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'roster.delete',
      entityType: 'roster_entry',
      entityId: entryId,
      detail: { date: entry.date, personId: entry.person_id, postId: entry.post_id },
    });
    tx.emit({ siteId }, 'roster.changed', { dates: [entry.date] });
  });
}

/** Copies one week onto another, leaving lines that are already there alone. */
export async function copyRosterWeek(deps: Deps, actor: Actor, siteId: string, input: { fromWeek: string; toWeek: string }): Promise<RosterWeek> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  assertDate(input.fromWeek);
  assertDate(input.toWeek);
  const from = mondayOf(input.fromWeek);
  const to = mondayOf(input.toWeek);
  if (from === to) throw new AppError('INVALID_DATE', { message: 'Copy to a different week', params: { fromWeek: from, toWeek: to } });
  await inTransaction(deps, async (tx) => {
    const source = await listEntriesBetween(tx.trx, siteId, from, addDays(from, 6));
    const existing = await listEntriesBetween(tx.trx, siteId, to, addDays(to, 6));
    const key = (r: { post_id: string; person_id: string; date: string; start_time: string; end_time: string }) =>
      `${r.post_id}|${r.person_id}|${r.date}|${r.start_time}|${r.end_time}`;
    const have = new Set(existing.map(key));
    const shift = (date: string) => addDays(to, Math.round((Date.parse(date) - Date.parse(from)) / 86_400_000));
    const rows = source
      .map((r) => ({ ...r, id: newId(), date: shift(r.date), created_by: actor.personId, created_at: tx.now }))
      .filter((r) => !have.has(key(r)));
    await assertMayBeRostered(tx.trx, siteId, [...new Set(rows.map((r) => r.person_id))]);
    await insertEntries(tx.trx, rows);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'roster.copy_week',
      entityType: 'roster',
      entityId: null,
      detail: { fromWeek: from, toWeek: to, copied: rows.length },
    });
    tx.emit({ siteId }, 'roster.changed', { dates: Array.from({ length: 7 }, (_, i) => addDays(to, i)) });
  });
  return getRosterWeek(deps, actor, siteId, to);
}
