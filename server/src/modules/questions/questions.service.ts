/**
 * GUARD-IN-7 (不能回答的问题引导给销售人员解答): whoever cannot answer a customer asks on the visit;
 * the visit's consultant is rung, or every consultant of the site when no one has taken the guests
 * yet; the first consultant to answer answers for all, and the time it took is kept.
 */
import type { PageOf, Question, QuestionListQuery, QuestionParty } from '@anchang/contracts';
import type { VisitQuestionsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { writeOnce } from '../../platform/idempotent.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { findVisitRecord, findVisitRecords, maskPlate } from '../visits/index.js';
import { mayAnswer, QUESTION_ANSWERERS, QUESTION_ASKERS } from './questions.policy.js';
import { answerQuestionRow, findQuestionById, listQuestionRows } from './questions.repository.js';

async function toQuestions(deps: Pick<Deps, 'db'>, rows: VisitQuestionsTable[]): Promise<Question[]> {
  const names = await findPersonNames(deps.db, [...new Set(rows.flatMap((r) => [r.asked_by, ...(r.answered_by ? [r.answered_by] : [])]))]);
  const visits = new Map<string, QuestionParty>();
  for (const siteId of new Set(rows.map((r) => r.site_id))) {
    const ids = [...new Set(rows.filter((r) => r.site_id === siteId).map((r) => r.visit_id))];
    for (const v of await findVisitRecords(deps.db, siteId, ids))
      visits.set(v.id, { size: v.party_size, plateMasked: maskPlate(v.plate), arrivedAt: v.arrived_at });
  }
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    visitId: r.visit_id,
    party: visits.get(r.visit_id) ?? null,
    text: r.text,
    askedBy: r.asked_by,
    askedByName: names.get(r.asked_by) ?? '',
    askedAt: r.asked_at,
    toPersonId: r.to_person_id,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredByName: r.answered_by ? (names.get(r.answered_by) ?? null) : null,
    answeredAt: r.answered_at,
    answerMs: r.answer_ms,
  }));
}

export async function askQuestion(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  input: { id: string; text: string },
): Promise<{ question: Question; created: boolean }> {
  requireSiteRole(actor, siteId, QUESTION_ASKERS);
  const visit = await findVisitRecord(deps.db, siteId, visitId);
  if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findQuestionById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.visit_id !== visitId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      // Asked after the guests left is still worth an answer (a call back), so only a known visit is required.
      return inWriteBatch(deps, async (tx) => {
        const row: VisitQuestionsTable = {
          id: input.id,
          site_id: siteId,
          visit_id: visitId,
          text: input.text.trim(),
          asked_by: actor.personId,
          asked_at: tx.now,
          to_person_id: visit.consultant_id,
          answer: null,
          answered_by: null,
          answered_at: null,
          answer_ms: null,
        };
        tx.deferInsert('visit_questions', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'question.ask',
          entityType: 'visit',
          entityId: visitId,
          detail: { questionId: row.id },
        });
        // Site room, ids only: the consultants' phones ring and fetch the text; the others refetch.
        tx.emit({ siteId }, 'question.asked', { questionId: row.id, visitId, toPersonId: row.to_person_id });
        return row;
      });
    },
    { readFirst: false },
  );
  return { question: (await toQuestions(deps, [value]))[0]!, created };
}

export async function answerQuestion(deps: Deps, actor: Actor, siteId: string, questionId: string, input: { text: string }): Promise<Question> {
  requireSiteRole(actor, siteId, QUESTION_ANSWERERS);
  const question = await findQuestionById(deps.db, questionId);
  if (!question || question.site_id !== siteId) throw new AppError('QUESTION_NOT_FOUND', { params: { questionId } });
  if (!mayAnswer(question, actor.personId))
    throw new AppError('QUESTION_NOT_FOR_YOU', { message: 'This question was sent to another consultant', params: { questionId } });
  const text = input.text.trim();
  await inTransaction(deps, async (tx) => {
    const answered = await answerQuestionRow(tx.trx, questionId, {
      answer: text,
      answered_by: actor.personId,
      answered_at: tx.now,
      answer_ms: Math.max(0, tx.now - question.asked_at),
    });
    if (answered === 0) {
      const first = await findQuestionById(tx.trx, questionId);
      // The same answer sent again after a lost reply: already recorded.
      if (first?.answered_by === actor.personId && first.answer === text) return;
      throw new AppError('QUESTION_ALREADY_ANSWERED', { message: 'This question has been answered', params: { questionId } });
    }
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'question.answer',
      entityType: 'visit',
      entityId: question.visit_id,
      detail: { questionId, answerMs: Math.max(0, tx.now - question.asked_at) },
    });
    tx.emit({ siteId }, 'question.answered', { questionId, visitId: question.visit_id, askedBy: question.asked_by });
  });
  return (await toQuestions(deps, [(await findQuestionById(deps.db, questionId))!]))[0]!;
}

export async function listQuestions(deps: Deps, actor: Actor, siteId: string, query: QuestionListQuery): Promise<PageOf<Question>> {
  requireSiteRole(actor, siteId, QUESTION_ASKERS);
  const page = pageRequest(query, 'desc');
  const rows = await listQuestionRows(deps.db, siteId, page, {
    isAnswered: query.status === undefined ? undefined : query.status === 'answered',
    forPersonId: query.to === 'me' ? actor.personId : undefined,
    visitId: query.visitId,
    askedSince: query.askedSince,
  });
  return toPageBatched(rows, page, (batch) => toQuestions(deps, batch));
}
