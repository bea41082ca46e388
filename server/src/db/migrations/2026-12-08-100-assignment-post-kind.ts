/**
 * A post assignment keeps its post's kind (issue 14, module borders): "which posts does this
 * person work" is asked by kind on every acknowledgement, round and scan, and answering it from
 * people's own table needs no join to the posts module's table. A post's kind never changes
 * after it is created, so the copy cannot go stale.
 * Frozen in time: never import app code here.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('post_assignments')
    .addColumn('post_kind', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update post_assignments set post_kind = (select p.kind from posts p where p.id = post_assignments.post_id)`.execute(db);
  await db.schema.createIndex('post_assignments_site_kind_idx').on('post_assignments').columns(['site_id', 'post_kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_assignments_site_kind_idx').execute();
  await db.schema.alterTable('post_assignments').dropColumn('post_kind').execute();
}
