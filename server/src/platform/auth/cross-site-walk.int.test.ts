/**
 * Walks every route of the OpenAPI document as people of one site against the ids of another
 * site, and proves nothing of the other site comes back and nothing of it changes. New routes
 * join the walk by themselves; a body schema the sample generator cannot fill fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { createSiteActivity, type SiteActivity } from '../../test/site-activity.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  minLength?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
}

interface Operation {
  requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
}

const ID_RE = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** A valid value for a schema; ids are the victim site's, so a handler that forgets a check would touch it. */
function sample(schema: JsonSchema, ids: Record<string, string>, key = ''): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, ids, key);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = sample(s, ids, k);
      return out;
    }
    case 'array':
      return key === 'postIds' ? [ids.postId] : [];
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string': {
      if (schema.pattern === ID_RE) return ids[key] ?? (key === 'toPersonId' || key === 'assignedTo' ? ids.personId : ids.zoneId);
      if (schema.pattern === '^([01][0-9]|2[0-3]):[0-5][0-9]$') return key === 'close' ? '18:00' : '09:00';
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return ids.date;
      if (schema.pattern === '^\\d{4}-(0[1-9]|1[0-2])$') return String(ids.date).slice(0, 7);
      if (schema.pattern === '^[A-Z][A-Z0-9-]{1,40}$') return 'HALL-PRE-1';
      if (schema.pattern === '^[a-zA-Z0-9._-]+$') return `walker${Math.random().toString(36).slice(2, 8)}`;
      if (schema.pattern === '^1[3-9][0-9]{9}$') return '13800000000';
      if (schema.pattern) throw new Error(`cross-site walk: no sample for pattern ${schema.pattern} (${key}); add one`);
      if (key === 'timeZone') return 'Asia/Shanghai';
      if (key === 'password' || key.endsWith('Password')) return 'Walker2026x';
      return 'walk';
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
  const attackers: { label: string; cookie: string }[] = [];
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
    for (const role of ['site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer'] as const) {
      const p = await createPerson(db, siteA, role);
      attackers.push({ label: role, cookie: await loginAs(t.app, p.login) });
    }
    // A company admin of ANOTHER company must not reach this company's sites either.
    const otherCompany = await createCompanyWithSite(db);
    const foreignAdmin = await createPerson(db, otherCompany, 'company_admin');
    attackers.push({ label: 'other company admin', cookie: await loginAs(t.app, foreignAdmin.login) });

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
        | 'weather_webhooks',
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
          ] as const
        ).map(count),
      ),
      photos: (await db.selectFrom('photos').select(['id', 'size']).where('site_id', '=', victim.siteId).execute()).map((r) => JSON.stringify(r)),
      staff: await db.selectFrom('people').selectAll().where('id', '=', victim.personId).executeTakeFirst(),
    };
  }
});
