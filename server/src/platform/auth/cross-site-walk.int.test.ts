/**
 * Walks every route of the OpenAPI document as people of one site against the ids of another
 * site, and proves nothing of the other site comes back and nothing of it changes. Two passes:
 * the victim's site in the URL (refused by the site check), and the attacker's OWN site in the
 * URL with the victim's object ids in the path and the body (refused only if every module looks
 * ids up within the URL's site). Then the routes without a site in the path: scans, asset-code
 * lookups and the realtime socket. New routes join the walk by themselves; a body schema the
 * sample generator cannot fill fails the test.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { createSiteActivity, TINY_PNG, type SiteActivity } from '../../test/site-activity.js';
import { createAssessmentFixtures } from '../../test/assessment-fixtures.js';
import { connectSocket } from '../../test/ws-client.js';
import { newId } from '../ids.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  minLength?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema | JsonSchema[];
  default?: unknown;
  minItems?: number;
  format?: string;
}

interface Operation {
  requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
}

const ID_RE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** `photoIds` → `photoId`: an item of a list of ids takes the id of its kind. */
const singular = (key: string) => (key.endsWith('Ids') ? key.slice(0, -1) : key);

/**
 * A client-generated `id` in a body names the record being created: the victim's record of the
 * same kind, by the collection the path posts to. A replayed id must not answer with, or
 * change, another site's record.
 */
const NEW_ID_KIND: Record<string, string> = {
  visits: 'visitId',
  handoffs: 'handoffId',
  opinions: 'opinionId',
  requisitions: 'requisitionId',
  'lost-items': 'lostItemId',
  incidents: 'incidentId',
  shifts: 'shiftId',
  drinks: 'orderId',
  trips: 'tripId',
  'model-room-notes': 'modelRoomNoteId',
  assets: 'assetId',
  maintenance: 'scheduleId',
  'work-orders': 'workOrderId',
  checkpoints: 'checkpointId',
  'patrol-routes': 'routeId',
  'patrol-schedules': 'patrolScheduleId',
  'round-schedules': 'roundScheduleId',
  weather: 'weatherId',
  inspections: 'inspectionId',
};

/** A valid value for a schema; ids are the victim site's, so a handler that forgets a check would touch it. */
function sample(schema: JsonSchema, ids: Record<string, string>, key = '', fillArrays = false): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, ids, key, fillArrays);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = sample(s, ids, k, fillArrays);
      return out;
    }
    case 'array':
      if (Array.isArray(schema.items)) return schema.items.map((item) => sample(item, ids, key, fillArrays)); // a tuple
      // The own-site pass puts one item in every list, so ids inside lists are tried too.
      // (as many as the schema's minItems asks, e.g. a quiz question's two choices)
      if (fillArrays && schema.items)
        return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items as JsonSchema, ids, singular(key), fillArrays));
      return key === 'postIds' ? [ids.postId] : [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string': {
      if (schema.pattern === ID_RE) return ids[key] ?? (key === 'toPersonId' || key === 'assignedTo' ? ids.personId : ids.zoneId);
      if (schema.pattern === '^([01][0-9]|2[0-3]):[0-5][0-9]$') return key === 'close' || key === 'end' ? '18:00' : '09:00';
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return ids.date;
      if (schema.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') return String(ids.date).slice(0, 7);
      if (schema.pattern === '^[A-Z][A-Z0-9-]{1,40}$') return 'HALL-PRE-1';
      if (schema.pattern === '^[a-zA-Z0-9._-]+$') return `walker${Math.random().toString(36).slice(2, 8)}`;
      if (schema.pattern === '^1[3-9][0-9]{9}$') return '13800000000';
      if (schema.pattern === '\\S') return '走查的问题 a walker asks';
      if (schema.pattern) throw new Error(`cross-site walk: no sample for pattern ${schema.pattern} (${key}); add one`);
      if (key === 'timeZone') return 'Asia/Shanghai';
      if (key === 'plate') return '浙B54321';
      if (key === 'password' || key.endsWith('Password')) return 'Walker2026x';
      // As long as the schema asks (a signing secret has 8 characters at least).
      return 'walk'.padEnd(schema.minLength ?? 0, 'x');
    }
    case undefined:
    default:
      throw new Error(`cross-site walk: no sample for schema of ${key}: ${JSON.stringify(schema)}`);
  }
}

