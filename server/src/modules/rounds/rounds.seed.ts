/**
 * The demo site's rounds: the washroom every ten minutes in opening hours proven by scanning the
 * washroom checkpoint (CLEAN-2), the full clean half an hour before opening (CLEAN-1), and the
 * 11:00 snacks to guests (a service moment of section D) for the hall, and the landscaper's
 * pruning and pest control (GREEN-1, GREEN-2; see LANDSCAPING_ROUNDS). Today is planned from the
 * seeding instant on by a plan timer due at once; later days by the daily chain it starts.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { RoundRecurrence, ZoneKind } from '@anchang/contracts';
import type { DB, RoundSchedulesTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { findPostStandard } from '../standards/library/index.js';
import { PLAN_TIMER, planTimerId } from './rounds.service.js';

/**
 * The landscaping post's scheduled work: pruning twice a week in the quiet morning hour, pest
 * control every Monday an hour before opening so no guest walks through the spray (GREEN-2), each
 * confirmed on the phone (the work is spread over the grounds, with no one checkpoint to scan).
 */
export const LANDSCAPING_ROUNDS: readonly { itemId: 'GREEN-1' | 'GREEN-2'; recurrence: RoundRecurrence; graceMinutes: number }[] = [
  { itemId: 'GREEN-1', recurrence: { kind: 'times', times: ['09:30'], weekdays: [2, 5] }, graceMinutes: 120 },
  { itemId: 'GREEN-2', recurrence: { kind: 'before_open', minutesBeforeOpen: 60, weekdays: [1] }, graceMinutes: 60 },
];

export async function seedDemoRounds(
  trx: Transaction<DB> | Kysely<DB>,
  siteId: string,
  zoneIdByKind: Map<ZoneKind, string>,
  now: number,
): Promise<void> {
  const zoneId = zoneIdByKind.get('WASHROOM');
  if (!zoneId) return;
  // The patrol seed hangs a washroom checkpoint; rounds share it, or hang their own.
  let checkpoint = await trx
    .selectFrom('checkpoints')
    .select('id')
    .where('site_id', '=', siteId)
    .where('zone_id', '=', zoneId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!checkpoint) {
    checkpoint = { id: newId(now) };
    await trx
      .insertInto('checkpoints')
      .values({
        id: checkpoint.id,
        site_id: siteId,
        zone_id: zoneId,
        name_zh: '洗手间',
        name_en: 'Washroom',
        code: randomBytes(18).toString('base64url'),
        lat: null,
        lng: null,
        revoked_at: null,
        created_at: now,
      })
      .execute();
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
  await trx
    .insertInto('round_schedules')
    .values([
      schedule('CLEAN', 'CLEAN-2', text('CLEAN-2'), { kind: 'interval', everyMinutes: 10 }, 10, checkpoint.id),
      schedule('CLEAN', 'CLEAN-1', text('CLEAN-1'), { kind: 'before_open', minutesBeforeOpen: 30 }, 30, null),
      schedule('HALL', null, { zh: '11:00 为客户送上点心', en: 'Snacks to the guests at 11:00' }, { kind: 'times', times: ['11:00'] }, 15, null),
      ...LANDSCAPING_ROUNDS.map((r) => schedule('GREEN', r.itemId, text(r.itemId), r.recurrence, r.graceMinutes, null)),
    ])
    .execute();
  const today = localParts(now, 'Asia/Shanghai').date;
  await trx
    .insertInto('timers')
    .values({
      id: planTimerId(siteId, today),
      kind: PLAN_TIMER,
      site_id: siteId,
      due_at: now,
      payload: JSON.stringify({ siteId, date: today, from: now }),
      status: 'pending',
      last_error: null,
      fired_at: null,
      fired_by: null,
      created_at: now,
    })
    .execute();
}
