/**
 * Training (sop-library section C, 培训) and the project fact sheet (GUARD-IN-1).
 *
 * The roster reads two rules from here: nobody works a post before their pre-job training
 * (岗前培训: BI norms and the project's basics) is recorded — a warning, or a refusal when the
 * site's gate is `block` — and nobody works a post whose certificate (POST_CERTIFICATES) they
 * lack or have let expire (a warning). Sessions write the same training records when an invited
 * attendee confirms on their phone, so the pre-job rule and the month's counts read one table.
 */
import {
  CERTIFICATE_KINDS,
  ON_JOB_TOPICS,
  PRE_JOB_TOPIC,
  ROLE_GROUPS,
  type Certificate,
  type CertificateKind,
  type CreateSessionBody,
  type FactSheet,
  type FactSheetContent,
  type MyTrainingSession,
  type PageOf,
  type PageQuery,
  type PostKind,
  type PreJobGate,
  type QuestionSource,
  type QuizQuestionInput,
  type QuizResult,
  type RosterConflict,
  type RosterEntry,
  type TrainingCourse,
  type TrainingKind,
  type TrainingMonth,
  type TrainingSessionDetail,
  type TrainingSessionSummary,
  type TrainingSettings,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/create-db.js';
import type { DB, TrainingCoursesTable, TrainingQuizQuestionsTable, TrainingSessionsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, isSiteMember } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostsByIds } from '../posts/index.js';
import { findSiteRow, SITE_MANAGERS } from '../sites/index.js';
import { readStandardSettings } from '../standards/index.js';
import * as repo from './training.repository.js';
import { readTrainingMonth } from './training-month.js';
import { scheduleOnJobFlag } from './training.jobs.js';
import { factSheetQuestions, findCertificateGaps, gradeQuiz, monthOf, standardQuestions } from './training.rules.js';

export const PRE_JOB = 'pre_job';

// ---------- rules the roster reads ----------

/** Of these people, those with no pre-job training on record. */
export async function peopleWithoutPreJobTraining(db: Kysely<DB>, personIds: string[]): Promise<Set<string>> {
  const trained = await repo.personIdsWithTraining(db, personIds, PRE_JOB);
  return new Set(personIds.filter((id) => !trained.has(id)));
}

export async function preJobGateOf(db: Kysely<DB>, siteId: string): Promise<PreJobGate> {
  return (await repo.findPreJobGate(db, siteId)) === 'block' ? 'block' : 'warn';
}

/**
 * Called by the roster before it adds lines: on a `block` site people without pre-job training
 * are refused with PRE_JOB_TRAINING_MISSING (naming them); on a `warn` site the week view shows
 * the conflict instead.
 */
export async function assertMayBeRostered(db: Kysely<DB>, siteId: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0 || (await preJobGateOf(db, siteId)) !== 'block') return;
  const untrained = [...(await peopleWithoutPreJobTraining(db, [...new Set(personIds)]))];
  if (untrained.length > 0)
    throw new AppError('PRE_JOB_TRAINING_MISSING', {
      message: 'This site requires pre-job training before the first roster line',
      params: { personId: untrained[0], personIds: untrained },
    });
}

/** Roster lines whose post needs a certificate the person lacks or has let expire on the line's day. */
export async function findRosterCertificateGaps(db: Kysely<DB>, siteId: string, entries: readonly RosterEntry[]): Promise<RosterConflict[]> {
  if (entries.length === 0) return [];
  const posts = (await findPostsByIds(db, [...new Set(entries.map((e) => e.postId))])).filter((p) => p.site_id === siteId);
  const postKindById = new Map(posts.map((p) => [p.id, p.kind as PostKind]));
  const certs = await repo.listCertificatesOfPeople(db, siteId, [...new Set(entries.map((e) => e.personId))]);
  const byPerson = new Map<string, { kind: string; expiresOn: string }[]>();
  for (const c of certs) byPerson.set(c.person_id, [...(byPerson.get(c.person_id) ?? []), { kind: c.kind, expiresOn: c.expires_on }]);
  return findCertificateGaps(entries, postKindById, byPerson);
}