describe(`cross-site route walk (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let siteA: TestSite;
  let victim: TestSite & { personId: string };
  let victimManager: TestPerson;
  let activity: SiteActivity;
  let assessment: { assessmentId: string; recommendationId: string };
  let clientReportId = '';
  const attackers: { label: string; cookie: string }[] = [];
  /** People of site A who attack through their own site's URLs: its manager, its staff, and the company admin (who may enter both sites). */
  const ownSiteAttackers: { label: string; cookie: string }[] = [];
  let victimCookie: string;
  let routes: { method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(Date.UTC(2026, 10, 28, 2, 0)); // 10:00 at the sites
    const db = t.testDb.database.db;
    siteA = await createCompanyWithSite(db);
    // The victim: another site of the SAME company (the subtle case), and one of another company.
    const sameCompany = await createSite(db, siteA.companyId);
    victimManager = await createPerson(db, { companyId: siteA.companyId, siteId: sameCompany.siteId }, 'site_manager');
    const victimStaff = await createPerson(db, { companyId: siteA.companyId, siteId: sameCompany.siteId }, 'staff', {
      postIds: [sameCompany.postId],
    });
    victim = { companyId: siteA.companyId, ...sameCompany, personId: victimStaff.id };
    activity = await createSiteActivity(t.app, db, t.clock, { companyId: siteA.companyId, ...sameCompany });
    assessment = await createAssessmentFixtures(db, { companyId: siteA.companyId, siteId: sameCompany.siteId }, victimStaff.id, t.clock.now());
    for (const role of ['site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer'] as const) {
      const p = await createPerson(db, siteA, role);
      attackers.push({ label: role, cookie: await loginAs(t.app, p.login) });
    }
    // A company admin of ANOTHER company must not reach this company's sites either.
    const otherCompany = await createCompanyWithSite(db);
    const foreignAdmin = await createPerson(db, otherCompany, 'company_admin');
    attackers.push({ label: 'other company admin', cookie: await loginAs(t.app, foreignAdmin.login) });
    ownSiteAttackers.push(...attackers.filter((a) => a.label === 'site_manager' || a.label === 'staff'));
    const companyAdmin = await createPerson(db, siteA, 'company_admin');
    ownSiteAttackers.push({ label: 'company admin (own site in the URL)', cookie: await loginAs(t.app, companyAdmin.login) });
    victimCookie = await loginAs(t.app, victimManager.login);
    // The victim's October report to the client, drafted by its manager.
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${victim.siteId}/client-reports`,
      headers: { cookie: victimCookie },
      payload: { month: '2026-10' },
    });
    clientReportId = report.json<{ id: string }>().id;
    // Site A runs too: its own standards adopted, so handlers get past "nothing adopted here" to the ids.
    const ownManager = attackers.find((a) => a.label === 'site_manager')!;
    await t.app.inject({ method: 'POST', url: `/api/sites/${siteA.siteId}/standards/adopt`, headers: { cookie: ownManager.cookie } });

    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t.close());

  const ids = (): Record<string, string> => ({
    siteId: victim.siteId,
    zoneId: victim.zoneId,
    postId: victim.postId,
    personId: victim.personId,
    entryId: activity.entryId,
    shiftId: activity.shiftId,
    photoId: activity.photoId,
    anomalyId: activity.anomalyId,
    requisitionId: activity.requisitionId,
    id: activity.opinionId,
    visitId: activity.visitId,
    customerId: activity.customerId,
    lostItemId: activity.lostItemId,
    incidentId: activity.incidentId,
    orderId: activity.orderId,
    handoffId: activity.handoffId,
    tripId: activity.tripId,
    modelRoomNoteId: activity.modelRoomNoteId,
    storeId: activity.supplyStoreId,
    supplyItemId: activity.supplyItemId,
    itemId: activity.supplyItemId,
    roomId: activity.roomId,
    modelRoomItemId: activity.modelRoomItemId,
    assetId: activity.assetId,
    scheduleId: activity.scheduleId,
    workOrderId: activity.workOrderId,
    checkpointId: activity.checkpointId,
    routeId: activity.patrolRouteId,
    patrolScheduleId: activity.patrolScheduleId,
    roundId: activity.patrolRoundId,
    roundScheduleId: activity.roundScheduleId,
    slotId: activity.roundSlotId,
    weatherId: activity.weatherId,
    meetingId: activity.meetingId,
    actionItemId: activity.actionItemId,
    inspectionId: activity.inspectionId,
    rectificationId: activity.rectificationId,
    sessionId: activity.trainingSessionId,
    courseId: activity.trainingCourseId,
    certificateId: activity.certificateId,
    assessmentId: assessment.assessmentId,
    recommendationId: assessment.recommendationId,
    complaintId: activity.complaintId,
    handoverId: activity.handoverId,
    formId: activity.feedbackFormId,
    channelId: activity.channelId,
    deliveryId: activity.deliveryId,
    reportId: clientReportId,
    position: '1',
    postKind: 'HALL',
    date: activity.date,
    week: activity.date,
  });
  const fill = (path: string, op: Operation) => {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => ids()[name] ?? `missing-${name}`);
    const query = (op.parameters ?? [])
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, ids(), p.name)))}`);
    return query.length ? `${filled}?${query.join('&')}` : filled;
  };
  const payloadFor = (op: Operation) => {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    return schema ? (sample(schema, ids()) as object) : undefined;
  };
  // Session routes only: a public webhook authenticates by the site's token (and audits a wrong one), tested in its module.
  const siteScoped = () => routes.filter((r) => r.path.includes('{siteId}') && !r.path.startsWith('/api/public/'));

  it('finds the site-scoped routes in the OpenAPI document', () => {
    expect(siteScoped().length).toBeGreaterThanOrEqual(15);
  });

  it('the victim site itself answers every GET route (the walk reaches real handlers)', async () => {
    const cookie = await loginAs(t.app, victimManager.login);
    for (const r of siteScoped().filter((x) => x.method === 'GET')) {
      const res = await t.app.inject({ method: 'GET', url: `/api${fill(r.path.replace(/^\/api/, ''), r.op)}`, headers: { cookie } });
      expect(res.statusCode, `${r.method} ${r.path}`).toBe(200);
    }
  });

  it('gives people of another site nothing of the victim site, through any route and method', async () => {
    const before = await snapshot();
    for (const attacker of attackers) {
      for (const r of siteScoped()) {
        const url = `/api${fill(r.path.replace(/^\/api/, ''), r.op)}`;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          headers: { cookie: attacker.cookie },
          ...(payloadFor(r.op) ? { payload: payloadFor(r.op) } : {}),
        });
        const where = `${attacker.label}: ${r.method} ${r.path} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect([403, 404], where).toContain(res.statusCode);
        expect(res.json<{ error: { code: string } }>().error.code, where).not.toBe('ROUTE_NOT_FOUND');
        for (const id of Object.values(ids()).filter((v) => /^[0-9a-f]{8}-/.test(v) && v !== victim.siteId))
          expect(res.body, where).not.toContain(id);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  /** The URL with the attacker's own site and the victim's ids elsewhere; whether any victim id went in. */
  const fillOwnSite = (path: string, op: Operation) => {
    let attacked = false;
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'siteId') return siteA.siteId;
      const id = ids()[name];
      if (id && /^[0-9a-f]{8}-/.test(id)) attacked = true;
      return id ?? `missing-${name}`;
    });
    const query = (op.parameters ?? [])
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, ids(), p.name)))}`);
    return { url: query.length ? `${url}?${query.join('&')}` : url, attacked };
  };
  /** A body whose id fields are the victim's (a new record's `id` is the victim's record of that kind). */
  const victimBody = (path: string, op: Operation) => {
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (!schema) return { payload: undefined, attacked: false };
    const collection =
      path
        .split('/')
        .filter((seg) => seg && !seg.startsWith('{'))
        .at(-1) ?? '';
    const kind = NEW_ID_KIND[collection];
    const values = { ...ids(), id: kind ? ids()[kind]! : newId() };
    const payload = sample(schema, values, '', true) as Record<string, unknown>;
    const victimIds = new Set(Object.values(ids()).filter((v) => /^[0-9a-f]{8}-/.test(v)));
    const attacked = [...JSON.stringify(payload).matchAll(/"([0-9a-f]{8}-[0-9a-f-]{27})"/g)].some((m) => victimIds.has(m[1]!));
    return { payload, attacked };
  };
  /**
   * What the victim's own people read: every GET of the site, as its manager sees it. Exports
   * are left out: reading one is itself audited (the audit rows are in the row snapshot), and a
   * workbook's zip differs byte for byte each time it is written.
   */
  const victimReads = async () => {
    const out: Record<string, string> = {};
    for (const r of siteScoped().filter((x) => x.method === 'GET' && !x.path.includes('/export'))) {
      const url = `/api${fill(r.path.replace(/^\/api/, ''), r.op)}`;
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: victimCookie } });
      out[r.path] =
        `${res.statusCode} ${res.headers['content-type']?.toString().startsWith('application/json') ? res.body : String(res.headers['content-type'])}`;
    }
    return out;
  };

  it("refuses the victim's ids under the attacker's own site, in paths and bodies, for every operation", async () => {
    const before = { rows: await snapshot(), reads: await victimReads() };
    const victimSecrets = ['王女士', '13911112222', '浙A12345'];
    let attacks = 0;
    for (const attacker of ownSiteAttackers) {
      for (const r of siteScoped()) {
        const path = r.path.replace(/^\/api/, '');
        const { url, attacked: inPath } = fillOwnSite(path, r.op);
        const isPhotoUpload = r.method === 'PUT' && path.endsWith('/photos/{photoId}');
        const { payload, attacked: inBody } = isPhotoUpload ? { payload: TINY_PNG, attacked: false } : victimBody(path, r.op);
        if (!inPath && !inBody) continue;
        attacks += 1;
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: `/api${url}`,
          headers: { cookie: attacker.cookie, ...(isPhotoUpload ? { 'content-type': 'image/png' } : {}) },
          ...(payload ? { payload } : {}),
        });
        const where = `${attacker.label}: ${r.method} ${r.path} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, where).toBeLessThan(500);
        const errorCode = res.json<{ error: { code: string } }>().error.code;
        // The handler itself must have said no (not the router, not a body the walk got wrong).
        expect(['ROUTE_NOT_FOUND', 'VALIDATION_FAILED', 'INVALID_ID'], where).not.toContain(errorCode);
        for (const secret of victimSecrets) expect(res.body, where).not.toContain(secret);
      }
    }
    expect(attacks).toBeGreaterThanOrEqual(60);
    expect({ rows: await snapshot(), reads: await victimReads() }).toEqual(before);
  });

  it("refuses another site's checkpoint code on /api/scans and its asset code on /api/asset-codes", async () => {
    const victimCheckpoint = (
      await t.app.inject({
        method: 'GET',
        url: `/api/sites/${victim.siteId}/checkpoints/${activity.checkpointId}`,
        headers: { cookie: victimCookie },
      })
    ).json<{ code: string }>();
    const victimAsset = (
      await t.app.inject({ method: 'GET', url: `/api/sites/${victim.siteId}/assets/${activity.assetId}`, headers: { cookie: victimCookie } })
    ).json<{ code: string }>();
    const before = await snapshot();
    for (const attacker of attackers) {
      const scan = await t.app.inject({
        method: 'POST',
        url: '/api/scans',
        headers: { cookie: attacker.cookie },
        payload: { id: newId(), code: victimCheckpoint.code },
      });
      expect([scan.statusCode, scan.json<{ error: { code: string } }>().error.code], attacker.label).toEqual([404, 'CODE_OTHER_SITE']);
      expect(scan.body).not.toContain(activity.checkpointId);
      const lookup = await t.app.inject({ method: 'GET', url: `/api/asset-codes/${victimAsset.code}`, headers: { cookie: attacker.cookie } });
      expect([lookup.statusCode, lookup.json<{ error: { code: string } }>().error.code], attacker.label).toEqual([404, 'ASSET_NOT_FOUND']);
      expect(lookup.body).not.toContain(activity.assetId);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a socket subscription to another site with an error frame, and sends none of its events', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
    for (const attacker of attackers) {
      const socket = await connectSocket(server, attacker.cookie);
      await socket.waitFor((m) => m.type === 'hello');
      socket.send({ type: 'subscribe', siteId: victim.siteId });
      const answer = await socket.waitFor((m) => m.type === 'error' || m.type === 'subscribed');
      expect(answer, attacker.label).toEqual({ type: 'error', code: 'SITE_NOT_FOUND', siteId: victim.siteId });
      // An event of the victim site (a notice to all its phones) reaches nobody here.
      await t.app.inject({
        method: 'POST',
        url: `/api/sites/${victim.siteId}/notifications`,
        headers: { cookie: victimCookie },
        payload: { title: '内部', body: '' },
      });
      socket.send({ type: 'ping' });
      await socket.waitFor((m) => m.type === 'pong');
      expect(
        socket.messages.filter((m) => m.type === 'event'),
        attacker.label,
      ).toEqual([]);
      socket.close();
    }
  });

  it('does not list the victim site among the sites of another site’s people', async () => {
    for (const attacker of attackers) {
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: attacker.cookie } });
      const sites = await t.app.inject({ method: 'GET', url: '/api/sites', headers: { cookie: attacker.cookie } });
      expect(me.body).not.toContain(victim.siteId);
      expect(sites.body).not.toContain(victim.siteId);
    }
  });

  async function snapshot() {
    const db = t.testDb.database.db;
    const count = async (
      table:
        | 'zones'
        | 'posts'
        | 'site_members'
        | 'notifications'
        | 'audit_log'
        | 'post_assignments'
        | 'roster_entries'
        | 'shifts'
        | 'checklist_results'
        | 'anomalies'
        | 'requisitions'
        | 'customer_opinions'
        | 'standard_versions'
        | 'photos'
        | 'visits'
        | 'visit_handoffs'
        | 'shuttle_trips'
        | 'vehicle_events'
        | 'model_room_notes'
        | 'supply_items'
        | 'supply_stores'
        | 'supply_stock'
        | 'supply_batches'
        | 'supply_movements'
        | 'model_room_items'
        | 'model_room_checks'
        | 'model_room_check_lines'
        | 'assets'
        | 'maintenance_schedules'
        | 'equipment_checks'
        | 'work_orders'
        | 'work_order_events'
        | 'checkpoints'
        | 'checkpoint_scans'
        | 'checkpoint_retired_codes'
        | 'patrol_routes'
        | 'patrol_route_stops'
        | 'patrol_schedules'
        | 'patrol_rounds'
        | 'patrol_round_checks'
        | 'round_schedules'
        | 'round_slots'
        | 'weather_declarations'
        | 'weather_webhooks'
        | 'customers'
        | 'vehicle_checks'
        | 'lost_items'
        | 'incidents'
        | 'hall_tables'
        | 'drink_orders',
    ) => (await db.selectFrom(table).selectAll().where('site_id', '=', victim.siteId).execute()).map((r) => JSON.stringify(r)).sort();
    const site = await db.selectFrom('sites').selectAll().where('id', '=', victim.siteId).executeTakeFirst();
    return {
      site,
      zones: await count('zones'),
      posts: await count('posts'),
      members: await count('site_members'),
      notifications: await count('notifications'),
      audit: await count('audit_log'),
      assignments: await count('post_assignments'),
      activity: await Promise.all(
        (
          [
            'roster_entries',
            'shifts',
            'checklist_results',
            'anomalies',
            'requisitions',
            'customer_opinions',
            'standard_versions',
            'visits',
            'visit_handoffs',
            'shuttle_trips',
            'vehicle_events',
            'model_room_notes',
            'supply_items',
            'supply_stores',
            'supply_stock',
            'supply_batches',
            'supply_movements',
            'model_room_items',
            'model_room_checks',
            'model_room_check_lines',
            'assets',
            'maintenance_schedules',
            'equipment_checks',
            'work_orders',
            'work_order_events',
            'checkpoints',
            'checkpoint_scans',
            'checkpoint_retired_codes',
            'patrol_routes',
            'patrol_route_stops',
            'patrol_schedules',
            'patrol_rounds',
            'patrol_round_checks',
            'round_schedules',
            'round_slots',
            'weather_declarations',
            'weather_webhooks',
            'customers',
            'vehicle_checks',
            'lost_items',
            'incidents',
            'hall_tables',
            'drink_orders',
          ] as const
        ).map(count),
      ),
      photos: (await db.selectFrom('photos').select(['id', 'size']).where('site_id', '=', victim.siteId).execute()).map((r) => JSON.stringify(r)),
      staff: await db.selectFrom('people').selectAll().where('id', '=', victim.personId).executeTakeFirst(),
    };
  }
});
