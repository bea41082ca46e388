/**
 * The demo site's checkpoints and its hourly security patrol (SECURITY-1). Today's rounds are
 * planned by the planning timer, due at once, so the demo has rounds from its first minute.
 */
import type { Transaction } from 'kysely';
import type { ZoneKind } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { scheduleTimer } from '../../platform/timers/timers.js';
import { insertCheckpoint, newCheckpointCode } from '../checkpoints/index.js';
import { insertRoute, insertSchedule, insertStops } from './patrols.repository.js';
import { PLAN_TIMER } from './patrols.jobs.js';

const CHECKPOINTS: { zone: ZoneKind; nameZh: string; nameEn: string; minute: number | null }[] = [
  { zone: 'PERIPHERY', nameZh: '东门岗亭', nameEn: 'East gate kiosk', minute: 0 },
  { zone: 'CAR_PARK', nameZh: '访客停车场', nameEn: 'Visitor car park', minute: 6 },
  { zone: 'MODEL_ROOM', nameZh: '样板房入口', nameEn: 'Model flat entrance', minute: 14 },
  { zone: 'WASHROOM', nameZh: '洗手间', nameEn: 'Washroom', minute: 20 },
  { zone: 'OFFICE', nameZh: '配电间', nameEn: 'Switch room', minute: 26 },
];

export async function seedDemoPatrols(trx: Transaction<DB>, siteId: string, zoneIdByKind: Map<ZoneKind, string>, now: number): Promise<void> {
  const stops: { checkpointId: string; plannedMinute: number }[] = [];
  for (const c of CHECKPOINTS) {
    const zoneId = zoneIdByKind.get(c.zone);
    if (!zoneId) continue;
    const id = newId(now);
    await insertCheckpoint(trx, {
      id,
      site_id: siteId,
      zone_id: zoneId,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      code: newCheckpointCode(),
      lat: null,
      lng: null,
      revoked_at: null,
      created_at: now,
    });
    if (c.minute !== null) stops.push({ checkpointId: id, plannedMinute: c.minute });
  }
  const routeId = newId(now);
  await insertRoute(trx, {
    id: routeId,
    site_id: siteId,
    name_zh: '案场外围巡视',
    name_en: 'Site perimeter patrol',
    archived_at: null,
    created_at: now,
    updated_at: now,
  });
  await insertStops(trx, siteId, routeId, stops);
  const scheduleId = newId(now);
  await insertSchedule(trx, {
    id: scheduleId,
    site_id: siteId,
    route_id: routeId,
    post_kind: 'SECURITY',
    kind: 'every',
    every_minutes: 60,
    times: '[]',
    grace_minutes: 15,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  const today = localParts(now, 'Asia/Shanghai').date;
  // The demo is written in one plain transaction, not a use case: booking a timer needs only that and the time.
  await scheduleTimer(
    { trx, now },
    {
      id: `${PLAN_TIMER}:${scheduleId}:${today}`,
      kind: PLAN_TIMER,
      siteId,
      dueAt: now,
      payload: { scheduleId, date: today },
    },
  );
}
