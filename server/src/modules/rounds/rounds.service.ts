/**
 * Rounds: duties that recur (CLEAN-2 washroom every ten minutes, CLEAN-1 before opening, the
 * 11:00 snacks of section D). Each occurrence is a slot row, met when its proof (a scan of the
 * schedule's checkpoint, or a tap on the phone) lands inside [due, due + grace].
 *
 * Timers, all with deterministic ids so nothing is planned or decided twice:
 * - `round.plan:<siteId>:<date>` at the site's midnight plans that day's slots of every active
 *   schedule, then schedules the next day's plan — one bounded batch per site per day;
 * - `round.slot:<slotId>` at the end of each slot's grace window decides it exactly once: met
 *   (a scan inside the window, or an earlier tap) or missed, which alerts the supervisors.
 * A slot row is unique per (schedule, instant), so a day planned twice (a restart, a retried
 * timer) adds nothing.
 */
import type {
  ComplianceRow,
  OpeningHours,
  PageOf,
  PageQuery,
  PostKind,
  RoundDay,
  RoundRecurrence,
  RoundSchedule,
  RoundScheduleBody,
  RoundSlot,
  UpdateRoundScheduleBody,
} from '@anchang/contracts';
import { ROLE_GROUPS, hasRole } from '@anchang/contracts';
import type { RoundSchedulesTable, RoundSlotsTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { tapTime } from '../../platform/tap-time.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { addDays, instantAt, isValidDate, localParts } from '../../platform/site-time.js';
import { cancelTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, postKindsOfPerson as postKindsOf, siteOverseerIds as overseersOf } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findSiteRow, SITE_MANAGERS } from '../sites/index.js';
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople } from '../notifications/index.js';
import { currentStandardRow, toPostStandard } from '../standards/index.js';
import { recurrenceProblem, slotsFor } from './rounds.planner.js';
import {
  checkpointNames,
  deleteSlots,
  findCheckpoint,
  findSchedule,
  findScheduleById,
  findSlot,
  findSlotById,
  firstScanBetween,
  insertSchedule,
  insertSlotOnce,
  listActiveSchedules,
  listDecidedSlots,
  listScansBetween,
  listScheduleRows,
  listSlotsOfDay,
  listUpcomingPendingSlots,
  moveSlot,
  updateSchedule as updateScheduleRow,
} from './rounds.repository.js';

export const PLAN_TIMER = 'round.plan';
const SLOT_TIMER = 'round.slot';
const OVERSEERS = ROLE_GROUPS.overseers;
/** Compliance reads at most a quarter at a time. */
const MAX_RANGE_DAYS = 92;

export const planTimerId = (siteId: string, date: string) => `${PLAN_TIMER}:${siteId}:${date}`;
export const slotTimerId = (slotId: string) => `${SLOT_TIMER}:${slotId}`;

// ---------- schedules ----------

