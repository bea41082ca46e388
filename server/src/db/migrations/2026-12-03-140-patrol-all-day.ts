/**
 * A site setting: security patrols round the clock (24-hour patrols), not only while the hall is
 * open. Off unless the site turns it on, so existing sites keep their plans. Frozen in time:
 * never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('patrol_all_day', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('patrol_all_day').execute();
}
