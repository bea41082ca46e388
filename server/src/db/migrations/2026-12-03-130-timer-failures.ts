/**
 * When a timer used up its attempts: the readiness check counts recent failures, so a timer
 * that fails for good shows in health instead of failing silently.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('timers').addColumn('failed_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('timers').dropColumn('failed_at').execute();
}