// ---------- helpers ----------

async function siteTimeZone(db: Kysely<DB>, siteId: string): Promise<string> {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return site.time_zone;
}

async function assertMember(db: Kysely<DB>, siteId: string, personId: string): Promise<void> {
  if (!(await isSiteMember(db, siteId, personId))) throw new AppError('PERSON_NOT_FOUND', { params: { personId } });
}

// ---------- manual records (kept from the first version) ----------

export async function recordTraining(
  deps: Deps,
  actor: Actor,
  siteId: string,
  personId: string,
  input: { kind: TrainingKind; topic: string; completedAt?: number },
) {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await assertMember(deps.db, siteId, personId);
  return inTransaction(deps, async (tx) => {
    const row = {
      id: newId(),
      company_id: actor.companyId,
      person_id: personId,
      kind: input.kind,
      topic: input.topic.trim(),
      completed_at: input.completedAt ?? tx.now,
      recorded_by: actor.personId,
      site_id: siteId,
      session_id: null,
    };
    await repo.insertTrainingRecord(tx.trx, row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training.record',
      entityType: 'person',
      entityId: personId,
      detail: { kind: row.kind, topic: row.topic },
    });
    tx.emit({ siteId }, 'person.changed', { personId, action: 'updated' });
    return { id: row.id, personId, kind: input.kind, topic: row.topic, completedAt: row.completed_at };
  });
}

export async function listTraining(deps: Deps, actor: Actor, siteId: string, personId: string) {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  await assertMember(deps.db, siteId, personId);
  const rows = await repo.listTrainingOfPerson(deps.db, personId);
  return rows.map((r) => ({ id: r.id, personId: r.person_id, kind: r.kind as TrainingKind, topic: r.topic, completedAt: r.completed_at }));
}

// ---------- the fact sheet ----------

const EMPTY_SHEET: FactSheetContent = { unitTypes: [], managementFeePerM2: null, sellingPoints: [], notes: '' };

export async function readFactSheet(db: Kysely<DB>, siteId: string): Promise<FactSheet> {
  const row = await repo.findLatestFactSheet(db, siteId);
  if (!row) return { siteId, version: 0, content: EMPTY_SHEET, changeNote: '', publishedAt: null, publishedByName: null };
  return {
    siteId,
    version: row.version,
    content: JSON.parse(row.content) as FactSheetContent,
    changeNote: row.change_note,
    publishedAt: row.published_at,
    publishedByName: row.published_by_name,
  };
}

/** Every member reads it: it is what each post tells guests. */
export async function getFactSheet(deps: Deps, actor: Actor, siteId: string): Promise<FactSheet> {
  requireSiteMember(actor, siteId);
  return readFactSheet(deps.db, siteId);
}