function toSchedule(row: RoundSchedulesTable, checkpointName: string | null): RoundSchedule {
  return {
    id: row.id,
    siteId: row.site_id,
    postKind: row.post_kind as PostKind,
    itemId: row.item_id,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    recurrence: JSON.parse(row.recurrence) as RoundRecurrence,
    graceMinutes: row.grace_minutes,
    proof: row.proof as RoundSchedule['proof'],
    checkpointId: row.checkpoint_id,
    checkpointName,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function withCheckpointNames(deps: Pick<Deps, 'db'>, rows: RoundSchedulesTable[]): Promise<RoundSchedule[]> {
  const names = await checkpointNames(
    deps.db,
    rows.map((r) => r.checkpoint_id),
  );
  return rows.map((r) => toSchedule(r, r.checkpoint_id ? (names.get(r.checkpoint_id) ?? null) : null));
}

/** Checks the body against the site (standard item, checkpoint) and returns the columns it sets. */
async function resolveScheduleInput(deps: Pick<Deps, 'db'>, siteId: string, body: UpdateRoundScheduleBody) {
  const problem = recurrenceProblem(body.recurrence);
  if (problem)
    throw new AppError('ROUND_RECURRENCE_INVALID', {
      message: 'The recurrence is incomplete or its dates are wrong',
      params: { field: problem },
    });
  let labelZh = body.labelZh?.trim();
  let labelEn = body.labelEn?.trim();
  if (body.itemId) {
    const standard = toPostStandard(await currentStandardRow(deps.db, siteId, body.postKind));
    const item = standard.items.find((i) => i.id === body.itemId);
    if (!item)
      throw new AppError('ITEM_NOT_IN_STANDARD', {
        message: "That item is not in the post's standard",
        params: { itemId: body.itemId },
      });
    labelZh ||= item.text.zh;
    labelEn ||= item.text.en;
  }
  if (!labelZh || !labelEn)
    throw new AppError('VALIDATION_FAILED', {
      message: 'A service moment needs its name in both languages',
      params: { field: 'label' },
    });
  let checkpointId: string | null = null;
  if (body.proof === 'scan') {
    const checkpoint = body.checkpointId ? await findCheckpoint(deps.db, siteId, body.checkpointId) : undefined;
    if (!checkpoint || checkpoint.revoked_at !== null)
      throw new AppError('ROUND_CHECKPOINT_INVALID', {
        message: 'A scan round needs a live checkpoint of this site',
        params: { checkpointId: body.checkpointId ?? null },
      });
    checkpointId = checkpoint.id;
  } else if (body.checkpointId) {
    throw new AppError('ROUND_CHECKPOINT_INVALID', {
      message: 'A tap round has no checkpoint',
      params: { checkpointId: body.checkpointId },
    });
  }
  return {
    post_kind: body.postKind,
    item_id: body.itemId,
    label_zh: labelZh,
    label_en: labelEn,
    recurrence: JSON.stringify(body.recurrence),
    grace_minutes: body.graceMinutes,
    proof: body.proof,
    checkpoint_id: checkpointId,
  };
}

/**
 * Creates a schedule for the site and plans its remaining slots today (no permission check: for
 * the HTTP use case below, the demo seed and a bench creating schedules directly).
 */
export async function createScheduleFor(
  deps: Deps,
  siteId: string,
  body: RoundScheduleBody,
  by: ActorRef | null = null,
): Promise<{ schedule: RoundSchedule; created: boolean }> {
  const columns = await resolveScheduleInput(deps, siteId, body);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findScheduleById(deps.db, body.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inTransaction(deps, async (tx) => {
        const row: RoundSchedulesTable = { id: body.id, site_id: siteId, ...columns, active: 1, created_at: tx.now, updated_at: tx.now };
        await insertSchedule(tx.trx, row);
        await planScheduleFromNow(tx, row);
        if (by)
          await recordAudit(tx, by, {
            siteId,
            action: 'round.schedule_create',
            entityType: 'round_schedule',
            entityId: row.id,
            detail: { ...columns },
          });
        tx.emit({ siteId }, 'round.changed', { scheduleId: row.id, slotId: null, status: null });
        return row;
      }),
    { readFirst: false },
  );
  return { schedule: (await withCheckpointNames(deps, [value]))[0]!, created };
}

export async function createSchedule(deps: Deps, actor: Actor, siteId: string, body: RoundScheduleBody) {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  return createScheduleFor(deps, siteId, body, actorRef(actor));
}

export async function updateSchedule(
  deps: Deps,
  actor: Actor,
  siteId: string,
  scheduleId: string,
  body: UpdateRoundScheduleBody,
): Promise<RoundSchedule> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const columns = await resolveScheduleInput(deps, siteId, body);
  const row = await inTransaction(deps, async (tx) => {
    const current = await findSchedule(tx.trx, siteId, scheduleId);
    if (!current || current.active !== 1) throw new AppError('ROUND_SCHEDULE_NOT_FOUND', { params: { scheduleId } });
    await dropUpcomingSlots(tx, scheduleId);
    const next: RoundSchedulesTable = { ...current, ...columns, updated_at: tx.now };
    await updateScheduleRow(tx.trx, scheduleId, { ...columns, updated_at: tx.now });
    await planScheduleFromNow(tx, next);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'round.schedule_update',
      entityType: 'round_schedule',
      entityId: scheduleId,
      detail: { ...columns },
    });
    tx.emit({ siteId }, 'round.changed', { scheduleId, slotId: null, status: null });
    return next;
  });
  return (await withCheckpointNames(deps, [row]))[0]!;
}

