/**
 * A shift on the phone: clock in on a rostered post, work the post's standard (the version in
 * force when the shift started), tick the pre- and post-shift checklists, clock out.
 *
 * Every write carries an id the phone generated, so a write sent again after a lost answer
 * (a car park with poor signal) is recorded once, and events recorded offline keep the time
 * they happened.
 */
import type { ChecklistResult, MyDay, PostKind, Shift, ShiftDetail, StandardItem } from '@anchang/contracts';
import type { ChecklistResultsTable, PostsTable, ShiftsTable, SitesTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { roleOn, requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { addDays, localParts, shiftSpan } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { findOpenAnomalyOfItem, raiseAnomaly, type AnomalyCategory } from '../anomalies/index.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow, findPostsByIds } from '../posts/index.js';
import { listEntriesOfPersonBetween, toRosterEntry } from '../rosters/index.js';
import { findSiteRow } from '../sites/index.js';
import { currentStandardRow, findVersionById, greetingFor, readStandardSettings, toPostStandard } from '../standards/index.js';
import type { GuestPresence } from '../visits/index.js';
import { acceptedEventTime, clockOutVerdict, isLate, lineForClockIn } from './shift.rules.js';
import { SHIFT_OVERSEERS } from './shifts.policy.js';
import {
  closeShiftRow,
  findOpenShiftOfPerson,
  findResultById,
  findResultOfItem,
  findShiftById,
  findShiftRow,
  insertResult,
  insertShift,
  listResults,
  listShiftsOfPersonBetween,
  replaceResult,
} from './shifts.repository.js';

export interface ShiftDeps extends Deps {
  guests: GuestPresence;
}

async function loadSite(deps: Deps, siteId: string): Promise<SitesTable> {
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return site;
}

function eventTime(clientAt: number | undefined, now: number): number {
  const at = acceptedEventTime(clientAt, now);
  if (at === null)
    throw new AppError('CLOCK_TIME_INVALID', {
      message: "The phone's time is too far from the server's",
      params: { at: clientAt, now },
    });
  return at;
}

export function toShift(
  row: ShiftsTable,
  post: Pick<PostsTable, 'name' | 'kind'>,
  personName: string,
  timeZone: string,
  lateGraceMinutes: number,
  standardVersion: number,
): Shift {
  return {
    id: row.id,
    siteId: row.site_id,
    postId: row.post_id,
    postName: post.name,
    postKind: post.kind as PostKind,
    personId: row.person_id,
    personName,
    date: row.date,
    status: row.status as Shift['status'],
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    clockInAt: row.clock_in_at,
    clockOutAt: row.clock_out_at,
    isLate: isLate(row.clock_in_at, shiftSpan(row.date, row.planned_start, row.planned_end, timeZone).startsAt, lateGraceMinutes),
    leftWithGuests: row.left_with_guests === 1,
    leaveReason: row.leave_reason,
    debriefAttended: row.debrief_attended === null ? null : row.debrief_attended === 1,
    standardVersionId: row.standard_version_id,
    standardVersion,
  };
}

const toResult = (r: ChecklistResultsTable): ChecklistResult => ({
  id: r.id,
  itemId: r.item_id,
  phase: r.phase as ChecklistResult['phase'],
  result: r.result as ChecklistResult['result'],
  note: r.note,
  photoId: r.photo_id,
  recordedAt: r.recorded_at,
});

async function loadOwnOrOverseen(deps: Deps, actor: Actor, siteId: string, shiftId: string): Promise<ShiftsTable> {
  requireSiteMember(actor, siteId);
  const row = await findShiftRow(deps.db, siteId, shiftId);
  const role = roleOn(actor, siteId);
  if (!row || (row.person_id !== actor.personId && !(role && SHIFT_OVERSEERS.includes(role)))) {
    throw new AppError('SHIFT_NOT_FOUND', { params: { shiftId } });
  }
  return row;
}

async function loadOwnShift(deps: Deps, actor: Actor, siteId: string, shiftId: string): Promise<ShiftsTable> {
  const row = await loadOwnOrOverseen(deps, actor, siteId, shiftId);
  if (row.person_id !== actor.personId) throw new AppError('NOT_YOUR_SHIFT', { message: 'Only the person on this shift records its checklists' });
  return row;
}

export async function getShiftDetail(deps: ShiftDeps, actor: Actor, siteId: string, shiftId: string): Promise<ShiftDetail> {
  const row = await loadOwnOrOverseen(deps, actor, siteId, shiftId);
  return buildDetail(deps, row);
}

async function buildDetail(deps: ShiftDeps, row: ShiftsTable): Promise<ShiftDetail> {
  const [site, post, version, results, names, settings, guests] = await Promise.all([
    loadSite(deps, row.site_id),
    findPostRow(deps.db, row.site_id, row.post_id),
    findVersionById(deps.db, row.standard_version_id),
    listResults(deps.db, row.id),
    findPersonNames(deps.db, [row.person_id]),
    readStandardSettings(deps.db, row.site_id),
    deps.guests.countGuestsOnSite(row.site_id),
  ]);
  if (!post || !version) throw new AppError('SHIFT_NOT_FOUND', { params: { shiftId: row.id } });
  const standard = toPostStandard(version);
  return {
    shift: toShift(row, post, names.get(row.person_id) ?? '', site.time_zone, settings.lateGraceMinutes, standard.version),
    standard,
    results: results.map(toResult),
    greeting: greetingFor(settings.greetingWindows, localParts(deps.clock.now(), site.time_zone).minutes),
    guestsOnSite: guests,
  };
}

/**
 * Today for the person on the phone: their roster lines, the open shift, the greeting to use now.
 * Last night's line is still "today" until it ends: a guard opening the phone at 02:00 finds
 * the 20:00–08:00 shift they are on (or late for), not an empty day.
 */
export async function getMyDay(deps: ShiftDeps, actor: Actor, siteId: string): Promise<MyDay> {
  requireSiteMember(actor, siteId);
  const site = await loadSite(deps, siteId);
  const now = deps.clock.now();
  const local = localParts(now, site.time_zone);
  const yesterday = addDays(local.date, -1);
  const [candidates, open, settings, worked] = await Promise.all([
    listEntriesOfPersonBetween(deps.db, siteId, actor.personId, yesterday, local.date),
    findOpenShiftOfPerson(deps.db, siteId, actor.personId),
    readStandardSettings(deps.db, siteId),
    listShiftsOfPersonBetween(deps.db, siteId, actor.personId, yesterday, local.date),
  ]);
  const lines = candidates
    .map((e) => ({ e, span: shiftSpan(e.date, e.start_time, e.end_time, site.time_zone) }))
    .filter(({ e, span }) => e.date === local.date || span.endsAt > now || open?.roster_entry_id === e.id);
  const posts = new Map((await findPostsByIds(deps.db, [...lines.map((l) => l.e.post_id), ...(open ? [open.post_id] : [])])).map((p) => [p.id, p]));
  const openVersion = open ? await findVersionById(deps.db, open.standard_version_id) : undefined;
  return {
    date: local.date,
    roster: lines.map(({ e, span }) => ({
      entry: toRosterEntry(e),
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      postName: posts.get(e.post_id)?.name ?? '',
      postKind: (posts.get(e.post_id)?.kind ?? 'HALL') as PostKind,
      shiftId: worked.find((s) => s.roster_entry_id === e.id)?.id ?? null,
    })),
    openShift:
      open && posts.get(open.post_id)
        ? toShift(open, posts.get(open.post_id)!, actor.name, site.time_zone, settings.lateGraceMinutes, openVersion?.version ?? 0)
        : null,
    greeting: greetingFor(settings.greetingWindows, local.minutes),
  };
}

export async function clockIn(
  deps: ShiftDeps,
  actor: Actor,
  siteId: string,
  input: { id: string; postId: string; at?: number; location?: { lat: number; lng: number; accuracyM?: number } },
): Promise<{ detail: ShiftDetail; created: boolean }> {
  requireSiteMember(actor, siteId);
  const replay = await findShiftById(deps.db, input.id);
  if (replay) return { detail: await replayedShift(deps, actor, siteId, replay), created: false };

  const now = deps.clock.now();
  const at = eventTime(input.at, now);
  const [site, post, settings] = await Promise.all([
    loadSite(deps, siteId),
    findPostRow(deps.db, siteId, input.postId),
    readStandardSettings(deps.db, siteId),
  ]);
  if (!post) throw new AppError('POST_NOT_FOUND', { params: { postId: input.postId } });
  const local = localParts(at, site.time_zone);
  // Yesterday's lines too: a night line started yesterday is still open after midnight.
  const entries = (await listEntriesOfPersonBetween(deps.db, siteId, actor.personId, addDays(local.date, -1), local.date)).filter(
    (e) => e.post_id === post.id,
  );
  const pick = lineForClockIn(
    entries.map((e) => ({ line: e, span: shiftSpan(e.date, e.start_time, e.end_time, site.time_zone) })),
    at,
    settings.clockInEarlyMinutes,
  );
  if ('refused' in pick) {
    if (pick.refused === 'too_early')
      throw new AppError('TOO_EARLY_TO_CLOCK_IN', {
        message: 'Too early to clock in',
        params: { start: pick.line.start_time, earlyMinutes: settings.clockInEarlyMinutes },
      });
    const today = entries.some((e) => e.date === local.date);
    throw new AppError('NOT_ROSTERED', {
      message: today ? 'Your rostered time on this post is over' : 'You are not rostered on this post today',
      params: { postId: post.id, date: local.date },
    });
  }
  const entry = pick.line;
  const open = await findOpenShiftOfPerson(deps.db, siteId, actor.personId);
  // This very clock-in, stored by a copy that raced this one: a repeat, not a second shift.
  if (open?.id === input.id) return { detail: await replayedShift(deps, actor, siteId, open), created: false };
  if (open) throw new AppError('ALREADY_ON_SHIFT', { message: 'Clock out of your current shift first', params: { shiftId: open.id } });
  const standard = await currentStandardRow(deps.db, siteId, post.kind);

  try {
    await inTransaction(deps, async (tx) => {
      await insertShift(tx.trx, {
        id: input.id,
        site_id: siteId,
        post_id: post.id,
        person_id: actor.personId,
        roster_entry_id: entry.id,
        // The shift belongs to the day its line starts, even when clocked in after midnight.
        date: entry.date,
        standard_version_id: standard.id,
        status: 'open',
        planned_start: entry.start_time,
        planned_end: entry.end_time,
        clock_in_at: at,
        clock_in_received_at: tx.now,
        clock_in_location: input.location ? JSON.stringify(input.location) : null,
        clock_out_at: null,
        guests_at_clock_out: null,
        left_with_guests: 0,
        leave_reason: null,
        debrief_attended: null,
        created_at: tx.now,
      });
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'shift.clock_in',
        entityType: 'shift',
        entityId: input.id,
        detail: { postId: post.id, at, offline: at < now - 60_000 },
      });
      tx.emit({ siteId }, 'shift.changed', { shiftId: input.id, postId: post.id, personId: actor.personId, action: 'clocked_in' });
    });
  } catch (err) {
    // The same clock-in arriving twice at once: the second finds the first.
    if (isUniqueViolation(err)) {
      const raced = await findShiftById(deps.db, input.id);
      if (raced) return { detail: await replayedShift(deps, actor, siteId, raced), created: false };
    }
    throw err;
  }
  return { detail: await buildDetail(deps, (await findShiftById(deps.db, input.id))!), created: true };
}

