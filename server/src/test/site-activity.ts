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
  supplyStoreId: string;
  supplyItemId: string;
  roomId: string;
  modelRoomItemId: string;
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
  customerId: string;
  handoffId: string;
  lostItemId: string;
  incidentId: string;
  orderId: string;
  tripId: string;
  modelRoomNoteId: string;
  assetId: string;
  scheduleId: string;
  workOrderId: string;
  checkpointId: string;
  patrolRouteId: string;
  patrolScheduleId: string;
  patrolRoundId: string;
  roundScheduleId: string;
  roundSlotId: string;
  weatherId: string;
  meetingId: string;
  actionItemId: string;
  // inspections
  inspectionId: string;
  rectificationId: string;
  // training (issue 12)
  trainingSessionId: string;
  trainingCourseId: string;
  certificateId: string;
  // complaints (issue 13)
  complaintId: string;
  handoverId: string;
  // customer feedback (issue 13)
  feedbackFormId: string;
  // integrations (issue 13)
  channelId: string;
  deliveryId: string;
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
  // SHUTTLE duty 6: the site authorises the staff member (not on a SHUTTLE post) to drive.
  await db
    .insertInto('shuttle_driver_lists')
    .values({ site_id: site.siteId, person_ids: JSON.stringify([staffP.id]), updated_at: Date.now() })
    .execute();
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
  const visit = await ok<{ id: string; handoffs: { id: string }[]; customer: { id: string } }>(
    await app.inject({
      method: 'POST',
      url: `${base}/visits`,
      ...as(staff.cookie),
      payload: {
        id: newId(),
        partySize: 3,
        arrivalMode: 'car',
        plate: '浙A12345',
        customer: { name: '王女士', phone: '13911112222', consent: true },
      },
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
  const modelRoomNoteId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/visits/${visit.id}/model-room-notes`,
      ...as(staff.cookie),
      payload: { id: modelRoomNoteId, shoeCovers: 2, interests: '关心主卧朝向' },
    }),
    'model room note',
  );
  // Equipment: an asset with its maintenance schedule, and a repair raised on it.
  const assetId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/assets`,
      ...as(manager.cookie),
      payload: {
        id: assetId,
        zoneId: site.zoneId,
        category: 'lighting',
        nameZh: '大厅吊灯',
        nameEn: 'Hall chandelier',
        model: '',
        locationNote: '',
        installedOn: null,
      },
    }),
    'asset',
  );
  const scheduleId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/maintenance`,
      ...as(manager.cookie),
      payload: { id: scheduleId, assetId, title: '清洁灯罩', everyDays: 30, firstDueOn: date },
    }),
    'maintenance',
  );
  const workOrderId = newId();
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/work-orders`,
      ...as(staff.cookie),
      payload: { id: workOrderId, assetId, description: '吊灯不亮' },
    }),
    'work order',
  );
  // Supplies: a store, an item with stock in it; a model room with its item list, checked once.
  const store = await ok<{ id: string }>(
    await app.inject({ method: 'POST', url: `${base}/supplies/stores`, ...as(manager.cookie), payload: { name: '吧台仓' } }),
    'supply store',
  );
  const supplyItem = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/supplies/items`,
      ...as(manager.cookie),
      payload: { nameZh: '矿泉水', nameEn: 'Water', unit: '瓶', category: 'drinks', lowStockThreshold: 5 },
    }),
    'supply item',
  );
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/supplies/receipts`,
      ...as(manager.cookie),
      payload: { id: newId(), storeId: store.id, lines: [{ itemId: supplyItem.id, quantity: 24 }] },
    }),
    'supply receipt',
  );
  const room = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/zones`,
      ...as(manager.cookie),
      payload: { kind: 'MODEL_ROOM', name: 'A户型样板房', capacity: 8 },
    }),
    'model room',
  );
  const modelRoomItem = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/model-rooms/${room.id}/items`,
      ...as(manager.cookie),
      payload: { name: '抱枕', quantity: 4, photoId, positionNote: '客厅沙发' },
    }),
    'model room item',
  );
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/model-rooms/${room.id}/checks`,
      // The check is a model-room post's duty; the manager may do it on any.
      ...as(manager.cookie),
      payload: { id: newId(), phase: 'opening', lines: [{ itemId: modelRoomItem.id, status: 'present' }] },
    }),
    'model room check',
  );
  // A checkpoint on a patrol route whose schedule plans a round tonight (23:59 is always still open today).
  const checkpoint = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/checkpoints`,
      ...as(manager.cookie),
      payload: { id: newId(), zoneId: site.zoneId, nameZh: '东门', nameEn: 'East gate' },
    }),
    'checkpoint',
  );
  const patrolRoute = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/patrol-routes`,
      ...as(manager.cookie),
      payload: { id: newId(), nameZh: '夜巡', nameEn: 'Night patrol', stops: [{ checkpointId: checkpoint.id, plannedMinute: 0 }] },
    }),
    'patrol route',
  );
  const patrolSchedule = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/patrol-schedules`,
      ...as(manager.cookie),
      payload: { id: newId(), routeId: patrolRoute.id, kind: 'fixed', times: ['23:59'] },
    }),
    'patrol schedule',
  );
  const patrolRounds = await ok<{ items: { id: string }[] }>(
    await app.inject({ method: 'GET', url: `${base}/patrol-rounds`, ...as(manager.cookie) }),
    'patrol rounds',
  );
  // A tap round at 23:59 (still ahead today) with its slot, and a weather declaration.
  const roundSchedule = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/round-schedules`,
      ...as(manager.cookie),
      payload: {
        id: newId(),
        postKind: 'HALL',
        itemId: null,
        labelZh: '闭店前巡视',
        labelEn: 'Round before closing',
        recurrence: { kind: 'times', times: ['23:59'] },
        graceMinutes: 1,
        proof: 'tap',
      },
    }),
    'round schedule',
  );
  const roundDay = await ok<{ slots: { id: string }[] }>(
    await app.inject({ method: 'GET', url: `${base}/rounds/day`, ...as(manager.cookie) }),
    'round day',
  );
  const weather = await ok<{ id: string }>(
    await app.inject({ method: 'POST', url: `${base}/weather`, ...as(manager.cookie), payload: { id: newId(), kind: 'rain' } }),
    'weather',
  );
  // The day's debrief, with an action item for the staff member.
  const meeting = await ok<{ meeting: { id: string } }>(
    await app.inject({ method: 'POST', url: `${base}/meetings/debriefs`, ...as(manager.cookie), payload: {} }),
    'debrief',
  );
  const actionItem = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/meetings/${meeting.meeting.id}/action-items`,
      ...as(manager.cookie),
      payload: { text: '补齐水吧杯子', ownerId: staff.id, dueDate: date },
    }),
    'action item',
  );
  // Inspections: the manager inspects the hall post, failing the 3 m greeting (a rectification to fix).
  const inspection = await ok<{ id: string; rectifications: { id: string }[] }>(
    await app.inject({
      method: 'POST',
      url: `${base}/inspections`,
      ...as(manager.cookie),
      payload: { id: newId(), postId: site.postId, personId: staff.id, items: [{ itemId: 'NORM-GREET-3M', passed: false, deduction: 1, photoId }] },
    }),
    'inspection',
  );
  // Training: a session with a quiz the staff member is invited to, and a certificate.
  const courses = await ok<{ id: string; kind: string }[]>(
    await app.inject({ method: 'GET', url: `${base}/training/courses`, ...as(manager.cookie) }),
    'courses',
  );
  const trainingCourseId = courses.find((c) => c.kind === 'on_job')!.id;
  const trainingSession = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/training/sessions`,
      ...as(manager.cookie),
      payload: {
        courseId: trainingCourseId,
        date,
        trainerName: '走查讲师',
        attendeeIds: [staff.id],
        quiz: { passMark: 60, questions: [{ prompt: '走查的题目', choices: ['对', '错'], correctIndex: 0 }] },
      },
    }),
    'training session',
  );
  const certificate = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/certificates`,
      ...as(manager.cookie),
      payload: { personId: staff.id, kind: 'DRIVING', expiresOn: '2030-01-01' },
    }),
    'certificate',
  );
  // A complaint filed by the staff member, given to them, with a note.
  const complaint = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/complaints`,
      ...as(manager.cookie),
      payload: { via: 'console', category: 'waiting', severity: 'normal', description: '走查的投诉', postId: site.postId, ownerId: staff.id },
    }),
    'complaint',
  );
  // A manager may file a post's form; this one is the car park's, about the visit above.
  const feedbackForm = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/feedback-forms/parking`,
      ...as(manager.cookie),
      payload: { id: newId(), visitId: visit.id, channel: 'friend', askKind: 'request', askText: '希望有儿童座椅' },
    }),
    'feedback form',
  );
  // A night-shift handover on the staff member's post (the site hands over on its HALL post here).
  await ok(
    await app.inject({
      method: 'PUT',
      url: `${base}/handover-settings`,
      ...as(manager.cookie),
      payload: { confirmMinutes: 30, postKinds: ['HALL', 'GUARD', 'SECURITY', 'SHUTTLE'] },
    }),
    'handover settings',
  );
  const handover = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/handovers`,
      ...as(staff.cookie),
      payload: { id: newId(), postId: site.postId, openItems: ['走查的交接事项'], equipment: [], notes: '', photoIds: [] },
    }),
    'handover',
  );
  // A webhook with a queued test delivery (never sent: nothing runs the delivery queue here).
  // A public address literal: the save-time check resolves no name, so the walk needs no DNS.
  const channel = await ok<{ channel: { id: string } }>(
    await app.inject({
      method: 'POST',
      url: `${base}/channels`,
      ...as(manager.cookie),
      payload: { type: 'webhook', name: '走查 Webhook', url: 'https://203.0.113.10/hooks', kinds: ['incident.urgent'] },
    }),
    'channel',
  );
  const delivery = await ok<{ deliveryId: string }>(
    await app.inject({ method: 'POST', url: `${base}/channels/${channel.channel.id}/test`, ...as(manager.cookie) }),
    'test delivery',
  );
  return {
    handoverId: handover.id,
    complaintId: complaint.id,
    feedbackFormId: feedbackForm.id,
    channelId: channel.channel.id,
    deliveryId: delivery.deliveryId,
    trainingSessionId: trainingSession.id,
    trainingCourseId,
    certificateId: certificate.id,
    manager,
    inspectionId: inspection.id,
    rectificationId: inspection.rectifications[0]!.id,
    meetingId: meeting.meeting.id,
    actionItemId: actionItem.id,
    roundScheduleId: roundSchedule.id,
    roundSlotId: roundDay.slots[0]!.id,
    weatherId: weather.id,
    supplyStoreId: store.id,
    supplyItemId: supplyItem.id,
    roomId: room.id,
    modelRoomItemId: modelRoomItem.id,
    staff,
    date,
    entryId: entry.id,
    shiftId,
    photoId,
    anomalyId: anomalies.items[0]!.id,
    requisitionId,
    opinionId,
    visitId: visit.id,
    customerId: visit.customer.id,
    handoffId: visit.handoffs[0]!.id,
    lostItemId,
    incidentId,
    orderId,
    tripId,
    modelRoomNoteId,
    assetId,
    scheduleId,
    workOrderId,
    checkpointId: checkpoint.id,
    patrolRouteId: patrolRoute.id,
    patrolScheduleId: patrolSchedule.id,
    patrolRoundId: patrolRounds.items[0]!.id,
  };
}