/** Stops the schedule: its upcoming slots go, the decided ones stay for compliance. */
export async function deleteSchedule(deps: Deps, actor: Actor, siteId: string, scheduleId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await inTransaction(deps, async (tx) => {
    const current = await findSchedule(tx.trx, siteId, scheduleId);
    if (!current || current.active !== 1) throw new AppError('ROUND_SCHEDULE_NOT_FOUND', { params: { scheduleId } });
    await dropUpcomingSlots(tx, scheduleId);
    await updateScheduleRow(tx.trx, scheduleId, { active: 0, updated_at: tx.now });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'round.schedule_delete',
      entityType: 'round_schedule',
      entityId: scheduleId,
      detail: { label: current.label_zh },
    });
    tx.emit({ siteId }, 'round.changed', { scheduleId, slotId: null, status: null });
  });
}

export async function listSchedules(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: PageQuery & { postKind?: PostKind },
): Promise<PageOf<RoundSchedule>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query);
  const rows = await listScheduleRows(deps.db, siteId, page, { postKind: query.postKind });
  const names = await checkpointNames(
    deps.db,
    rows.map((r) => r.checkpoint_id),
  );
  return toPage(rows, page, (r) => toSchedule(r, r.checkpoint_id ? (names.get(r.checkpoint_id) ?? null) : null));
}

async function dropUpcomingSlots(tx: Tx, scheduleId: string): Promise<void> {
  const upcoming = await listUpcomingPendingSlots(tx.trx, scheduleId, tx.now);
  for (const s of upcoming) await cancelTimer(tx, slotTimerId(s.id));
  await deleteSlots(
    tx.trx,
    upcoming.map((s) => s.id),
  );
}

// ---------- planning ----------

interface SiteClock {
  timeZone: string;
  openingHours: OpeningHours;
}

