/**
 * The world a fuzz run works in: one site with a working day behind it (standards adopted, a
 * roster, shifts, visits, hall, shuttle, equipment, supplies, patrols, rounds, weather...), one
 * person per role, and the real ids and codes of everything, so generated requests reach deep
 * into handlers instead of stopping at "not found".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ManualClock } from '../../platform/clock.js';
import { ID_PATTERN, newId } from '../../platform/ids.js';
import type { App } from '../../platform/http/types.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, TEST_PASSWORD, type TestSite } from '../factories.js';
import { createSiteActivity } from '../site-activity.js';

export const FUZZ_ROLES = ['company_admin', 'site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer', 'anonymous'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

/** 10:00 at the site (Asia/Shanghai) on a fixed day, so a seed replays the same requests against the same day. */
export const FUZZ_EPOCH = Date.UTC(2026, 10, 28, 2, 0);

export interface FuzzWorld {
  site: TestSite;
  /** The instant the run happens at (the driven clock stands still) and its date at the site. */
  now: number;
  date: string;
  /** Real ids by the name a path parameter or body field gives them (zoneId, visitId, ...). */
  ids: Record<string, string[]>;
  /** Every real id, for fields the world has no kind for. */
  allIds: string[];
  /** Checkpoint and asset QR codes. */
  codes: string[];
  webhookToken: string;
  /** The logins of the people the fuzz runs as. */
  logins: string[];
  /** Checklist item ids of the adopted standard: the hall post's, and two of other posts. */
  standardItemIds: string[];
  /** The session cookie of each role (null for anonymous); renewed by `relogin`. */
  cookies: Record<FuzzRole, string | null>;
  /** Record a password a fuzz case changed, so the next login uses it. */
  passwordChanged(role: FuzzRole, password: string): void;
  relogin(role: FuzzRole): Promise<void>;
}

