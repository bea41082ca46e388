/**
 * The consultants' rotation (轮流) asks only the consultants at work: a consultant who is off
 * today (or out with a customer) says so on the phone, for that day only (`away_on`, the site's
 * local date), and the rotation passes them over. No row: in the rotation.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consultant_away')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('away_on', 'text', (c) => c.notNull())
    .addColumn('set_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultant_away_pk', ['site_id', 'person_id'])
    .execute();
}