async function replayedShift(deps: ShiftDeps, actor: Actor, siteId: string, row: ShiftsTable): Promise<ShiftDetail> {
  if (row.person_id !== actor.personId || row.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
  return buildDetail(deps, row);
}

export async function recordChecklistResult(
  deps: ShiftDeps,
  actor: Actor,
  siteId: string,
  shiftId: string,
  input: { id: string; itemId: string; result: 'ok' | 'anomaly' | 'na'; note?: string; photoId?: string; category?: AnomalyCategory; at?: number },
): Promise<ShiftDetail> {
  const shift = await loadOwnShift(deps, actor, siteId, shiftId);
  const replay = await findResultById(deps.db, input.id);
  if (replay) {
    if (replay.shift_id !== shiftId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return buildDetail(deps, shift);
  }
  if (shift.status !== 'open') throw new AppError('SHIFT_CLOSED', { message: 'This shift is closed', params: { shiftId } });
  const version = await findVersionById(deps.db, shift.standard_version_id);
  const item: StandardItem | undefined = version ? toPostStandard(version).items.find((i) => i.id === input.itemId && i.phase !== 'IN') : undefined;
  if (!item)
    throw new AppError('ITEM_NOT_IN_STANDARD', {
      message: "This item is not on this shift's checklists",
      params: { itemId: input.itemId, version: version?.version },
    });
  const note = input.note?.trim() || null;
  if (input.result !== 'na') {
    if ((input.result === 'anomaly' || item.requiresNote) && !note)
      throw new AppError('NOTE_REQUIRED', { message: 'Describe what you found', params: { itemId: item.id } });
    if (item.requiresPhoto && !input.photoId)
      throw new AppError('PHOTO_REQUIRED', { message: 'This item needs a photo', params: { itemId: item.id } });
  }
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const at = eventTime(input.at, deps.clock.now());

  const saveResult = () =>
    inTransaction(deps, async (tx) => {
      const row: ChecklistResultsTable = {
        id: input.id,
        shift_id: shiftId,
        site_id: siteId,
        item_id: item.id,
        phase: item.phase,
        result: input.result,
        note,
        photo_id: input.photoId ?? null,
        recorded_at: at,
        received_at: tx.now,
      };
      const previous = await findResultOfItem(tx.trx, shiftId, item.id);
      // A copy of this very write that committed after the replay check above: nothing to add.
      if (previous?.id === input.id) return;
      // A result recorded offline earlier than the one already here does not overwrite it.
      if (previous && previous.recorded_at > at) return;
      if (previous) await replaceResult(tx.trx, previous.id, row);
      else await insertResult(tx.trx, row);
      if (input.result === 'anomaly' && !(await findOpenAnomalyOfItem(tx.trx, shiftId, item.id))) {
        await raiseAnomaly(tx, actor, {
          siteId,
          shiftId,
          postId: shift.post_id,
          itemId: item.id,
          itemText: item.text,
          category: input.category ?? 'other',
          note: note ?? '',
          photoId: input.photoId ?? null,
          reportedAt: at,
        });
      }
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'shift.checklist',
        entityType: 'shift',
        entityId: shiftId,
        detail: { itemId: item.id, result: input.result },
      });
      tx.emit({ siteId }, 'shift.changed', { shiftId, postId: shift.post_id, personId: actor.personId, action: 'checklist' });
    });
  // Two copies of one write (a phone retrying while the first is still in flight) race on the
  // unique keys; the loser finds the winner's row on its second pass and changes nothing.
  for (let attempt = 0; ; attempt++) {
    try {
      await saveResult();
      break;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt > 0) throw err;
      if (await findResultById(deps.db, input.id)) break;
    }
  }
  return buildDetail(deps, (await findShiftById(deps.db, shiftId))!);
}

