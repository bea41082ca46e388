/**
 * Patrols (SECURITY-1 按照巡视路线巡视签到): routes of ordered checkpoints, schedules that
 * create a round per slot, and each round's checks with planned and actual times. Also the
 * codes a checkpoint used to carry, so a replaced QR poster answers "revoked", not "unknown".
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkpoint_retired_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('retired_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('patrol_routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_routes_site_idx').on('patrol_routes').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('patrol_route_stops')
    .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
    .addColumn('planned_minute', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('patrol_route_stops_pk', ['route_id', 'position'])
    .execute();
  await db.schema.createIndex('patrol_route_stops_checkpoint_idx').on('patrol_route_stops').columns(['checkpoint_id']).execute();

  await db.schema
    .createTable('patrol_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    // 'every' (every_minutes within opening hours) or 'fixed' (times, a JSON array of HH:MM)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('every_minutes', 'integer')
    .addColumn('times', 'text', (c) => c.notNull())
    .addColumn('grace_minutes', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_schedules_site_idx').on('patrol_schedules').columns(['site_id', 'id']).execute();
  await db.schema.createIndex('patrol_schedules_route_idx').on('patrol_schedules').columns(['route_id']).execute();

  await db.schema
    .createTable('patrol_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
    .addColumn('schedule_id', 'text', (c) => c.notNull().references('patrol_schedules.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'bigint', (c) => c.notNull())
    // slot start + the last checkpoint's planned minute + grace: when the round is judged
    .addColumn('closes_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('walker_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // One round per slot of a schedule, however often the planner runs.
    .addUniqueConstraint('patrol_rounds_slot_uq', ['schedule_id', 'slot_start'])
    .execute();
  await db.schema.createIndex('patrol_rounds_site_date_idx').on('patrol_rounds').columns(['site_id', 'date', 'id']).execute();
  await db.schema.createIndex('patrol_rounds_open_idx').on('patrol_rounds').columns(['site_id', 'status', 'slot_start']).execute();

  await db.schema
    .createTable('patrol_round_checks')
    .addColumn('round_id', 'text', (c) => c.notNull().references('patrol_rounds.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
    .addColumn('planned_at', 'bigint', (c) => c.notNull())
    .addColumn('scan_id', 'text')
    .addColumn('scanned_at', 'bigint')
    .addColumn('is_late', 'integer', (c) => c.notNull())
    .addColumn('equipment_state', 'text')
    .addColumn('equipment_note', 'text')
    .addColumn('anomaly_id', 'text')
    .addPrimaryKeyConstraint('patrol_round_checks_pk', ['round_id', 'position'])
    .execute();
  await db.schema.createIndex('patrol_round_checks_checkpoint_idx').on('patrol_round_checks').columns(['checkpoint_id', 'planned_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['patrol_round_checks', 'patrol_rounds', 'patrol_schedules', 'patrol_route_stops', 'patrol_routes', 'checkpoint_retired_codes']) {
    await db.schema.dropTable(t).execute();
  }
}