export async function publishFactSheet(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { baseVersion: number; content: FactSheetContent; changeNote?: string },
): Promise<FactSheet> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  for (const u of input.content.unitTypes)
    if (u.priceToWan < u.priceFromWan)
      throw new AppError('VALIDATION_FAILED', { message: 'A price range ends below its start', params: { unitType: u.name } });
  const conflict = () =>
    new AppError('FACT_SHEET_VERSION_CONFLICT', {
      message: 'Someone published a newer version: reload it first',
      params: { baseVersion: input.baseVersion },
    });
  try {
    return await inTransaction(deps, async (tx) => {
      const current = await repo.findLatestFactSheet(tx.trx, siteId);
      if ((current?.version ?? 0) !== input.baseVersion) throw conflict();
      const version = input.baseVersion + 1;
      const row = {
        id: newId(tx.now),
        site_id: siteId,
        version,
        content: JSON.stringify(input.content),
        change_note: (input.changeNote ?? '').trim(),
        published_by: actor.personId,
        published_by_name: actor.name,
        published_at: tx.now,
      };
      await repo.insertFactSheet(tx.trx, row);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'fact_sheet.publish',
        entityType: 'fact_sheet',
        entityId: row.id,
        detail: { version, changeNote: row.change_note, unitTypes: input.content.unitTypes.length },
      });
      tx.emit({ siteId }, 'fact_sheet.published', { version });
      return { siteId, version, content: input.content, changeNote: row.change_note, publishedAt: tx.now, publishedByName: actor.name };
    });
  } catch (err) {
    // Two managers publishing the same base at once: the unique (site, version) refuses the second.
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

// ---------- courses ----------

const toCourse = (r: TrainingCoursesTable): TrainingCourse => ({
  id: r.id,
  kind: r.kind as TrainingKind,
  topicKey: r.topic_key,
  nameZh: r.name_zh,
  nameEn: r.name_en,
});

/**
 * The company's courses, the pre-job course and the seven on-job topics seeded on first use
 * (companies created before this module have none; a seeded topic is never duplicated).
 */
async function ensureCourses(deps: Deps, companyId: string): Promise<void> {
  if ((await repo.countCoursesOfCompany(deps.db, companyId)) > 0) return;
  await inTransaction(deps, async (tx) => {
    const topics = [{ ...PRE_JOB_TOPIC, kind: 'pre_job' as const }, ...ON_JOB_TOPICS.map((t) => ({ ...t, kind: 'on_job' as const }))];
    await repo.insertCoursesIfMissing(
      tx.trx,
      topics.map((t, i) => ({
        id: newId(tx.now + i),
        company_id: companyId,
        kind: t.kind,
        topic_key: t.key,
        name_zh: t.zh,
        name_en: t.en,
        created_at: tx.now + i,
      })),
    );
  });
}

export async function listCourses(deps: Deps, actor: Actor, siteId: string): Promise<TrainingCourse[]> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  await ensureCourses(deps, actor.companyId);
  return (await repo.listCoursesOfCompany(deps.db, actor.companyId)).map(toCourse);
}

export async function createCourse(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { kind: TrainingKind; nameZh: string; nameEn: string },
): Promise<TrainingCourse> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await ensureCourses(deps, actor.companyId);
  return inTransaction(deps, async (tx) => {
    const row: TrainingCoursesTable = {
      id: newId(tx.now),
      company_id: actor.companyId,
      kind: input.kind,
      topic_key: null,
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn.trim(),
      created_at: tx.now,
    };
    await repo.insertCoursesIfMissing(tx.trx, [row]);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training_course.create',
      entityType: 'training_course',
      entityId: row.id,
      detail: { ...input },
    });
    return toCourse(row);
  });
}

// ---------- sessions ----------

function validateQuestions(questions: readonly QuizQuestionInput[]): void {
  questions.forEach((q, i) => {
    if (q.correctIndex >= q.choices.length)
      throw new AppError('QUIZ_QUESTION_INVALID', {
        message: 'The right answer is not one of the choices',
        params: { question: i + 1 },
      });
  });
}

