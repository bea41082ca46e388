/**
 * Slots outside the daily plan's timers: a one-off task added now (weather's rain duties), and
 * the phone's tap that proves a tap-proof slot. Both end in the same deciding timer or decision
 * as a planned slot (rounds.jobs.ts).
 */
import type { ConfirmSlotBody, PostKind, RoundSlot } from '@anchang/contracts';
import { ROLE_GROUPS, hasRole } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { RoundSlotsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { localParts } from '../../platform/site-time.js';
import { tapTime } from '../../platform/tap-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { postKindsOfPerson as postKindsOf } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { toSlots } from './round-day.service.js';
import { findSlot, insertSlotOnce, moveSlot } from './rounds.repository.js';
import { decideSlot, newPendingSlot, scheduleSlotDecision, siteClock } from './rounds.jobs.js';

const OVERSEERS = ROLE_GROUPS.overseers;

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
  const slot = newPendingSlot(
    {
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
    },
    task.graceMinutes,
    tx.now,
  );
  await insertSlotOnce(tx.trx, slot);
  await scheduleSlotDecision(tx, slot);
  tx.emit({ siteId: task.siteId }, 'round.changed', { scheduleId: null, slotId: slot.id, status: 'pending' });
  return slot.id;
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
  input: Static<typeof ConfirmSlotBody>,
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
