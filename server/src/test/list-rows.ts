/**
 * A site with many rows in every paginated list (visits, audit, anomalies, work orders, patrol
 * rounds, incidents, notifications, supply movements), written in bulk straight into the tables:
 * for the list-plan test and the lists bench, which need a site's history, not the use cases that
 * make it. Rows are spread back in time from `endMs` (five minutes apart: about 100,000 a year, what
 * a busy site logs in visits), with ids time-ordered as the app's are, and a realistic mix of the
 * states the lists filter on (most rows closed or resolved, a few still open).
 */
import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../platform/ids.js';

export interface ListSite {
  siteId: string;
  zoneId: string;
  routeId: string;
  scheduleId: string;
  storeIds: [string, string];
  itemIds: [string, string];
  batchId: string;
}

export interface ListRowsPerson {
  id: string;
  name: string;
}

export const LIST_ROW_SPACING_MS = 5 * 60_000;
/** Rows still open in each list, however many rows the site has (the newest ones). */
export const LIST_OPEN_ROWS = 12;
const AUDIT_ACTIONS = ['visit.register', 'visit.handoff', 'anomaly.report', 'work_order.report', 'supply.issue'] as const;
const MOVEMENT_KINDS = ['receipt', 'issue', 'count'] as const;

/** A UUIDv7 for instant `ms` with sequence `seq`: ids of seeded rows follow their times, as the app's do. */
export function idAt(ms: number, seq = 0): string {
  const bytes = randomBytes(16);
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((seq >>> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Asia/Shanghai keeps UTC+8 all year: the site-local date is plain arithmetic. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** A site of `companyId` with `member` as its manager, and the parents the list rows point at. */
export async function createListSite(
  db: Kysely<DB>,
  opts: { companyId: string; member: ListRowsPerson; name: string; now: number },
): Promise<ListSite> {
  const { now } = opts;
  const site: ListSite = {
    siteId: newId(now),
    zoneId: newId(now),
    routeId: newId(now),
    scheduleId: newId(now),
    storeIds: [newId(now), newId(now)],
    itemIds: [newId(now), newId(now)],
    batchId: newId(now),
  };
  await db
    .insertInto('sites')
    .values({
      id: site.siteId,
      company_id: opts.companyId,
      name: opts.name,
      address: '',
      time_zone: 'Asia/Shanghai',
      opening_hours: JSON.stringify({ open: '08:30', close: '18:00', closedWeekdays: [] }),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto('site_members').values({ site_id: site.siteId, person_id: opts.member.id, role: 'site_manager', created_at: now }).execute();
  await db
    .insertInto('zones')
    .values({ id: site.zoneId, site_id: site.siteId, kind: 'SALES_HALL', name: '销售大厅', capacity: null, created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('patrol_routes')
    .values({ id: site.routeId, site_id: site.siteId, name_zh: '夜巡', name_en: 'Night patrol', archived_at: null, created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('patrol_schedules')
    .values({
      id: site.scheduleId,
      site_id: site.siteId,
      route_id: site.routeId,
      post_kind: 'SECURITY',
      kind: 'every',
      every_minutes: 5,
      times: '[]',
      grace_minutes: 15,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [i, id] of site.storeIds.entries())
    await db
      .insertInto('supply_stores')
      .values({ id, site_id: site.siteId, name: `库房 ${i + 1}`, created_at: now })
      .execute();
  for (const [i, id] of site.itemIds.entries())
    await db
      .insertInto('supply_items')
      .values({
        id,
        site_id: site.siteId,
        name_zh: `物料 ${i + 1}`,
        name_en: `Item ${i + 1}`,
        unit: '个',
        category: 'cleaning',
        low_stock_threshold: 0,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  await db
    .insertInto('supply_batches')
    .values({
      id: site.batchId,
      site_id: site.siteId,
      kind: 'receipt',
      store_id: site.storeIds[0],
      requisition_id: null,
      note: '',
      by_person: opts.member.id,
      at: now,
    })
    .execute();
  return site;
}

/** Writes rows into a table; the bench passes a faster one than Kysely's multi-row insert. */
export type BulkInsert = <T extends keyof DB>(table: T, rows: Insertable<DB[T]>[]) => Promise<void>;

async function insertAll<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  // Under SQLite's and PostgreSQL's bound-parameter limits.
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
}

/**
 * `rows` rows in each list of `site`, the newest at `endMs`. `person` reads the lists (the
 * notifications addressed to them or sent by them); `other` gets private notices `person` must not see.
 */
export async function seedListRows(
  db: Kysely<DB>,
  site: ListSite,
  opts: { rows: number; endMs: number; companyId: string; person: ListRowsPerson; other: ListRowsPerson; insert?: BulkInsert },
): Promise<void> {
  const { rows, endMs, person, other, companyId } = opts;
  const insert: BulkInsert = opts.insert ?? ((table, rs) => insertAll(db, table, rs));
  const { siteId } = site;
  const at = (i: number) => endMs - (rows - 1 - i) * LIST_ROW_SPACING_MS;
  const isOpen = (i: number) => i >= rows - LIST_OPEN_ROWS;
  // Made one table at a time: a 100,000-row table's objects are garbage before the next is built.
  const each = <T>(make: (i: number, ms: number, id: string) => T): T[] =>
    Array.from({ length: rows }, (_, i) => {
      const ms = at(i);
      return make(i, ms, idAt(ms, i & 0xfff));
    });

  await insert(
    'visits',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      party_size: 2,
      arrival_mode: i % 3 === 0 ? 'walk_in' : 'car',
      plate: null,
      is_new_energy: 0,
      customer_id: null,
      consultant_id: i % 10 === 0 ? person.id : null,
      stage: isOpen(i) ? 'hall' : 'departed',
      stage_since: ms,
      stage_log: JSON.stringify([{ stage: 'car_park', at: ms }]),
      status: isOpen(i) ? 'open' : 'closed',
      registered_by: person.id,
      arrived_at: ms,
      closed_at: isOpen(i) ? null : ms + 3_600_000,
      updated_at: ms,
    })),
  );
  await insert(
    'audit_log',
    each((i, ms, id) => ({
      id,
      company_id: companyId,
      site_id: siteId,
      actor_id: person.id,
      actor_name: person.name,
      action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? 'visit.register',
      entity_type: 'visit',
      entity_id: null,
      detail: '{}',
      request_id: null,
      at: ms,
    })),
  );
  await insert(
    'anomalies',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      shift_id: null,
      post_id: null,
      item_id: null,
      item_text: JSON.stringify({ zh: '地面有水渍', en: 'Water on the floor' }),
      category: 'environment',
      note: '',
      photo_id: null,
      needs_repair: 0,
      status: isOpen(i) ? 'open' : 'resolved',
      reported_by: person.id,
      reported_at: ms,
      acknowledged_by: null,
      acknowledged_at: null,
      assigned_to: null,
      resolved_by: isOpen(i) ? null : person.id,
      resolved_at: isOpen(i) ? null : ms + 600_000,
      resolution: isOpen(i) ? null : '已处理',
      updated_at: ms,
    })),
  );
  await insert(
    'work_orders',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      zone_id: site.zoneId,
      asset_id: null,
      source: 'staff',
      anomaly_id: null,
      description: '灯不亮',
      photo_id: null,
      after_photo_id: null,
      status: isOpen(i) ? 'reported' : 'verified',
      reported_by: person.id,
      technician_id: null,
      reported_at: ms,
      accepted_at: null,
      arrived_at: isOpen(i) ? null : ms + 120_000,
      done_at: isOpen(i) ? null : ms + 1_800_000,
      verified_at: isOpen(i) ? null : ms + 3_600_000,
      arrival_deadline_at: ms + 300_000,
      escalation_level: 0,
      pause_reason: null,
      done_note: null,
      updated_at: ms,
    })),
  );
  await insert(
    'patrol_rounds',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      route_id: site.routeId,
      schedule_id: site.scheduleId,
      post_kind: 'SECURITY',
      date: shanghaiDate(ms),
      slot_start: ms,
      closes_at: ms + 1_200_000,
      status: isOpen(i) ? 'upcoming' : i % 7 === 0 ? 'missed' : 'done',
      walker_id: isOpen(i) ? null : person.id,
      created_at: ms,
      updated_at: ms,
    })),
  );
  await insert(
    'incidents',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      kind: 'other',
      severity: 'low',
      description: '访客摔倒',
      photo_id: null,
      reported_by: person.id,
      reported_at: ms,
      status: isOpen(i) ? 'open' : 'closed',
      police_decision: null,
      decision_note: null,
      decided_by: null,
      decided_at: null,
      closed_at: isOpen(i) ? null : ms + 3_600_000,
    })),
  );
  await insert(
    'notifications',
    // Most notices go to the whole site; one in five is private to someone else, one in ten to or from the reader.
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      to_person_id: i % 5 === 1 ? other.id : i % 10 === 2 ? person.id : null,
      from_person_id: i % 10 === 3 ? person.id : other.id,
      from_name: i % 10 === 3 ? person.name : other.name,
      title: '巡场提醒',
      body: '15:00 前请各岗位完成一次巡场。',
      created_at: ms,
    })),
  );
  await insert(
    'supply_movements',
    each((i, ms, id) => ({
      id,
      site_id: siteId,
      batch_id: site.batchId,
      kind: MOVEMENT_KINDS[i % MOVEMENT_KINDS.length] ?? 'issue',
      store_id: site.storeIds[i % 4 === 0 ? 1 : 0],
      item_id: site.itemIds[i % 2 === 0 ? 0 : 1],
      delta: i % 3 === 1 ? -1 : 1,
      on_hand_after: 10,
      week: shanghaiDate(ms),
      at: ms,
    })),
  );
}
