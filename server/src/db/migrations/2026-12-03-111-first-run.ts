/**
 * First run without default passwords: the demo company is marked as such (so every screen can
 * say "demo data", across restarts), and the first-run setup claims a single row, so two
 * concurrent setups cannot both create a company.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('companies')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('first_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('completed_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('first_run').execute();
  await db.schema.alterTable('companies').dropColumn('is_demo').execute();
}
