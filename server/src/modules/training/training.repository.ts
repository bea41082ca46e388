/** The training module's tables: only this file reads and writes them. */
import { type Kysely, type Transaction } from 'kysely';
import type {
  DB,
  TrainingCertificatesTable,
  TrainingCoursesTable,
  TrainingFactSheetsTable,
  TrainingInvitesTable,
  TrainingQuizAttemptsTable,
  TrainingQuizQuestionsTable,
  TrainingRecordsTable,
  TrainingSessionsTable,
} from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

// ---- records ----
export async function personIdsWithTraining(db: Q, personIds: string[], kind: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('training_records')
    .select('person_id')
    .distinct()
    .where('kind', '=', kind)
    .where('person_id', 'in', personIds)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function insertTrainingRecord(db: Q, row: TrainingRecordsTable): Promise<void> {
  await db.insertInto('training_records').values(row).execute();
}

export function listTrainingOfPerson(db: Q, personId: string) {
  return db.selectFrom('training_records').selectAll().where('person_id', '=', personId).orderBy('completed_at', 'desc').limit(200).execute();
}

/** On-job records per person of a site in [fromMs, toMs). */
export async function countOnJobByPerson(
  db: Q,
  siteId: string,
  personIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('training_records')
    .select(['person_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('site_id', '=', siteId)
    .where('kind', '=', 'on_job')
    .where('person_id', 'in', [...personIds])
    .where('completed_at', '>=', fromMs)
    .where('completed_at', '<', toMs)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}

// ---- fact sheet ----
export const findLatestFactSheet = (db: Q, siteId: string) =>
  db.selectFrom('training_fact_sheets').selectAll().where('site_id', '=', siteId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export async function insertFactSheet(db: Q, row: TrainingFactSheetsTable): Promise<void> {
  await db.insertInto('training_fact_sheets').values(row).execute();
}

// ---- courses ----
/** Seeds the company's topics; a topic already there stays as it is. */
export async function insertCoursesIfMissing(db: Q, rows: TrainingCoursesTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('training_courses')
    .values(rows)
    .onConflict((oc) => oc.columns(['company_id', 'topic_key']).doNothing())
    .execute();
}

export const countCoursesOfCompany = async (db: Q, companyId: string) =>
  Number(
    (
      await db
        .selectFrom('training_courses')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const listCoursesOfCompany = (db: Q, companyId: string) =>
  db
    .selectFrom('training_courses')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('kind', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();

export const findCourse = (db: Q, companyId: string, courseId: string) =>
  db.selectFrom('training_courses').selectAll().where('company_id', '=', companyId).where('id', '=', courseId).executeTakeFirst();

export const findCoursesByIds = async (db: Q, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom('training_courses')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();

// ---- sessions ----
export async function insertSession(
  db: Q,
  session: TrainingSessionsTable,
  invites: TrainingInvitesTable[],
  questions: TrainingQuizQuestionsTable[],
): Promise<void> {
  await db.insertInto('training_sessions').values(session).execute();
  await db.insertInto('training_invites').values(invites).execute();
  if (questions.length > 0) await db.insertInto('training_quiz_questions').values(questions).execute();
}

export function listSessionRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('training_sessions').selectAll().where('site_id', '=', siteId);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The sessions a person is invited to on a site, newest first. */
export function listSessionRowsOfPerson(db: Q, siteId: string, personId: string, page: PageRequest) {
  let q = db
    .selectFrom('training_sessions as s')
    .innerJoin('training_invites as i', 'i.session_id', 's.id')
    .selectAll('s')
    .select('i.confirmed_at')
    .where('s.site_id', '=', siteId)
    .where('i.person_id', '=', personId);
  if (page.afterId) q = q.where('s.id', '<', page.afterId);
  return q
    .orderBy('s.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export const findSession = (db: Q, siteId: string, sessionId: string) =>
  db.selectFrom('training_sessions').selectAll().where('site_id', '=', siteId).where('id', '=', sessionId).executeTakeFirst();

export async function inviteCounts(db: Q, sessionIds: readonly string[]): Promise<Map<string, { invited: number; confirmed: number }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('training_invites')
    .select([
      'session_id',
      (eb) => eb.fn.countAll<string | number>().as('invited'),
      (eb) => eb.fn.count<string | number>('confirmed_at').as('confirmed'),
    ])
    .where('session_id', 'in', [...sessionIds])
    .groupBy('session_id')
    .execute();
  return new Map(rows.map((r) => [r.session_id, { invited: Number(r.invited), confirmed: Number(r.confirmed) }]));
}

export const listInvites = (db: Q, sessionId: string) => db.selectFrom('training_invites').selectAll().where('session_id', '=', sessionId).execute();

export const findInvite = (db: Q, sessionId: string, personId: string) =>
  db.selectFrom('training_invites').selectAll().where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirst();

/** Marks the invite confirmed unless it already is; true when this call confirmed it. */
export async function markInviteConfirmed(db: Q, sessionId: string, personId: string, at: number): Promise<boolean> {
  const res = await db
    .updateTable('training_invites')
    .set({ confirmed_at: at })
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// ---- quizzes ----
export const listQuestions = (db: Q, sessionIds: readonly string[]) =>
  sessionIds.length === 0
    ? Promise.resolve([] as TrainingQuizQuestionsTable[])
    : db
        .selectFrom('training_quiz_questions')
        .selectAll()
        .where('session_id', 'in', [...sessionIds])
        .orderBy('session_id')
        .orderBy('position')
        .execute();

export async function insertAttempt(db: Q, row: TrainingQuizAttemptsTable): Promise<void> {
  await db.insertInto('training_quiz_attempts').values(row).execute();
}

export const findAttempt = (db: Q, sessionId: string, personId: string) =>
  db.selectFrom('training_quiz_attempts').selectAll().where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirst();

export const listAttemptsOfSession = (db: Q, sessionId: string) =>
  db.selectFrom('training_quiz_attempts').selectAll().where('session_id', '=', sessionId).execute();

export async function listAttemptsOfPersonSessions(db: Q, personId: string, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('training_quiz_attempts')
    .selectAll()
    .where('person_id', '=', personId)
    .where('session_id', 'in', [...sessionIds])
    .execute();
}

/** Quiz attempts of a site's people submitted in [fromMs, toMs). */
export async function listAttemptsInPeriod(db: Q, siteId: string, personIds: readonly string[], fromMs: number, toMs: number) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('training_quiz_attempts')
    .select(['person_id', 'score', 'passed'])
    .where('site_id', '=', siteId)
    .where('person_id', 'in', [...personIds])
    .where('submitted_at', '>=', fromMs)
    .where('submitted_at', '<', toMs)
    .execute();
}

// ---- certificates ----
export async function insertCertificate(db: Q, row: TrainingCertificatesTable): Promise<void> {
  await db.insertInto('training_certificates').values(row).execute();
}

export function listCertificateRows(db: Q, siteId: string, page: PageRequest, personId?: string) {
  let q = db.selectFrom('training_certificates').selectAll().where('site_id', '=', siteId);
  if (personId) q = q.where('person_id', '=', personId);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function listCertificatesOfPeople(db: Q, siteId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('training_certificates')
    .select(['person_id', 'kind', 'expires_on'])
    .where('site_id', '=', siteId)
    .where('person_id', 'in', [...personIds])
    .execute();
}

export const findCertificate = (db: Q, siteId: string, id: string) =>
  db.selectFrom('training_certificates').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export async function deleteCertificateRow(db: Q, id: string): Promise<void> {
  await db.deleteFrom('training_certificates').where('id', '=', id).execute();
}

// ---- settings ----
export async function findPreJobGate(db: Q, siteId: string): Promise<string | null> {
  const row = await db.selectFrom('training_site_settings').select('pre_job_gate').where('site_id', '=', siteId).executeTakeFirst();
  return row?.pre_job_gate ?? null;
}

export async function upsertPreJobGate(db: Q, siteId: string, gate: string, now: number): Promise<void> {
  await db
    .insertInto('training_site_settings')
    .values({ site_id: siteId, pre_job_gate: gate, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ pre_job_gate: gate, updated_at: now }))
    .execute();
}

/** For period figures: training sessions the site held on dates in [fromDate, toDate], per kind (pre_job, on_job…). */
export async function countSessionsOfPeriod(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('training_sessions')
    .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('site_id', '=', siteId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