async function siteClock(tx: Tx, siteId: string): Promise<SiteClock> {
  const site = await findSiteRow(tx.trx, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return { timeZone: site.time_zone, openingHours: JSON.parse(site.opening_hours) as OpeningHours };
}

/** Adds the schedule's slots of `date` due at or after `from`; each new slot gets its deciding timer. */
async function planScheduleDay(tx: Tx, schedule: RoundSchedulesTable, date: string, clock: SiteClock, from: number): Promise<number> {
  const recurrence = JSON.parse(schedule.recurrence) as RoundRecurrence;
  let added = 0;
  for (const planned of slotsFor({ recurrence }, date, clock.timeZone, clock.openingHours)) {
    if (planned.dueAt < from) continue;
    const slot: RoundSlotsTable = {
      id: newId(),
      site_id: schedule.site_id,
      schedule_id: schedule.id,
      weather_id: null,
      post_kind: schedule.post_kind,
      item_id: schedule.item_id,
      label_zh: schedule.label_zh,
      label_en: schedule.label_en,
      proof: schedule.proof,
      checkpoint_id: schedule.checkpoint_id,
      local_date: date,
      due_at: planned.dueAt,
      grace_ends_at: planned.dueAt + schedule.grace_minutes * 60_000,
      status: 'pending',
      proved_by: null,
      proved_by_name: null,
      proved_at: null,
      photo_id: null,
      decided_at: null,
      created_at: tx.now,
    };
    if (await insertSlotOnce(tx.trx, slot)) {
      await scheduleTimer(tx, {
        id: slotTimerId(slot.id),
        kind: SLOT_TIMER,
        siteId: slot.site_id,
        dueAt: slot.grace_ends_at,
        payload: { slotId: slot.id },
      });
      added += 1;
    }
  }
  return added;
}

/** The site's plan for `date` runs at its midnight; scheduling it again is a no-op. */
async function schedulePlan(tx: Tx, siteId: string, date: string, clock: SiteClock): Promise<void> {
  await scheduleTimer(tx, {
    id: planTimerId(siteId, date),
    kind: PLAN_TIMER,
    siteId,
    dueAt: instantAt(date, '00:00', clock.timeZone),
    payload: { siteId, date },
  });
}

/** A new or changed schedule: today's remaining slots now, later days by the daily plan. */
async function planScheduleFromNow(tx: Tx, schedule: RoundSchedulesTable): Promise<void> {
  const clock = await siteClock(tx, schedule.site_id);
  const today = localParts(tx.now, clock.timeZone).date;
  await planScheduleDay(tx, schedule, today, clock, tx.now);
  await schedulePlan(tx, schedule.site_id, addDays(today, 1), clock);
}

/**
 * Plans every active schedule of the site for the day (the daily timer's work), and the next
 * day's plan. `from` skips slots due before it: a site seeded mid-day starts with what is ahead.
 */
export async function planSiteDay(tx: Tx, siteId: string, date: string, from = 0): Promise<number> {
  const clock = await siteClock(tx, siteId);
  const schedules = await listActiveSchedules(tx.trx, siteId);
  let added = 0;
  for (const s of schedules) added += await planScheduleDay(tx, s, date, clock, from);
  // A site with no rounds left stops its daily chain; creating a schedule starts it again.
  if (schedules.length > 0) await schedulePlan(tx, siteId, addDays(date, 1), clock);
  if (added > 0) tx.emit({ siteId }, 'round.changed', { scheduleId: null, slotId: null, status: null });
  return added;
}

// ---------- one-off tasks (weather) ----------

export interface OneOffTask {
  siteId: string;
  weatherId: string;
  postKind: PostKind;
  itemId: string;
  labelZh: string;
  labelEn: string;
  graceMinutes: number;
}

/** A tap-proof task due now, decided like any slot at the end of its grace window. */
export async function addOneOffTask(tx: Tx, task: OneOffTask): Promise<string> {
  const clock = await siteClock(tx, task.siteId);
  const slot: RoundSlotsTable = {
    id: newId(),
    site_id: task.siteId,
    schedule_id: null,
    weather_id: task.weatherId,
    post_kind: task.postKind,
    item_id: task.itemId,
    label_zh: task.labelZh,
    label_en: task.labelEn,
    proof: 'tap',
    checkpoint_id: null,
    local_date: localParts(tx.now, clock.timeZone).date,
    due_at: tx.now,
    grace_ends_at: tx.now + task.graceMinutes * 60_000,
    status: 'pending',
    proved_by: null,
    proved_by_name: null,
    proved_at: null,
    photo_id: null,
    decided_at: null,
    created_at: tx.now,
  };
  await insertSlotOnce(tx.trx, slot);
  await scheduleTimer(tx, {
    id: slotTimerId(slot.id),
    kind: SLOT_TIMER,
    siteId: slot.site_id,
    dueAt: slot.grace_ends_at,
    payload: { slotId: slot.id },
  });
  tx.emit({ siteId: task.siteId }, 'round.changed', { scheduleId: null, slotId: slot.id, status: 'pending' });
  return slot.id;
}

// ---------- deciding ----------

/**
 * Decides a pending slot whose window has closed: met by a scan inside the window, else missed
 * (alerting the supervisors). Does nothing to a slot already decided, so a retried timer or a
 * late tap racing the timer decide it once.
 */
async function decideSlot(tx: Tx, slot: RoundSlotsTable): Promise<RoundSlotsTable> {
  if (slot.status !== 'pending') return slot;
  if (slot.proof === 'scan' && slot.checkpoint_id) {
    const scan = await firstScanBetween(tx.trx, slot.checkpoint_id, slot.due_at, slot.grace_ends_at);
    if (scan) {
      const names = await findPersonNames(tx.trx, [scan.person_id]);
      const patch = {
        status: 'met',
        proved_by: scan.person_id,
        proved_by_name: names.get(scan.person_id) ?? null,
        proved_at: scan.scanned_at,
        decided_at: tx.now,
      };
      if ((await moveSlot(tx.trx, slot.id, 'pending', patch)) === 0) return slot;
      tx.emit({ siteId: slot.site_id }, 'round.changed', { scheduleId: slot.schedule_id, slotId: slot.id, status: 'met' });
      return { ...slot, ...patch };
    }
  }
  if ((await moveSlot(tx.trx, slot.id, 'pending', { status: 'missed', decided_at: tx.now })) === 0) return slot;
  await alertMissed(tx, slot);
  return { ...slot, status: 'missed', decided_at: tx.now };
}

async function alertMissed(tx: Tx, slot: RoundSlotsTable): Promise<void> {
  const clock = await siteClock(tx, slot.site_id);
  const at = localParts(slot.due_at, clock.timeZone).time;
  const graceMinutes = Math.round((slot.grace_ends_at - slot.due_at) / 60_000);
  const title = `漏检:${slot.label_zh}`;
  const body = `${slot.post_kind} · ${at} 应完成,${graceMinutes} 分钟内没有${slot.proof === 'scan' ? '扫码' : '确认'}`;
  await notifyPeople(tx, await overseersOf(tx.trx, slot.site_id), {
    siteId: slot.site_id,
    code: 'round.missed',
    params: {
      label: { zh: slot.label_zh, en: slot.label_en },
      postKind: slot.post_kind,
      at,
      graceMinutes,
      proof: slot.proof === 'scan' ? 'scan' : 'confirm',
    },
  });
  notifyGroups(tx, {
    siteId: slot.site_id,
    kind: 'round.missed',
    title,
    lines: [body, slot.label_en],
    link: `/sites/${slot.site_id}/rounds`,
    refs: { slotId: slot.id, ...(slot.schedule_id && { scheduleId: slot.schedule_id }) },
  });
  // The site room hears only that a slot was missed: staff read only their own posts' slots.
  tx.emit({ siteId: slot.site_id }, 'round.slot_missed', { slotId: slot.id, scheduleId: slot.schedule_id });
  tx.emit({ siteId: slot.site_id }, 'round.changed', { scheduleId: slot.schedule_id, slotId: slot.id, status: 'missed' });
}

export function registerRoundTimers(timers: TimerRunner): void {
  timers.register(PLAN_TIMER, async (tx, timer) => {
    const { siteId, date, from } = timer.payload as { siteId: string; date: string; from?: number };
    await planSiteDay(tx, siteId, date, from ?? 0);
  });
  timers.register(SLOT_TIMER, async (tx, timer) => {
    const { slotId } = timer.payload as { slotId: string };
    const slot = await findSlotById(tx.trx, slotId);
    if (slot) await decideSlot(tx, slot);
  });
}

// ---------- the phone's proof ----------

/**
 * A tap-proof slot confirmed from the phone. `at` is when the person tapped: a confirmation that
 * waited in the phone's outbox is judged by that time, so a round done inside its window without
 * signal is met even when the answer arrives after the window (or after the slot was called missed).
 */
export async function confirmSlot(
  deps: Deps,
  actor: Actor,
  siteId: string,
  slotId: string,
  input: { photoId?: string | null; at?: number },
): Promise<RoundSlot> {
  const role = requireSiteMember(actor, siteId);
  const slot = await findSlot(deps.db, siteId, slotId);
  if (!slot) throw new AppError('ROUND_SLOT_NOT_FOUND', { params: { slotId } });
  if (slot.proof === 'scan')
    throw new AppError('SLOT_NEEDS_SCAN', { message: 'This round is proven by scanning its checkpoint', params: { slotId } });
  if (!hasRole(OVERSEERS, role) && !(await postKindsOf(deps.db, siteId, actor.personId)).includes(slot.post_kind))
    throw new AppError('SLOT_NOT_YOUR_POST', { message: 'This task belongs to another post', params: { postKind: slot.post_kind } });
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const decided = await inTransaction(deps, async (tx) => {
    const current = (await findSlot(tx.trx, siteId, slotId))!;
    if (current.status === 'met' || current.status === 'late') {
      // The phone retrying its own confirmation gets the same answer.
      if (current.proved_by === actor.personId) return current;
      throw new AppError('SLOT_ALREADY_DECIDED', { params: { status: current.status } });
    }
    const at = tapTime(input.at, tx.now);
    if (at < current.due_at) throw new AppError('SLOT_NOT_DUE', { message: 'This task is not due yet', params: { dueAt: current.due_at } });
    const proof = { proved_by: actor.personId, proved_by_name: actor.name, proved_at: at, photo_id: input.photoId ?? null };
    let next: RoundSlotsTable;
    if (at <= current.grace_ends_at) {
      // Tapped inside the window: met, also when the answer comes later (the slot may already read missed).
      if ((await moveSlot(tx.trx, slotId, current.status, { ...proof, status: 'met', decided_at: tx.now })) === 0)
        throw new AppError('SLOT_ALREADY_DECIDED', { params: { status: current.status } });
      next = { ...current, ...proof, status: 'met', decided_at: tx.now };
    } else {
      // Past the window: the slot is missed (and the supervisors told) before the late proof is kept.
      const missed = await decideSlot(tx, current);
      await moveSlot(tx.trx, slotId, 'missed', { ...proof, status: 'late' });
      next = { ...missed, ...proof, status: 'late' };
    }
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'round.slot_confirm',
      entityType: 'round_slot',
      entityId: slotId,
      detail: { status: next.status, label: current.label_zh, photoId: proof.photo_id },
    });
    tx.emit({ siteId }, 'round.changed', { scheduleId: current.schedule_id, slotId, status: next.status });
    return next;
  });
  return (await toSlots(deps, [decided]))[0]!;
}

