/**
 * Checkpoints and their scans: the shared proof that someone stood at a place (巡视签到).
 * Patrols, the rounds every N minutes and the technician's arrival all read these rows.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('zone_id', 'text', (c) => c.notNull().references('zones.id'))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // The secret the QR code carries: random, unguessable, unique across all sites.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // Where it hangs, for the replay check (walking speed between checkpoints); null when unknown.
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkpoints_site_idx').on('checkpoints').columns(['site_id', 'id']).execute();

  await db.schema
    .createTable('checkpoint_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('checkpoints.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'bigint', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('accuracy_m', 'double precision')
    // JSON array of flags such as "too_fast" or "out_of_order"; "[]" when clean.
    .addColumn('flags', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkpoint_scans_checkpoint_idx').on('checkpoint_scans').columns(['checkpoint_id', 'scanned_at']).execute();
  await db.schema.createIndex('checkpoint_scans_person_idx').on('checkpoint_scans').columns(['person_id', 'scanned_at']).execute();
  await db.schema.createIndex('checkpoint_scans_site_idx').on('checkpoint_scans').columns(['site_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['checkpoint_scans', 'checkpoints']) await db.schema.dropTable(t).execute();
}
