/**
 * Rounds: duties that recur (washroom every ten minutes, the full clean before opening, the
 * 11:00 snacks), their slots with the outcome of each, and declared abnormal weather with the
 * per-site webhook secret. Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('round_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    // The standard item it runs (CLEAN-2); null for a service moment named only by its label.
    .addColumn('item_id', 'text')
    // Snapshot of the item's text when the schedule was saved: the standard may change later.
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    // JSON: { kind: interval|before_open|times, everyMinutes?, minutesBeforeOpen?, times?, fromDate?, toDate? }
    .addColumn('recurrence', 'text', (c) => c.notNull())
    .addColumn('grace_minutes', 'integer', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('checkpoint_id', 'text', (c) => c.references('checkpoints.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('round_schedules_site_idx').on('round_schedules').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('weather_declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text')
    .addColumn('declared_by_name', 'text')
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('ended_by_name', 'text')
    .execute();
  await db.schema.createIndex('weather_declarations_site_idx').on('weather_declarations').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('round_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('schedule_id', 'text', (c) => c.references('round_schedules.id'))
    .addColumn('weather_id', 'text', (c) => c.references('weather_declarations.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text')
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('checkpoint_id', 'text', (c) => c.references('checkpoints.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('grace_ends_at', 'bigint', (c) => c.notNull())
    // pending → met | missed; missed → late when a proof comes after the window.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proved_by', 'text')
    .addColumn('proved_by_name', 'text')
    .addColumn('proved_at', 'bigint')
    .addColumn('photo_id', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A schedule has one slot per instant, however often its day is planned.
  await db.schema.createIndex('round_slots_schedule_due_uq').on('round_slots').columns(['schedule_id', 'due_at']).unique().execute();
  await db.schema.createIndex('round_slots_site_day_idx').on('round_slots').columns(['site_id', 'local_date']).execute();
  await db.schema.createIndex('round_slots_weather_idx').on('round_slots').columns(['weather_id']).execute();

  await db.schema
    .createTable('weather_webhooks')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.id'))
    // SHA-256 of the secret: the token itself is shown once, when it is made.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'bigint', (c) => c.notNull())
    .addColumn('rotated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['weather_webhooks', 'round_slots', 'weather_declarations', 'round_schedules']) await db.schema.dropTable(t).execute();
}