// ---------- reading ----------

/** Slots as shown: a pending scan slot with a scan already inside its window shows as met. */
async function toSlots(deps: Pick<Deps, 'db'>, rows: RoundSlotsTable[]): Promise<RoundSlot[]> {
  const pendingScans = rows.filter((r) => r.status === 'pending' && r.proof === 'scan' && r.checkpoint_id);
  const scans =
    pendingScans.length > 0
      ? await listScansBetween(
          deps.db,
          [...new Set(pendingScans.map((r) => r.checkpoint_id!))],
          Math.min(...pendingScans.map((r) => r.due_at)),
          Math.max(...pendingScans.map((r) => r.grace_ends_at)),
        )
      : [];
  const names = await findPersonNames(
    deps.db,
    scans.map((s) => s.person_id),
  );
  const cpNames = await checkpointNames(
    deps.db,
    rows.map((r) => r.checkpoint_id),
  );
  return rows.map((r) => {
    let status = r.status as RoundSlot['status'];
    let provedById = r.proved_by;
    let provedByName = r.proved_by_name;
    let provedAt = r.proved_at;
    if (r.status === 'pending' && r.proof === 'scan') {
      const scan = scans.find((s) => s.checkpoint_id === r.checkpoint_id && s.scanned_at >= r.due_at && s.scanned_at <= r.grace_ends_at);
      if (scan) {
        status = 'met';
        provedById = scan.person_id;
        provedByName = names.get(scan.person_id) ?? null;
        provedAt = scan.scanned_at;
      }
    }
    return {
      id: r.id,
      siteId: r.site_id,
      scheduleId: r.schedule_id,
      weatherId: r.weather_id,
      postKind: r.post_kind as PostKind,
      itemId: r.item_id,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      proof: r.proof as RoundSlot['proof'],
      checkpointId: r.checkpoint_id,
      checkpointName: r.checkpoint_id ? (cpNames.get(r.checkpoint_id) ?? null) : null,
      localDate: r.local_date,
      dueAt: r.due_at,
      graceEndsAt: r.grace_ends_at,
      status,
      provedById,
      provedByName,
      provedAt,
      photoId: r.photo_id,
    };
  });
}

