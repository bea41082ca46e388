/**
 * The monthly assessment (考核): a versioned scheme per company, each person's month per site with
 * the figures it was computed from, the dismissal recommendations after two failing months, and
 * the record of which site-months the monthly close has already computed.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // Pass mark, weights per post and the deduction rules, as JSON (parsed by a schema on read).
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('assessment_schemes_company_version_uq', ['company_id', 'version'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // YYYY-MM on the site's calendar.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
    .addColumn('post_kind', 'text', (c) => c.notNull())
    // draft → reviewed (a line adjusted) → signed.
    .addColumn('status', 'text', (c) => c.notNull())
    // pass | fail | no_duty (neither rostered nor clocked in: neither pass nor fail).
    .addColumn('outcome', 'text', (c) => c.notNull())
    // Tenths of a point, so both dialects store an exact integer.
    .addColumn('total_tenths', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.references('people.id'))
    .addColumn('signed_at', 'bigint')
    // none | open | upheld | rejected: one appeal per month.
    .addColumn('appeal_status', 'text', (c) => c.notNull())
    .addColumn('appeal_text', 'text')
    .addColumn('appealed_at', 'bigint')
    .addColumn('appeal_reason', 'text')
    .addColumn('appeal_decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('appeal_decided_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('assessments_site_person_month_uq', ['site_id', 'person_id', 'month'])
    .execute();
  await db.schema.createIndex('assessments_site_month_idx').on('assessments').columns(['site_id', 'month']).execute();
  await db.schema.createIndex('assessments_person_idx').on('assessments').columns(['person_id', 'month']).execute();

  await db.schema
    .createTable('assessment_recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('first_assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    .addColumn('second_assessment_id', 'text', (c) => c.notNull().references('assessments.id'))
    .addColumn('first_month', 'text', (c) => c.notNull())
    .addColumn('second_month', 'text', (c) => c.notNull())
    // open → dismiss | keep (decided by a person) | withdrawn (an appeal turned a month into a pass).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('assessment_recommendations_pair_uq', ['site_id', 'person_id', 'second_month'])
    .execute();
  await db.schema
    .createIndex('assessment_recommendations_company_idx')
    .on('assessment_recommendations')
    .columns(['company_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('assessment_closes')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_closes_pk', ['site_id', 'month'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_closes').execute();
  await db.schema.dropTable('assessment_recommendations').execute();
  await db.schema.dropTable('assessments').execute();
  await db.schema.dropTable('assessment_schemes').execute();
}
