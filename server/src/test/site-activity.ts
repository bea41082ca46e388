/**
 * A site with a working day behind it, made through the API as its people would: standards
 * adopted, a roster line, a clock-in, a photo, an anomaly, a requisition, an opinion.
 */
import { newId } from '../platform/ids.js';
import type { App } from '../platform/http/types.js';
import { localParts } from '../platform/site-time.js';
import type { ManualClock } from '../platform/clock.js';
import { createPerson, loginAs, type TestPerson, type TestSite } from './factories.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export interface SiteActivity {
  manager: TestPerson & { cookie: string };
  staff: TestPerson & { cookie: string };
  date: string;
  entryId: string;
  shiftId: string;
  photoId: string;
  anomalyId: string;
  requisitionId: string;
  opinionId: string;
  visitId: string;
  handoffId: string;
  lostItemId: string;
  incidentId: string;
  orderId: string;
  tripId: string;
}

async function ok<T>(res: { statusCode: number; body: string; json: <J>() => J }, what: string): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export async function createSiteActivity(app: App, db: Kysely<DB>, clock: ManualClock, site: TestSite): Promise<SiteActivity> {
  const managerP = await createPerson(db, site, 'site_manager');
  const staffP = await createPerson(db, site, 'staff', { postIds: [site.postId] });
  await db
    .insertInto('training_records')
    .values({
      id: newId(),
      company_id: site.companyId,
      person_id: staffP.id,
      kind: 'pre_job',
      topic: 'BI',
      completed_at: clock.now(),
      recorded_by: null,
    })
    .execute();
  const manager = { ...managerP, cookie: await loginAs(app, managerP.login) };
  const staff = { ...staffP, cookie: await loginAs(app, staffP.login) };
  const as = (cookie: string) => ({ headers: { cookie } });
  const base = `/api/sites/${site.siteId}`;

  await ok(await app.inject({ method: 'POST', url: `${base}/standards/adopt`, ...as(manager.cookie) }), 'adopt');
  const date = localParts(clock.now(), 'Asia/Shanghai').date;
  const entry = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/roster`,
      ...as(manager.cookie),
      payload: { postId: site.postId, personId: staff.id, date, start: '00:00', end: '23:59' },
    }),
    'roster',
  );
  const shiftId = newId();
  await ok(
    await app.inject({ method: 'POST', url: `${base}/shifts`, ...as(staff.cookie), payload: { id: shiftId, postId: site.postId } }),
    'clock in',
  );
  const photoId = newId();
  await ok(
    await app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: staff.cookie, 'content-type': 'image/png' },
      payload: TINY_PNG,
    }),
    'photo',
  );
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/shifts/${shiftId}/results`,
      ...as(staff.cookie),
      payload: { id: newId(), itemId: 'HALL-PRE-2', result: 'anomaly', note: '糖果不足', photoId, category: 'supplies' },
    }),
    'result',
  );
  const anomalies = await ok<{ items: { id: string }[] }>(
    await app.inject({ method: 'GET', url: `${base}/anomalies`, ...as(manager.cookie) }),
    'anomalies',
  );
  const requisitionId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/requisitions`,
      ...as(staff.cookie),
      payload: { id: requisitionId, shiftId, lines: [{ name: '糖果', quantity: 2, unit: '袋' }] },
    }),
    'requisition',
  );
  const opinionId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/opinions`,
      ...as(staff.cookie),
      payload: { id: opinionId, shiftId, category: 'suggestion', text: '希望增加停车位' },
    }),
    'opinion',
  );
  const visit = await ok<{ id: string; handoffs: { id: string }[] }>(
    await app.inject({
      method: 'POST',
      url: `${base}/visits`,
      ...as(staff.cookie),
      payload: { id: newId(), partySize: 3, arrivalMode: 'car', plate: '浙A12345' },
    }),
    'visit',
  );
  const signature = {
    strokes: [
      [
        [0.1, 0.5],
        [0.3, 0.3],
        [0.5, 0.6],
      ],
    ],
  };
  await ok(
    await app.inject({
      method: 'PUT',
      url: `${base}/visits/${visit.id}/vehicle-check`,
      ...as(staff.cookie),
      payload: { marks: [], notes: '无损伤', photoIds: [photoId], signature },
    }),
    'vehicle check',
  );
  const lostItemId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/lost-items`,
      ...as(staff.cookie),
      payload: { id: lostItemId, what: '黑色双肩包', whereFound: '沙盘区', storagePlace: '前台抽屉' },
    }),
    'lost item',
  );
  const incidentId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/incidents`,
      ...as(staff.cookie),
      payload: { id: incidentId, kind: 'unauthorised_photo', severity: 'low', description: '有人在样板房拍摄' },
    }),
    'incident',
  );
  // The car-park hand-off reaches the hall; seat the party and order drinks.
  await ok(
    await app.inject({ method: 'POST', url: `${base}/visits/${visit.id}/handoffs/${visit.handoffs[0]!.id}/ack`, ...as(manager.cookie) }),
    'hall ack',
  );
  const orderId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/visits/${visit.id}/drinks`,
      ...as(staff.cookie),
      payload: { id: orderId, lines: [{ name: '美式咖啡', quantity: 2 }] },
    }),
    'drinks',
  );
  const tripId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/shuttle/trips`,
      ...as(staff.cookie),
      payload: { id: tripId, vehicle: '1 号车', destination: 'model_room', visitIds: [visit.id] },
    }),
    'trip',
  );
  return {
    manager,
    staff,
    date,
    entryId: entry.id,
    shiftId,
    photoId,
    anomalyId: anomalies.items[0]!.id,
    requisitionId,
    opinionId,
    visitId: visit.id,
    handoffId: visit.handoffs[0]!.id,
    lostItemId,
    incidentId,
    orderId,
    tripId,
  };
}