export async function createSession(deps: Deps, actor: Actor, siteId: string, input: CreateSessionBody): Promise<TrainingSessionDetail> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await ensureCourses(deps, actor.companyId);
  const course = await repo.findCourse(deps.db, actor.companyId, input.courseId);
  if (!course) throw new AppError('TRAINING_COURSE_NOT_FOUND', { params: { courseId: input.courseId } });
  const attendeeIds = [...new Set(input.attendeeIds)];
  for (const personId of attendeeIds) await assertMember(deps.db, siteId, personId);
  const photoIds = [...new Set(input.photoIds ?? [])];
  for (const photoId of photoIds) await assertPhotoOnSite(deps, siteId, photoId);
  // The quiz: the manager's questions, then those drawn from the sheet and the standards' numbers.
  const questions: { q: QuizQuestionInput; source: QuestionSource }[] = [];
  if (input.quiz) {
    validateQuestions(input.quiz.questions ?? []);
    questions.push(...(input.quiz.questions ?? []).map((q) => ({ q, source: 'manual' as const })));
    if (input.quiz.fromFactSheet)
      questions.push(...factSheetQuestions((await readFactSheet(deps.db, siteId)).content).map((q) => ({ q, source: 'fact_sheet' as const })));
    if (input.quiz.fromStandards)
      questions.push(...standardQuestions(await readStandardSettings(deps.db, siteId)).map((q) => ({ q, source: 'standard' as const })));
    if (questions.length === 0)
      throw new AppError('QUIZ_NO_QUESTIONS', { message: 'A quiz needs questions: write some, or publish the fact sheet first' });
  }
  const quizQuestions = questions.slice(0, 30);
  const timeZone = await siteTimeZone(deps.db, siteId);
  return inTransaction(deps, async (tx) => {
    const session: TrainingSessionsTable = {
      id: newId(tx.now),
      site_id: siteId,
      course_id: course.id,
      kind: course.kind,
      date: input.date,
      trainer_name: input.trainerName.trim(),
      material: input.material ?? '',
      photo_ids: JSON.stringify(photoIds),
      pass_mark: input.quiz ? input.quiz.passMark : null,
      created_by: actor.personId,
      created_at: tx.now,
    };
    const questionRows: TrainingQuizQuestionsTable[] = quizQuestions.map(({ q, source }, i) => ({
      id: newId(tx.now),
      session_id: session.id,
      position: i,
      source,
      prompt: q.prompt,
      choices: JSON.stringify(q.choices),
      correct_index: q.correctIndex,
    }));
    await repo.insertSession(
      tx.trx,
      session,
      attendeeIds.map((personId) => ({ session_id: session.id, person_id: personId, site_id: siteId, confirmed_at: null })),
      questionRows,
    );
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training_session.create',
      entityType: 'training_session',
      entityId: session.id,
      detail: { courseId: course.id, date: input.date, attendees: attendeeIds.length, questions: questionRows.length, passMark: session.pass_mark },
    });
    await scheduleOnJobFlag(tx, siteId, timeZone);
    tx.emit({ siteId }, 'training.changed', { sessionId: session.id, personId: null });
    for (const personId of attendeeIds) tx.emit({ personId, siteId }, 'training.changed', { sessionId: session.id, personId });
    const names = await findPersonNames(tx.trx, attendeeIds);
    return {
      ...summaryOf(session, course, { invited: attendeeIds.length, confirmed: 0 }, questionRows.length > 0),
      material: session.material,
      photoIds,
      attendees: attendeeIds.map((personId) => ({ personId, name: names.get(personId) ?? '', confirmedAt: null, quizScore: null, quizPassed: null })),
      questions: questionRows.map(withKey),
    };
  });
}

function summaryOf(
  s: TrainingSessionsTable,
  course: TrainingCoursesTable | undefined,
  counts: { invited: number; confirmed: number } | undefined,
  hasQuiz: boolean,
): TrainingSessionSummary {
  return {
    id: s.id,
    siteId: s.site_id,
    courseId: s.course_id,
    kind: s.kind as TrainingKind,
    courseNameZh: course?.name_zh ?? '',
    courseNameEn: course?.name_en ?? '',
    date: s.date,
    trainerName: s.trainer_name,
    invited: counts?.invited ?? 0,
    confirmed: counts?.confirmed ?? 0,
    hasQuiz,
    passMark: s.pass_mark,
    createdAt: s.created_at,
  };
}

const forAttendee = (q: TrainingQuizQuestionsTable) => ({
  id: q.id,
  position: q.position,
  source: q.source as QuestionSource,
  prompt: q.prompt,
  choices: JSON.parse(q.choices) as string[],
});
const withKey = (q: TrainingQuizQuestionsTable) => ({ ...forAttendee(q), correctIndex: q.correct_index });

