/**
 * The car park's occupancy is counted on every registration (PARK-PRE-3): an index that answers
 * "open visits by car at this site" by itself, without reading the visits' rows.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('visits_site_open_mode_idx').on('visits').columns(['site_id', 'status', 'arrival_mode']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('visits_site_open_mode_idx').execute();
}
