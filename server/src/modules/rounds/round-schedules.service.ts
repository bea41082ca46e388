/**
 * Rounds: duties that recur (CLEAN-2 washroom every ten minutes, CLEAN-1 before opening, the
 * 11:00 snacks of section D). Each occurrence is a slot row, met when its proof (a scan of the
 * schedule's checkpoint, or a tap on the phone) lands inside [due, due + grace].
 *
 * This file holds the schedules: what recurs, at which post, proven how. Creating or changing
 * one plans its remaining slots today at once; later days come from the daily plan timer
 * (rounds.jobs.ts).
 */
import type { PageOf, PageQuery, PostKind, RoundRecurrence, RoundSchedule, RoundScheduleBody, UpdateRoundScheduleBody } from '@anchang/contracts';
import type { RoundSchedulesTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { addDays, localParts } from '../../platform/site-time.js';
import { cancelTimers } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { checkpointNameMap, findCheckpoint } from '../checkpoints/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { currentStandardRow, toPostStandard } from '../standards/index.js';
import { recurrenceProblem } from './rounds.planner.js';
import {
  deleteSlots,
  findSchedule,
  findScheduleById,
  insertSchedule,
  listScheduleRows,
  listUpcomingPendingSlots,
  updateSchedule as updateScheduleRow,
} from './rounds.repository.js';
import { planScheduleDay, schedulePlan, siteClock, slotTimerId } from './rounds.jobs.js';

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
  const names = await checkpointNameMap(
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
  const names = await checkpointNameMap(
    deps.db,
    rows.map((r) => r.checkpoint_id),
  );
  return toPage(rows, page, (r) => toSchedule(r, r.checkpoint_id ? (names.get(r.checkpoint_id) ?? null) : null));
}

async function dropUpcomingSlots(tx: Tx, scheduleId: string): Promise<void> {
  const upcoming = await listUpcomingPendingSlots(tx.trx, scheduleId, tx.now);
  await cancelTimers(
    tx,
    upcoming.map((s) => slotTimerId(s.id)),
  );
  await deleteSlots(
    tx.trx,
    upcoming.map((s) => s.id),
  );
}

/** A new or changed schedule: today's remaining slots now, later days by the daily plan. */
async function planScheduleFromNow(tx: Tx, schedule: RoundSchedulesTable): Promise<void> {
  const clock = await siteClock(tx, schedule.site_id);
  const today = localParts(tx.now, clock.timeZone).date;
  await planScheduleDay(tx, schedule, today, clock, tx.now);
  await schedulePlan(tx, schedule.site_id, addDays(today, 1), clock);
}