async function summaries(db: Kysely<DB>, rows: TrainingSessionsTable[]): Promise<TrainingSessionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [courses, counts, questions] = await Promise.all([
    repo.findCoursesByIds(
      db,
      rows.map((r) => r.course_id),
    ),
    repo.inviteCounts(db, ids),
    repo.listQuestions(db, ids),
  ]);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const withQuiz = new Set(questions.map((q) => q.session_id));
  return rows.map((r) => summaryOf(r, courseById.get(r.course_id), counts.get(r.id), withQuiz.has(r.id)));
}

export async function listSessions(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<TrainingSessionSummary>> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const page = pageRequest(query, 'desc');
  const rows = await repo.listSessionRows(deps.db, siteId, page);
  return toPageBatched(rows, page, (r) => summaries(deps.db, r));
}

export async function getSession(deps: Deps, actor: Actor, siteId: string, sessionId: string): Promise<TrainingSessionDetail> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const session = await repo.findSession(deps.db, siteId, sessionId);
  if (!session) throw new AppError('TRAINING_SESSION_NOT_FOUND', { params: { sessionId } });
  const [[summary], invites, questions, attempts] = await Promise.all([
    summaries(deps.db, [session]),
    repo.listInvites(deps.db, sessionId),
    repo.listQuestions(deps.db, [sessionId]),
    repo.listAttemptsOfSession(deps.db, sessionId),
  ]);
  const names = await findPersonNames(
    deps.db,
    invites.map((i) => i.person_id),
  );
  const attemptOf = new Map(attempts.map((a) => [a.person_id, a]));
  return {
    ...summary!,
    material: session.material,
    photoIds: JSON.parse(session.photo_ids) as string[],
    attendees: invites
      .map((i) => {
        const a = attemptOf.get(i.person_id);
        return {
          personId: i.person_id,
          name: names.get(i.person_id) ?? '',
          confirmedAt: i.confirmed_at,
          quizScore: a?.score ?? null,
          quizPassed: a ? a.passed === 1 : null,
        };
      })
      .sort((x, y) => x.name.localeCompare(y.name)),
    questions: questions.map(withKey),
  };
}

// ---------- the attendee's phone ----------

async function myView(
  db: Kysely<DB>,
  personId: string,
  rows: (TrainingSessionsTable & { confirmed_at: number | null })[],
): Promise<MyTrainingSession[]> {
  const base = await summaries(db, rows);
  const ids = rows.map((r) => r.id);
  const [questions, attempts] = await Promise.all([repo.listQuestions(db, ids), repo.listAttemptsOfPersonSessions(db, personId, ids)]);
  const attemptOf = new Map(attempts.map((a) => [a.session_id, a]));
  return rows.map((r, i) => {
    const a = attemptOf.get(r.id);
    return {
      ...base[i]!,
      material: r.material,
      photoIds: JSON.parse(r.photo_ids) as string[],
      confirmedAt: r.confirmed_at,
      questions: questions.filter((q) => q.session_id === r.id).map(forAttendee),
      result: a ? { score: a.score, passed: a.passed === 1, correct: a.correct, total: a.total } : null,
    };
  });
}

export async function listMySessions(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<MyTrainingSession>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  const rows = await repo.listSessionRowsOfPerson(deps.db, siteId, actor.personId, page);
  return toPageBatched(rows, page, (r) => myView(deps.db, actor.personId, r));
}

async function findMyInvite(db: Kysely<DB>, siteId: string, sessionId: string, personId: string) {
  const session = await repo.findSession(db, siteId, sessionId);
  if (!session) throw new AppError('TRAINING_SESSION_NOT_FOUND', { params: { sessionId } });
  const invite = await repo.findInvite(db, sessionId, personId);
  if (!invite) throw new AppError('TRAINING_NOT_INVITED', { message: 'Only invited attendees confirm or take the quiz', params: { sessionId } });
  return { session, invite };
}

