/**
 * The demo site's rounds: the washroom every ten minutes in opening hours proven by scanning the
 * washroom checkpoint (CLEAN-2), the full clean half an hour before opening (CLEAN-1), and the
 * 11:00 snacks to guests (a service moment of section D) for the hall, and the landscaper's
 * pruning and pest control (GREEN-1, GREEN-2; see LANDSCAPING_ROUNDS). Today is planned from the
 * seeding instant on by a plan timer due at once; later days by the daily chain it starts.
 */
import type { Transaction } from 'kysely';
import type { RoundRecurrence, ZoneKind } from '@anchang/contracts';
import type { DB, RoundSchedulesTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { scheduleTimer } from '../../platform/timers/timers.js';
import { findLiveCheckpointInZone, insertCheckpoint, newCheckpointCode } from '../checkpoints/index.js';
import { findPostStandard } from '../standards/library/index.js';
import { insertSchedules } from './rounds.repository.js';
import { PLAN_TIMER, planTimerId } from './rounds.jobs.js';

/**
 * The landscaping post's scheduled work: pruning twice a week in the quiet morning hour, pest
 * control every Monday an hour before opening so no guest walks through the spray (GREEN-2), each
 * confirmed on the phone (the work is spread over the grounds, with no one checkpoint to scan).
 */
export const LANDSCAPING_ROUNDS: readonly { itemId: 'GREEN-1' | 'GREEN-2'; recurrence: RoundRecurrence; graceMinutes: number }[] = [
  { itemId: 'GREEN-1', recurrence: { kind: 'times', times: ['09:30'], weekdays: [2, 5] }, graceMinutes: 120 },
  { itemId: 'GREEN-2', recurrence: { kind: 'before_open', minutesBeforeOpen: 60, weekdays: [1] }, graceMinutes: 60 },
];

export async function seedDemoRounds(trx: Transaction<DB>, siteId: string, zoneIdByKind: Map<ZoneKind, string>, now: number): Promise<void> {
  const zoneId = zoneIdByKind.get('WASHROOM');
  if (!zoneId) return;
  // The patrol seed hangs a washroom checkpoint; rounds share it, or hang their own.
  let checkpoint = await findLiveCheckpointInZone(trx, siteId, zoneId);
  if (!checkpoint) {
    checkpoint = { id: newId(now) };
    await insertCheckpoint(trx, {
      id: checkpoint.id,
      site_id: siteId,
      zone_id: zoneId,
      name_zh: '洗手间',
      name_en: 'Washroom',
      code: newCheckpointCode(),
      lat: null,
      lng: null,
      revoked_at: null,
      created_at: now,
    });
  }
  const items = [...findPostStandard('CLEAN').items, ...findPostStandard('GREEN').items];
  const text = (id: string) => items.find((i) => i.id === id)!.text;
  const schedule = (
    postKind: string,
    itemId: string | null,
    label: { zh: string; en: string },
    recurrence: RoundRecurrence,
    graceMinutes: number,
    checkpointId: string | null,
  ): RoundSchedulesTable => ({
    id: newId(now),
    site_id: siteId,
    post_kind: postKind,
    item_id: itemId,
    label_zh: label.zh,
    label_en: label.en,
    recurrence: JSON.stringify(recurrence),
    grace_minutes: graceMinutes,
    proof: checkpointId ? 'scan' : 'tap',
    checkpoint_id: checkpointId,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  await insertSchedules(trx, [
    schedule('CLEAN', 'CLEAN-2', text('CLEAN-2'), { kind: 'interval', everyMinutes: 10 }, 10, checkpoint.id),
    schedule('CLEAN', 'CLEAN-1', text('CLEAN-1'), { kind: 'before_open', minutesBeforeOpen: 30 }, 30, null),
    schedule('HALL', null, { zh: '11:00 为客户送上点心', en: 'Snacks to the guests at 11:00' }, { kind: 'times', times: ['11:00'] }, 15, null),
    ...LANDSCAPING_ROUNDS.map((r) => schedule('GREEN', r.itemId, text(r.itemId), r.recurrence, r.graceMinutes, null)),
  ]);
  const today = localParts(now, 'Asia/Shanghai').date;
  // The demo is written in one plain transaction, not a use case: booking a timer needs only that and the time.
  await scheduleTimer(
    { trx, now },
    {
      id: planTimerId(siteId, today),
      kind: PLAN_TIMER,
      siteId,
      dueAt: now,
      payload: { siteId, date: today, from: now },
    },
  );
}
