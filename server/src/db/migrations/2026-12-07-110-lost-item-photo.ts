/**
 * A found item's photo (issue 11 item 5): registered from the phone, offline too, with the
 * photo taken on the spot; the photo waits on the phone beside the registration and goes first.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lost_items').addColumn('photo_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('lost_items').dropColumn('photo_id').execute();
}