/**
 * The attendee confirms on their own phone; confirming writes their training record (what the
 * roster's pre-job rule and the month's count read). Confirming again is idempotent: the first
 * confirmation stands and no second record is written (`alreadyConfirmed: true`).
 */
export async function confirmAttendance(deps: Deps, actor: Actor, siteId: string, sessionId: string) {
  requireSiteMember(actor, siteId);
  const { session } = await findMyInvite(deps.db, siteId, sessionId, actor.personId);
  const course = await repo.findCourse(deps.db, actor.companyId, session.course_id);
  return inTransaction(deps, async (tx) => {
    const confirmedNow = await repo.markInviteConfirmed(tx.trx, sessionId, actor.personId, tx.now);
    if (!confirmedNow) {
      const invite = await repo.findInvite(tx.trx, sessionId, actor.personId);
      return { sessionId, confirmedAt: invite?.confirmed_at ?? tx.now, alreadyConfirmed: true };
    }
    await repo.insertTrainingRecord(tx.trx, {
      id: newId(tx.now),
      company_id: actor.companyId,
      person_id: actor.personId,
      kind: session.kind,
      topic: course?.name_zh ?? session.trainer_name,
      completed_at: tx.now,
      recorded_by: actor.personId,
      site_id: siteId,
      session_id: sessionId,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training_session.confirm',
      entityType: 'training_session',
      entityId: sessionId,
      detail: {},
    });
    emitChange(tx, siteId, sessionId, actor.personId);
    return { sessionId, confirmedAt: tx.now, alreadyConfirmed: false };
  });
}

function emitChange(tx: Tx, siteId: string, sessionId: string, personId: string): void {
  tx.emit({ siteId }, 'training.changed', { sessionId, personId });
  tx.emit({ personId, siteId }, 'training.changed', { sessionId, personId });
}

/** Auto-graded against the session's pass mark; answered once (a second answer: 409 QUIZ_ALREADY_TAKEN). */
export async function submitQuiz(deps: Deps, actor: Actor, siteId: string, sessionId: string, answers: readonly number[]): Promise<QuizResult> {
  requireSiteMember(actor, siteId);
  const { session, invite } = await findMyInvite(deps.db, siteId, sessionId, actor.personId);
  const questions = await repo.listQuestions(deps.db, [sessionId]);
  if (session.pass_mark === null || questions.length === 0) throw new AppError('QUIZ_NOT_FOUND', { params: { sessionId } });
  if (invite.confirmed_at === null)
    throw new AppError('TRAINING_NOT_CONFIRMED', { message: 'Confirm your attendance before the quiz', params: { sessionId } });
  if (answers.length !== questions.length)
    throw new AppError('QUIZ_ANSWERS_MISMATCH', {
      message: 'One answer per question',
      params: { expected: questions.length, got: answers.length },
    });
  const passMark = session.pass_mark;
  const grade = gradeQuiz(
    questions.map((q) => q.correct_index),
    answers,
    passMark,
  );
  const taken = () => new AppError('QUIZ_ALREADY_TAKEN', { message: 'This quiz was already answered', params: { sessionId } });
  try {
    return await inTransaction(deps, async (tx) => {
      if (await repo.findAttempt(tx.trx, sessionId, actor.personId)) throw taken();
      await repo.insertAttempt(tx.trx, {
        id: newId(tx.now),
        session_id: sessionId,
        site_id: siteId,
        person_id: actor.personId,
        answers: JSON.stringify(answers),
        correct: grade.correct,
        total: grade.total,
        score: grade.score,
        passed: grade.passed ? 1 : 0,
        submitted_at: tx.now,
      });
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'training_quiz.submit',
        entityType: 'training_session',
        entityId: sessionId,
        detail: { score: grade.score, passed: grade.passed },
      });
      emitChange(tx, siteId, sessionId, actor.personId);
      return { ...grade, passMark };
    });
  } catch (err) {
    // The same answer sent twice at once: the unique (session, person) keeps only the first.
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

// ---------- the month ----------

export async function getTrainingMonth(deps: Deps, actor: Actor, siteId: string, month: string | undefined): Promise<TrainingMonth> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const timeZone = await siteTimeZone(deps.db, siteId);
  const now = deps.clock.now();
  return readTrainingMonth(deps.db, siteId, month ?? monthOf(now, timeZone), now, timeZone);
}