async function ok<T>(res: { statusCode: number; body: string; json: <J>() => J }, what: string): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`fuzz world ${what}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export async function seedFuzzWorld(app: App, db: Kysely<DB>, clock: ManualClock): Promise<FuzzWorld> {
  clock.set(FUZZ_EPOCH);
  const site = await createCompanyWithSite(db, clock.now());
  const activity = await createSiteActivity(app, db, clock, site);
  const base = `/api/sites/${site.siteId}`;
  const asManager = { cookie: activity.manager.cookie };

  // One person per role. The staff member is on the post, rostered today and clocked in; none of
  // them is in the id pool, so no fuzz case edits, disables or removes the people it runs as.
  const people: Record<Exclude<FuzzRole, 'anonymous'>, { login: string }> = {
    company_admin: await createPerson(db, site, 'company_admin'),
    site_manager: await createPerson(db, site, 'site_manager'),
    supervisor: await createPerson(db, site, 'supervisor'),
    staff: await createPerson(db, site, 'staff', { postIds: [site.postId] }),
    sales_consultant: await createPerson(db, site, 'sales_consultant'),
    client_viewer: await createPerson(db, site, 'client_viewer'),
  };
  const passwords = new Map<FuzzRole, string>();
  const cookies = { anonymous: null } as Record<FuzzRole, string | null>;
  for (const [role, p] of Object.entries(people)) cookies[role as FuzzRole] = await loginAs(app, p.login);

  const staffPerson = await db.selectFrom('people').select('id').where('login', '=', people.staff.login).executeTakeFirstOrThrow();
  const staffEntry = await ok<{ id: string }>(
    await app.inject({
      method: 'POST',
      url: `${base}/roster`,
      headers: asManager,
      payload: { postId: site.postId, personId: staffPerson.id, date: activity.date, start: '00:00', end: '23:59' },
    }),
    'staff roster',
  );
  const staffShiftId = newId(clock.now());
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/shifts`,
      headers: { cookie: cookies.staff! },
      payload: { id: staffShiftId, postId: site.postId },
    }),
    'staff clock-in',
  );
  const hall = await ok<{ tables: { id: string }[] }>(
    await app.inject({ method: 'POST', url: `${base}/hall/tables`, headers: asManager, payload: { name: '1 号桌', seats: 6 } }),
    'hall table',
  );
  const webhook = await ok<{ token: string }>(
    await app.inject({ method: 'POST', url: `${base}/weather/webhook/rotate`, headers: asManager }),
    'webhook token',
  );
  const checkpoint = await ok<{ code: string }>(
    await app.inject({ method: 'GET', url: `${base}/checkpoints/${activity.checkpointId}`, headers: asManager }),
    'checkpoint code',
  );
  const asset = await ok<{ code: string }>(
    await app.inject({ method: 'GET', url: `${base}/assets/${activity.assetId}`, headers: asManager }),
    'asset code',
  );
  // The checklist items of the hall post's standard (the post everyone here works).
  const hallStandard = await ok<{ items: { id: string }[] }>(
    await app.inject({ method: 'GET', url: `${base}/standards/HALL`, headers: asManager }),
    'hall standard',
  );
  // Guests walked in and waiting in the hall, to seat and serve.
  const hallVisitId = newId(clock.now());
  await ok(
    await app.inject({
      method: 'POST',
      url: `${base}/visits`,
      headers: { cookie: activity.staff.cookie },
      payload: { id: hallVisitId, partySize: 2, arrivalMode: 'walk_in' },
    }),
    'walk-in visit',
  );
  // A work order in each state of the repair (the activity's is reported), so every move has one it fits.
  const workOrderIds = [activity.workOrderId];
  const steps: [string, object?][] = [
    ['accept'],
    ['arrive', { code: asset.code }],
    ['start'],
    ['pause', { reason: '等配件' }],
    ['resume'],
    ['done', { note: '已更换' }],
  ];
  for (const upTo of [1, 2, 3, 4, 6]) {
    const id = newId(clock.now());
    await ok(
      await app.inject({
        method: 'POST',
        url: `${base}/work-orders`,
        headers: asManager,
        payload: { id, assetId: activity.assetId, description: `故障 ${upTo}` },
      }),
      'work order',
    );
    for (const [action, payload] of steps.slice(0, upTo)) {
      await ok(
        await app.inject({ method: 'POST', url: `${base}/work-orders/${id}/${action}`, headers: asManager, ...(payload ? { payload } : {}) }),
        `work order ${action}`,
      );
    }
    workOrderIds.push(id);
  }
  // The Excel export loads its library on first use (by design, seconds on a busy machine): load
  // it now, so the time bound measures answers, not that one start-up cost.
  const exported = await app.inject({ method: 'GET', url: `${base}/day-board/export?date=${activity.date}`, headers: asManager });
  if (exported.statusCode !== 200) throw new Error(`fuzz world export warm-up: ${exported.statusCode} ${exported.body.slice(0, 200)}`);
  // People the fuzz may edit or remove: the activity's own staff member and manager.
  const victim = await createPerson(db, site, 'staff', { postIds: [site.postId] });
  // Ids of elsewhere: another site of the company and a site of another company.
  const sibling = await createSite(db, site.companyId, clock.now());
  const foreign = await createCompanyWithSite(db, clock.now());

  const ids: Record<string, string[]> = {
    siteId: [site.siteId, sibling.siteId, foreign.siteId],
    zoneId: [site.zoneId, activity.roomId, sibling.zoneId],
    postId: [site.postId, sibling.postId],
    personId: [activity.staff.id, activity.manager.id, victim.id],
    entryId: [activity.entryId, staffEntry.id],
    shiftId: [activity.shiftId, staffShiftId],
    photoId: [activity.photoId],
    anomalyId: [activity.anomalyId],
    requisitionId: [activity.requisitionId],
    opinionId: [activity.opinionId],
    visitId: [activity.visitId, hallVisitId],
    handoffId: [activity.handoffId],
    lostItemId: [activity.lostItemId],
    incidentId: [activity.incidentId],
    orderId: [activity.orderId],
    tripId: [activity.tripId],
    modelRoomNoteId: [activity.modelRoomNoteId],
    assetId: [activity.assetId],
    scheduleId: [activity.scheduleId],
    workOrderId: workOrderIds,
    storeId: [activity.supplyStoreId],
    supplyItemId: [activity.supplyItemId],
    roomId: [activity.roomId],
    modelRoomItemId: [activity.modelRoomItemId],
    checkpointId: [activity.checkpointId],
    routeId: [activity.patrolRouteId],
    patrolScheduleId: [activity.patrolScheduleId],
    roundId: [activity.patrolRoundId],
    roundScheduleId: [activity.roundScheduleId],
    slotId: [activity.roundSlotId],
    weatherId: [activity.weatherId],
    tableId: hall.tables.map((x) => x.id),
  };
  for (const [kind, list] of Object.entries(ids)) {
    if (!list.every((id) => ID_PATTERN.test(id))) throw new Error(`fuzz world: a ${kind} is not an id: ${JSON.stringify(list)}`);
  }
  const allIds = [...new Set(Object.values(ids).flat())];

  const world: FuzzWorld = {
    site,
    now: clock.now(),
    date: activity.date,
    ids,
    allIds,
    codes: [checkpoint.code, asset.code],
    webhookToken: webhook.token,
    logins: Object.values(people).map((p) => p.login),
    standardItemIds: [...hallStandard.items.map((i) => i.id), 'BAR-PRE-1', 'PARK-PRE-1'],
    cookies,
    passwordChanged(role, password) {
      passwords.set(role, password);
    },
    async relogin(role) {
      if (role === 'anonymous') return;
      cookies[role] = await loginAs(app, people[role].login, passwords.get(role) ?? TEST_PASSWORD);
    },
  };
  return world;
}
