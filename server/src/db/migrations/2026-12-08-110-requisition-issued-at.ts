/**
 * When the store issued a requisition: `requisitions.issued_at`, set in the issuing transaction, so
 * the post-shift forms answer "issued or not" from their own table instead of the store's batches.
 * Requisitions issued before are filled in from their batch. Frozen in time: never import app code here.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requisitions').addColumn('issued_at', 'bigint').execute();
  // A requisition has at most one batch (requisition_id is unique there).
  await sql`UPDATE requisitions SET issued_at = (SELECT b.at FROM supply_batches b WHERE b.requisition_id = requisitions.id)
    WHERE EXISTS (SELECT 1 FROM supply_batches b WHERE b.requisition_id = requisitions.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requisitions').dropColumn('issued_at').execute();
}