// ---------- settings ----------

export async function getTrainingSettings(deps: Deps, actor: Actor, siteId: string): Promise<TrainingSettings> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  return { preJobGate: await preJobGateOf(deps.db, siteId) };
}

export async function updateTrainingSettings(deps: Deps, actor: Actor, siteId: string, input: TrainingSettings): Promise<TrainingSettings> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const timeZone = await siteTimeZone(deps.db, siteId);
  return inTransaction(deps, async (tx) => {
    await repo.upsertPreJobGate(tx.trx, siteId, input.preJobGate, tx.now);
    await scheduleOnJobFlag(tx, siteId, timeZone);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training_settings.update',
      entityType: 'site',
      entityId: siteId,
      detail: { ...input },
    });
    tx.emit({ siteId }, 'roster.changed', { dates: [] });
    return { preJobGate: input.preJobGate };
  });
}

// ---------- certificates ----------

function todayOn(deps: Deps, timeZone: string): string {
  return localParts(deps.clock.now(), timeZone).date;
}

export async function listCertificates(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: PageQuery & { personId?: string },
): Promise<PageOf<Certificate>> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const today = todayOn(deps, await siteTimeZone(deps.db, siteId));
  const page = pageRequest(query);
  const rows = await repo.listCertificateRows(deps.db, siteId, page, query.personId);
  return toPageBatched(rows, page, async (list) => {
    const names = await findPersonNames(
      deps.db,
      list.map((r) => r.person_id),
    );
    return list.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: names.get(r.person_id) ?? '',
      kind: r.kind as CertificateKind,
      number: r.number,
      expiresOn: r.expires_on,
      isExpired: r.expires_on < today,
    }));
  });
}

export async function recordCertificate(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { personId: string; kind: CertificateKind; number?: string; expiresOn: string },
): Promise<Certificate> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  if (!CERTIFICATE_KINDS.includes(input.kind)) throw new AppError('VALIDATION_FAILED', { params: { kind: input.kind } });
  await assertMember(deps.db, siteId, input.personId);
  const timeZone = await siteTimeZone(deps.db, siteId);
  return inTransaction(deps, async (tx) => {
    const row = {
      id: newId(tx.now),
      site_id: siteId,
      person_id: input.personId,
      kind: input.kind,
      number: (input.number ?? '').trim(),
      expires_on: input.expiresOn,
      recorded_by: actor.personId,
      created_at: tx.now,
    };
    await repo.insertCertificate(tx.trx, row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'certificate.record',
      entityType: 'person',
      entityId: input.personId,
      detail: { kind: input.kind, expiresOn: input.expiresOn },
    });
    tx.emit({ siteId }, 'roster.changed', { dates: [] });
    const names = await findPersonNames(tx.trx, [input.personId]);
    return {
      id: row.id,
      personId: row.person_id,
      personName: names.get(row.person_id) ?? '',
      kind: input.kind,
      number: row.number,
      expiresOn: row.expires_on,
      isExpired: row.expires_on < localParts(tx.now, timeZone).date,
    };
  });
}

export async function deleteCertificate(deps: Deps, actor: Actor, siteId: string, certificateId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const row = await repo.findCertificate(deps.db, siteId, certificateId);
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND', { params: { certificateId } });
  await inTransaction(deps, async (tx) => {
    await repo.deleteCertificateRow(tx.trx, certificateId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'certificate.delete',
      entityType: 'person',
      entityId: row.person_id,
      detail: { kind: row.kind },
    });
    tx.emit({ siteId }, 'roster.changed', { dates: [] });
  });
}
