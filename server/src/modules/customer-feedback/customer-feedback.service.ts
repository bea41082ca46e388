/**
 * The two customer feedback forms of the manual (sop-library section C, 客户信息收集反馈): the
 * model-room guide's 样板房客户反馈表 and the car park's 车场岗客户信息反馈表. A sibling of the
 * customer opinions (shift-forms): filed from the phone during or after the shift, with an id the
 * phone chose so a resend is stored once, and read by the site's overseers in the console and in
 * the day's customer summary.
 */
import {
  MODEL_ROOM_TOPICS,
  POST_DUTIES,
  ROLE_GROUPS,
  type FeedbackForm,
  type FeedbackFormKind,
  type FeedbackFormListQuery,
  type ModelRoomAnswers,
  type ModelRoomFeedbackBody,
  type PageOf,
  type ParkingAnswers,
  type ParkingFeedbackBody,
  type PostDuty,
  type Role,
  type TopicView,
} from '@anchang/contracts';
import type { CustomerFeedbackFormsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { writeOnce } from '../../platform/idempotent.js';
import { localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, requirePostDuty } from '../people/index.js';
import { findPostsByIds } from '../posts/index.js';
import { findShiftRow } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { checkPlate, findVisitRecord, maskPlate } from '../visits/index.js';
import { answersOf } from './customer-feedback.rules.js';
import { findFormById, findFormRow, insertFormRow, listFormRows } from './customer-feedback.repository.js';
import { scheduleDailyCustomerSummary } from './customer-summary.jobs.js';

const NO_VIEW: TopicView = { rating: null, note: '' };

export async function toFeedbackForms(deps: Pick<Deps, 'db'>, rows: CustomerFeedbackFormsTable[]): Promise<FeedbackForm[]> {
  const [people, posts] = await Promise.all([
    findPersonNames(
      deps.db,
      rows.map((r) => r.person_id),
    ),
    findPostsByIds(
      deps.db,
      rows.flatMap((r) => (r.post_id ? [r.post_id] : [])),
    ),
  ]);
  const postNames = new Map(posts.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    kind: r.kind as FeedbackFormKind,
    date: r.date,
    shiftId: r.shift_id,
    postId: r.post_id,
    postName: r.post_id ? (postNames.get(r.post_id) ?? null) : null,
    personId: r.person_id,
    personName: people.get(r.person_id) ?? '',
    visitId: r.visit_id,
    ...answersOf(r),
    createdAt: r.created_at,
  }));
}

interface Envelope {
  id: string;
  shiftId?: string;
  visitId?: string;
}

/**
 * Files one form: checks the sender's post, the shift (theirs) and the visit (this site's), then
 * writes the row, its audit line and its event in one transaction, and books the site's daily
 * summary (a no-op once booked). A resend of the same id answers with what was stored.
 */
async function fileForm(
  deps: Deps,
  actor: Actor,
  siteId: string,
  kind: FeedbackFormKind,
  duty: PostDuty,
  envelope: Envelope,
  content: { intention: string | null; answers: ModelRoomAnswers | ParkingAnswers },
): Promise<{ form: FeedbackForm; created: boolean }> {
  await requirePostDuty(deps.db, actor, siteId, duty);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findFormById(deps.db, envelope.id);
      if (stored && (stored.person_id !== actor.personId || stored.site_id !== siteId || stored.kind !== kind))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const site = await findSiteRow(deps.db, siteId);
      if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
      let shift: { post_id: string; date: string } | null = null;
      if (envelope.shiftId) {
        const row = await findShiftRow(deps.db, siteId, envelope.shiftId);
        if (!row || row.person_id !== actor.personId) throw new AppError('SHIFT_NOT_FOUND', { params: { shiftId: envelope.shiftId } });
        shift = row;
      }
      if (envelope.visitId && !(await findVisitRecord(deps.db, siteId, envelope.visitId)))
        throw new AppError('VISIT_NOT_FOUND', { params: { visitId: envelope.visitId } });
      return inTransaction(deps, async (tx) => {
        const row: CustomerFeedbackFormsTable = {
          id: envelope.id,
          site_id: siteId,
          kind,
          // Filed after the shift, the form still belongs to the shift's day.
          date: shift?.date ?? localParts(tx.now, site.time_zone).date,
          shift_id: envelope.shiftId ?? null,
          post_id: shift?.post_id ?? null,
          person_id: actor.personId,
          visit_id: envelope.visitId ?? null,
          intention: content.intention,
          answers: JSON.stringify(content.answers),
          created_at: tx.now,
        };
        await insertFormRow(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: `feedback_form.${kind}`,
          entityType: 'customer_feedback_form',
          entityId: row.id,
          detail: { visitId: row.visit_id, intention: row.intention },
        });
        await scheduleDailyCustomerSummary(tx, site);
        tx.emit({ siteId }, 'feedback_form.created', { formId: row.id, kind, postId: row.post_id });
        return row;
      });
    },
  );
  return { form: (await toFeedbackForms(deps, [value]))[0]!, created };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