/**
 * One site day's slots, by due time. A day holds a bounded set (every ten minutes over opening
 * hours is under a hundred per schedule): not paged.
 */
export async function getRoundDay(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { date?: string; postKind?: PostKind; scope?: 'mine' | 'all' },
): Promise<RoundDay> {
  const role = requireSiteMember(actor, siteId);
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const now = deps.clock.now();
  const date = query.date ?? localParts(now, site.time_zone).date;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  // Staff see their own posts' slots; the overseers may see the whole site.
  const mine = query.scope === 'mine' || !hasRole(OVERSEERS, role);
  let kinds: string[] | null = mine ? await postKindsOf(deps.db, siteId, actor.personId) : null;
  if (query.postKind) kinds = kinds ? kinds.filter((k) => k === query.postKind) : [query.postKind];
  const rows = await listSlotsOfDay(deps.db, siteId, date, kinds);
  return { date, now, slots: await toSlots(deps, rows) };
}

function decodeKey(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w|:-]{1,120}$/.test(key)) throw new AppError('INVALID_CURSOR', { message: 'The cursor is not one this server gave out' });
  return key;
}

/** Met / missed / late counts per day and schedule, or per person who proved the slots, paged by key. */
export async function getCompliance(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { from: string; to: string; by: 'day' | 'person'; limit?: number; cursor?: string },
): Promise<PageOf<ComplianceRow>> {
  requireSiteRole(actor, siteId, OVERSEERS);
  if (!isValidDate(query.from) || !isValidDate(query.to) || query.from > query.to || addDays(query.from, MAX_RANGE_DAYS) < query.to)
    throw new AppError('DATE_RANGE_INVALID', {
      message: `From must not be after to, at most ${MAX_RANGE_DAYS} days`,
      params: { from: query.from, to: query.to, maxDays: MAX_RANGE_DAYS },
    });
  const after = decodeKey(query.cursor);
  const limit = query.limit ?? 50;
  const slots = await listDecidedSlots(deps.db, siteId, query.from, query.to);
  const rows = new Map<string, ComplianceRow>();
  for (const s of slots) {
    const byDay = query.by === 'day';
    if (!byDay && !s.proved_by) continue;
    const key = byDay ? `${s.local_date}|${s.schedule_id ?? `weather:${s.weather_id ?? ''}`}` : s.proved_by!;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        date: byDay ? s.local_date : null,
        scheduleId: byDay ? s.schedule_id : null,
        label: byDay ? { zh: s.label_zh, en: s.label_en } : null,
        personId: byDay ? null : s.proved_by,
        personName: byDay ? null : s.proved_by_name,
        due: 0,
        met: 0,
        missed: 0,
        late: 0,
        rate: null,
      };
      rows.set(key, row);
    }
    row.due += 1;
    if (s.status === 'met') row.met += 1;
    else if (s.status === 'missed') row.missed += 1;
    else if (s.status === 'late') row.late += 1;
  }
  // Newest day first; people by key, a stable order for the cursor.
  const sorted = [...rows.values()].sort((a, b) =>
    query.by === 'day' ? (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const start = after === null ? 0 : sorted.findIndex((r) => (query.by === 'day' ? r.key < after : r.key > after));
  const pageRows = start < 0 ? [] : sorted.slice(start, start + limit);
  for (const r of pageRows) r.rate = r.due > 0 ? r.met / r.due : null;
  const hasMore = start >= 0 && start + limit < sorted.length;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows, nextCursor: hasMore && last ? Buffer.from(last.key, 'utf8').toString('base64url') : null };
}