export async function clockOut(
  deps: ShiftDeps,
  actor: Actor,
  siteId: string,
  shiftId: string,
  input: { at?: number; leaveReason?: string; debriefAttended?: boolean },
): Promise<ShiftDetail> {
  const shift = await loadOwnShift(deps, actor, siteId, shiftId);
  if (shift.status === 'closed') return buildDetail(deps, shift); // a retried clock-out
  const at = Math.max(eventTime(input.at, deps.clock.now()), shift.clock_in_at);
  const post = await findPostRow(deps.db, siteId, shift.post_id);
  const guests = await deps.guests.countGuestsOnSite(siteId);
  const verdict = clockOutVerdict((post?.kind ?? 'HALL') as PostKind, guests, input.leaveReason);
  if (!verdict.allowed) {
    throw new AppError('GUESTS_STILL_ON_SITE', {
      message: 'Guests are still on site: stay until they leave, or give a reason',
      params: { guests: verdict.guests },
    });
  }
  await inTransaction(deps, async (tx) => {
    // 0: a copy of this clock-out that raced the first found the shift closed; nothing more to record.
    const closed = await closeShiftRow(tx.trx, shiftId, {
      clock_out_at: at,
      guests_at_clock_out: guests,
      left_with_guests: verdict.leftWithGuests ? 1 : 0,
      leave_reason: verdict.leftWithGuests ? input.leaveReason!.trim() : null,
      debrief_attended: input.debriefAttended === undefined ? null : input.debriefAttended ? 1 : 0,
    });
    if (closed === 0) return;
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'shift.clock_out',
      entityType: 'shift',
      entityId: shiftId,
      detail: {
        at,
        guests,
        leftWithGuests: verdict.leftWithGuests,
        leaveReason: input.leaveReason ?? null,
        debriefAttended: input.debriefAttended ?? null,
      },
    });
    tx.emit({ siteId }, 'shift.changed', { shiftId, postId: shift.post_id, personId: actor.personId, action: 'clocked_out' });
  });
  return buildDetail(deps, (await findShiftById(deps.db, shiftId))!);
}