export function recordModelRoomFeedback(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: ModelRoomFeedbackBody,
): Promise<{ form: FeedbackForm; created: boolean }> {
  const views = Object.fromEntries(
    MODEL_ROOM_TOPICS.map((topic) => {
      const v = input.views[topic] ?? NO_VIEW;
      return [topic, { rating: v.rating, note: v.note.trim() }];
    }),
  ) as ModelRoomAnswers['views'];
  // A paper form with no view on it is not a form: at least one topic is rated or noted.
  if (!MODEL_ROOM_TOPICS.some((t) => views[t].rating !== null || views[t].note !== ''))
    throw new AppError('FEEDBACK_FORM_EMPTY', {
      message: 'Rate or note at least one of the model room, the unit, the price or the service',
    });
  const answers: ModelRoomAnswers = {
    customerRef: trimmed(input.customerRef),
    unitType: trimmed(input.unitType),
    views,
    intention: input.intention,
    notes: trimmed(input.notes),
  };
  return fileForm(deps, actor, siteId, 'model_room', POST_DUTIES.modelRoomFeedback, input, { intention: input.intention, answers });
}

export function recordParkingFeedback(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: ParkingFeedbackBody,
): Promise<{ form: FeedbackForm; created: boolean }> {
  const askKind = input.askKind ?? 'none';
  const askText = trimmed(input.askText);
  if (askKind !== 'none' && askText === '')
    throw new AppError('FEEDBACK_ASK_TEXT_REQUIRED', { message: 'Write down the request or complaint', params: { askKind } });
  let plateMasked: string | null = null;
  if (trimmed(input.plate) !== '') {
    const check = checkPlate(input.plate!);
    if (!check.ok) throw new AppError('FEEDBACK_PLATE_INVALID', { message: 'Not a plate', params: { rule: check.rule } });
    plateMasked = maskPlate(check.plate);
  }
  const answers: ParkingAnswers = {
    origin: trimmed(input.origin),
    channel: input.channel,
    plateMasked,
    partySize: input.partySize ?? null,
    askKind,
    askText: askKind === 'none' ? '' : askText,
    remarks: trimmed(input.remarks),
  };
  return fileForm(deps, actor, siteId, 'parking', POST_DUTIES.parkingFeedback, input, { intention: null, answers });
}

/**
 * Overseers read every form of the site; staff only what they filed. The client's viewer and the
 * sales consultants read none: the forms hold what customers said to the posts, and reach the
 * client through the monthly report's figures.
 */
const FORM_READERS: readonly Role[] = [...ROLE_GROUPS.overseers, 'staff'];

export async function listFeedbackForms(deps: Deps, actor: Actor, siteId: string, query: FeedbackFormListQuery): Promise<PageOf<FeedbackForm>> {
  const role = requireSiteRole(actor, siteId, FORM_READERS);
  const page = pageRequest(query, 'desc');
  const personId = ROLE_GROUPS.overseers.includes(role) ? undefined : actor.personId;
  const rows = await listFormRows(deps.db, siteId, page, {
    kind: query.kind,
    postId: query.postId,
    fromDate: query.from,
    toDate: query.to,
    personId,
  });
  return toPageBatched(rows, page, (r) => toFeedbackForms(deps, r));
}

export async function getFeedbackForm(deps: Deps, actor: Actor, siteId: string, formId: string): Promise<FeedbackForm> {
  const role = requireSiteRole(actor, siteId, FORM_READERS);
  const row = await findFormRow(deps.db, siteId, formId);
  if (!row || (!ROLE_GROUPS.overseers.includes(role) && row.person_id !== actor.personId))
    throw new AppError('FEEDBACK_FORM_NOT_FOUND', { params: { formId } });
  return (await toFeedbackForms(deps, [row]))[0]!;
}
