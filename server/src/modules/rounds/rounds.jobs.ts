/**
 * The two round timers and their work, all with deterministic ids so nothing is planned or
 * decided twice:
 * - `round.plan:<siteId>:<date>` at the site's midnight plans that day's slots of every active
 *   schedule, then schedules the next day's plan — one bounded batch per site per day;
 * - `round.slot:<slotId>` at the end of each slot's grace window decides it exactly once: met
 *   (a scan inside the window, or an earlier tap) or missed, which alerts the supervisors.
 * A slot row is unique per (schedule, instant), so a day planned twice (a restart, a retried
 * timer) adds nothing.
 */
import type { OpeningHours, RoundRecurrence } from '@anchang/contracts';
import type { RoundSchedulesTable, RoundSlotsTable } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addDays, instantAt, localParts } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, siteOverseerIds as overseersOf } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { slotsFor } from './rounds.planner.js';
import { firstScanBetween } from '../checkpoints/index.js';
import { findSlotById, insertSlotOnce, listActiveSchedules, moveSlot } from './rounds.repository.js';

export const PLAN_TIMER = 'round.plan';
const SLOT_TIMER = 'round.slot';

export const planTimerId = (siteId: string, date: string) => `${PLAN_TIMER}:${siteId}:${date}`;
export const slotTimerId = (slotId: string) => `${SLOT_TIMER}:${slotId}`;

export interface SiteClock {
  timeZone: string;
  openingHours: OpeningHours;
}

export async function siteClock(tx: Tx, siteId: string): Promise<SiteClock> {
  const site = await findSiteRow(tx.trx, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return { timeZone: site.time_zone, openingHours: JSON.parse(site.opening_hours) as OpeningHours };
}

// ---------- planning ----------

/** Books the timer that decides the slot at the end of its grace window. */
export async function scheduleSlotDecision(tx: Tx, slot: RoundSlotsTable): Promise<void> {
  await scheduleTimer(tx, {
    id: slotTimerId(slot.id),
    kind: SLOT_TIMER,
    siteId: slot.site_id,
    dueAt: slot.grace_ends_at,
    payload: { slotId: slot.id },
  });
}

/** What a slot is for and when it is due: the part a planned slot and a one-off task set differently. */
type SlotPlan = Pick<
  RoundSlotsTable,
  'site_id' | 'schedule_id' | 'weather_id' | 'post_kind' | 'item_id' | 'label_zh' | 'label_en' | 'proof' | 'checkpoint_id' | 'local_date' | 'due_at'
>;

/** A new slot, pending until `graceMinutes` after it is due, with no proof and no decision yet. */
export function newPendingSlot(plan: SlotPlan, graceMinutes: number, now: number): RoundSlotsTable {
  return {
    id: newId(),
    ...plan,
    grace_ends_at: plan.due_at + graceMinutes * 60_000,
    status: 'pending',
    proved_by: null,
    proved_by_name: null,
    proved_at: null,
    photo_id: null,
    decided_at: null,
    created_at: now,
  };
}

/** Adds the schedule's slots of `date` due at or after `from`; each new slot gets its deciding timer. */
export async function planScheduleDay(tx: Tx, schedule: RoundSchedulesTable, date: string, clock: SiteClock, from: number): Promise<number> {
  const recurrence = JSON.parse(schedule.recurrence) as RoundRecurrence;
  let added = 0;
  for (const planned of slotsFor({ recurrence }, date, clock.timeZone, clock.openingHours)) {
    if (planned.dueAt < from) continue;
    const slot = newPendingSlot(
      {
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
      },
      schedule.grace_minutes,
      tx.now,
    );
    if (await insertSlotOnce(tx.trx, slot)) {
      await scheduleSlotDecision(tx, slot);
      added += 1;
    }
  }
  return added;
}

/** The site's plan for `date` runs at its midnight; scheduling it again is a no-op. */
export async function schedulePlan(tx: Tx, siteId: string, date: string, clock: SiteClock): Promise<void> {
  await scheduleTimer(tx, {
    id: planTimerId(siteId, date),
    kind: PLAN_TIMER,
    siteId,
    dueAt: instantAt(date, '00:00', clock.timeZone),
    payload: { siteId, date },
  });
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

// ---------- deciding ----------

/**
 * Decides a pending slot whose window has closed: met by a scan inside the window, else missed
 * (alerting the supervisors). Does nothing to a slot already decided, so a retried timer or a
 * late tap racing the timer decide it once.
 */
export async function decideSlot(tx: Tx, slot: RoundSlotsTable): Promise<RoundSlotsTable> {
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
