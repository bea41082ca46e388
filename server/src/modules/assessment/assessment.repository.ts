import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AssessmentRecommendationsTable, AssessmentSchemesTable, AssessmentsTable, DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

// ---- schemes ----
export const findCurrentScheme = (db: Q, companyId: string) =>
  db.selectFrom('assessment_schemes').selectAll().where('company_id', '=', companyId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export function findSchemesByIds(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessment_schemes')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Inserts a version; false when that version number is already taken (a concurrent save). */
export async function insertScheme(db: Q, row: AssessmentSchemesTable): Promise<boolean> {
  const res = await db
    .insertInto('assessment_schemes')
    .values(row)
    .onConflict((oc) => oc.columns(['company_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

// ---- assessments ----
export const findAssessment = (db: Q, siteId: string, id: string) =>
  db.selectFrom('assessments').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export const listAssessmentsOfMonth = (db: Q, siteId: string, month: string) =>
  db.selectFrom('assessments').selectAll().where('site_id', '=', siteId).where('month', '=', month).orderBy('person_id').execute();

export const listAssessmentsOfPerson = (db: Q, siteId: string, personId: string, limit: number) =>
  db
    .selectFrom('assessments')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('person_id', '=', personId)
    .orderBy('month', 'desc')
    .limit(limit)
    .execute();

export function findAssessmentsByIds(db: Q, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Writes many months at once, in chunks that stay under both dialects' parameter limits. */
export async function insertAssessments(db: Q, rows: readonly Insertable<AssessmentsTable>[]): Promise<void> {
  const columns = 21;
  const chunk = Math.max(1, Math.floor(900 / columns));
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto('assessments')
      .values(rows.slice(i, i + chunk))
      .execute();
}

/** Replaces the computed part of a month that is not signed; false when it was signed meanwhile. */
export async function updateComputedAssessment(
  db: Q,
  id: string,
  patch: Pick<AssessmentsTable, 'scheme_id' | 'post_kind' | 'outcome' | 'total_tenths' | 'figures' | 'lines' | 'computed_at' | 'updated_at'>,
): Promise<boolean> {
  const res = await db.updateTable('assessments').set(patch).where('id', '=', id).where('status', '!=', 'signed').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** A guarded state change: applies only while the row is still in `from` (or one of them). */
export async function updateAssessmentWhere(
  db: Q,
  id: string,
  guard: { status?: readonly string[]; appealStatus?: readonly string[] },
  patch: Partial<AssessmentsTable>,
): Promise<boolean> {
  let q = db.updateTable('assessments').set(patch).where('id', '=', id);
  if (guard.status) q = q.where('status', 'in', [...guard.status]);
  if (guard.appealStatus) q = q.where('appeal_status', 'in', [...guard.appealStatus]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Every month of a person at a site: the two-failing-months rule reads their outcomes. */
export const listMonthOutcomesOfPerson = (db: Q, siteId: string, personId: string) =>
  db.selectFrom('assessments').select(['id', 'month', 'status', 'outcome']).where('site_id', '=', siteId).where('person_id', '=', personId).execute();

// ---- recommendations ----
export async function insertRecommendation(db: Q, row: AssessmentRecommendationsTable): Promise<boolean> {
  const res = await db
    .insertInto('assessment_recommendations')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'person_id', 'second_month']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const listRecommendationsOfSite = (db: Q, siteId: string, limit: number) =>
  db.selectFrom('assessment_recommendations').selectAll().where('site_id', '=', siteId).orderBy('created_at', 'desc').limit(limit).execute();

export const findRecommendation = (db: Q, siteId: string, id: string) =>
  db.selectFrom('assessment_recommendations').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export async function decideRecommendationRow(
  db: Q,
  id: string,
  patch: Pick<AssessmentRecommendationsTable, 'status' | 'reason' | 'decided_by' | 'decided_at'>,
): Promise<boolean> {
  const res = await db.updateTable('assessment_recommendations').set(patch).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** An appeal turned one of its months into a pass: the open recommendations citing it lapse. */
export async function withdrawRecommendationsCiting(db: Q, assessmentId: string, at: number): Promise<number> {
  const res = await db
    .updateTable('assessment_recommendations')
    .set({ status: 'withdrawn', decided_at: at })
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('first_assessment_id', '=', assessmentId), eb('second_assessment_id', '=', assessmentId)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---- the monthly close ----
export const findClose = (db: Q, siteId: string, month: string) =>
  db.selectFrom('assessment_closes').select('closed_at').where('site_id', '=', siteId).where('month', '=', month).executeTakeFirst();

export async function listClosedSites(db: Q, month: string): Promise<Set<string>> {
  const rows = await db.selectFrom('assessment_closes').select('site_id').where('month', '=', month).execute();
  return new Set(rows.map((r) => r.site_id));
}

export async function insertClose(db: Q, siteId: string, month: string, at: number): Promise<boolean> {
  const res = await db
    .insertInto('assessment_closes')
    .values({ site_id: siteId, month, closed_at: at })
    .onConflict((oc) => oc.columns(['site_id', 'month']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
