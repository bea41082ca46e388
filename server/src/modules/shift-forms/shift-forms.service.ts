import { ROLE_GROUPS } from '@anchang/contracts';
/**
 * The post-shift forms: the supply requisition (物资领用申请表) that goes to the manager for
 * approval, and the customer opinions (客户意见) each post collects, summarised per day for
 * the manager. Both carry an id chosen by the phone, so a resent form is stored once.
 */
import type { CustomerOpinion, OpinionDaySummary, PageOf, Requisition } from '@anchang/contracts';
import type { CustomerOpinionsTable, RequisitionsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { isValidDate, localParts } from '../../platform/site-time.js';
import { writeOnce } from '../../platform/idempotent.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { findPostsByIds } from '../posts/index.js';
import { findShiftRow } from '../shifts/index.js';
import { findSiteRow, SITE_MANAGERS } from '../sites/index.js';
import { assertSupplyItemsOnSite } from '../supplies/index.js';
import {
  decideRequisitionRow,
  findOpinionById,
  findRequisitionById,
  findRequisitionRow,
  listOpinionsOn,
  listRequisitionRows,
} from './shift-forms.repository.js';

async function names(deps: Deps, personIds: string[], postIds: (string | null)[]) {
  const [people, posts] = await Promise.all([
    findPersonNames(deps.db, personIds),
    findPostsByIds(
      deps.db,
      postIds.filter((p): p is string => !!p),
    ),
  ]);
  return { people, posts: new Map(posts.map((p) => [p.id, p.name])) };
}

async function toRequisitions(deps: Deps, rows: RequisitionsTable[]): Promise<Requisition[]> {
  const n = await names(
    deps,
    rows.map((r) => r.requested_by),
    rows.map((r) => r.post_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    shiftId: r.shift_id,
    postId: r.post_id,
    postName: r.post_id ? (n.posts.get(r.post_id) ?? null) : null,
    requestedBy: r.requested_by,
    requestedByName: n.people.get(r.requested_by) ?? '',
    lines: JSON.parse(r.lines) as Requisition['lines'],
    note: r.note,
    status: r.status as Requisition['status'],
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    createdAt: r.created_at,
  }));
}

/** The shift a form belongs to must be the sender's own, on this site. */
async function ownShiftPost(deps: Deps, actor: Actor, siteId: string, shiftId: string | undefined): Promise<string | null> {
  if (!shiftId) return null;
  const shift = await findShiftRow(deps.db, siteId, shiftId);
  if (!shift || shift.person_id !== actor.personId) throw new AppError('SHIFT_NOT_FOUND', { params: { shiftId } });
  return shift.post_id;
}

export async function createRequisition(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; shiftId?: string; lines: Requisition['lines']; note?: string },
): Promise<{ requisition: Requisition; created: boolean }> {
  requireSiteMember(actor, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findRequisitionById(deps.db, input.id);
      if (stored && (stored.requested_by !== actor.personId || stored.site_id !== siteId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const postId = await ownShiftPost(deps, actor, siteId, input.shiftId);
      // Lines that name a supply item can later be issued from a store.
      await assertSupplyItemsOnSite(
        deps,
        siteId,
        input.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])),
      );
      const row: RequisitionsTable = {
        id: input.id,
        site_id: siteId,
        shift_id: input.shiftId ?? null,
        post_id: postId,
        requested_by: actor.personId,
        lines: JSON.stringify(input.lines),
        note: (input.note ?? '').trim(),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: deps.clock.now(),
        issued_at: null,
      };
      await inWriteBatch(deps, async (tx) => {
        tx.deferInsert('requisitions', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'requisition.create',
          entityType: 'requisition',
          entityId: row.id,
          detail: { lines: input.lines },
        });
        tx.emit({ siteId }, 'requisition.changed', { requisitionId: row.id, status: 'pending' });
      });
      return row;
    },
  );
  return { requisition: (await toRequisitions(deps, [value]))[0]!, created };
}

export async function listRequisitions(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; status?: string },
): Promise<PageOf<Requisition>> {
  const role = requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  const requestedBy = ROLE_GROUPS.overseers.includes(role) ? undefined : actor.personId;
  const rows = await listRequisitionRows(deps.db, siteId, page, { status: query.status, requestedBy });
  return toPageBatched(rows, page, (r) => toRequisitions(deps, r));
}

export async function decideRequisition(
  deps: Deps,
  actor: Actor,
  siteId: string,
  id: string,
  input: { decision: 'approved' | 'rejected'; note?: string },
): Promise<Requisition> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const row = await findRequisitionRow(deps.db, siteId, id);
  if (!row) throw new AppError('REQUISITION_NOT_FOUND', { params: { requisitionId: id } });
  await inTransaction(deps, async (tx) => {
    const changed = await decideRequisitionRow(tx.trx, id, {
      status: input.decision,
      decided_by: actor.personId,
      decided_at: tx.now,
      decision_note: input.note?.trim() || null,
    });
    if (changed === 0)
      throw new AppError('REQUISITION_ALREADY_DECIDED', {
        message: 'This requisition was already decided',
        params: { status: row.status },
      });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `requisition.${input.decision}`,
      entityType: 'requisition',
      entityId: id,
      detail: { note: input.note ?? null },
    });
    tx.emit({ siteId }, 'requisition.changed', { requisitionId: id, status: input.decision });
    tx.emit({ personId: row.requested_by, siteId }, 'requisition.changed', { requisitionId: id, status: input.decision });
  });
  return (await toRequisitions(deps, [(await findRequisitionRow(deps.db, siteId, id))!]))[0]!;
}

async function toOpinions(deps: Deps, rows: CustomerOpinionsTable[]): Promise<CustomerOpinion[]> {
  const n = await names(
    deps,
    rows.map((r) => r.person_id),
    rows.map((r) => r.post_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    shiftId: r.shift_id,
    postId: r.post_id,
    postName: r.post_id ? (n.posts.get(r.post_id) ?? null) : null,
    personId: r.person_id,
    personName: n.people.get(r.person_id) ?? '',
    date: r.date,
    category: r.category as CustomerOpinion['category'],
    text: r.text,
    createdAt: r.created_at,
  }));
}

export async function recordOpinion(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; shiftId?: string; category: CustomerOpinion['category']; text: string },
): Promise<{ opinion: CustomerOpinion; created: boolean }> {
  requireSiteMember(actor, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findOpinionById(deps.db, input.id);
      if (stored && (stored.person_id !== actor.personId || stored.site_id !== siteId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const postId = await ownShiftPost(deps, actor, siteId, input.shiftId);
      const site = await findSiteRow(deps.db, siteId);
      const now = deps.clock.now();
      const row: CustomerOpinionsTable = {
        id: input.id,
        site_id: siteId,
        shift_id: input.shiftId ?? null,
        post_id: postId,
        person_id: actor.personId,
        date: localParts(now, site?.time_zone ?? 'Asia/Shanghai').date,
        category: input.category,
        text: input.text.trim(),
        created_at: now,
      };
      await inWriteBatch(deps, async (tx) => {
        tx.deferInsert('customer_opinions', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'opinion.create',
          entityType: 'customer_opinion',
          entityId: row.id,
          detail: { category: row.category },
        });
        tx.emit({ siteId }, 'opinion.created', { opinionId: row.id, postId });
      });
      return row;
    },
  );
  return { opinion: (await toOpinions(deps, [value]))[0]!, created };
}

/** 客户信息收集反馈: every post's customer information, summarised per day for the site manager. */
export async function opinionDaySummary(deps: Deps, actor: Actor, siteId: string, date: string): Promise<OpinionDaySummary> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  const opinions = await toOpinions(deps, await listOpinionsOn(deps.db, siteId, date));
  const groups = new Map<string, OpinionDaySummary['byPost'][number]>();
  for (const o of opinions) {
    const key = o.postId ?? 'none';
    const g = groups.get(key) ?? { postId: o.postId, postName: o.postName ?? '', count: 0, opinions: [] };
    g.count += 1;
    g.opinions.push(o);
    groups.set(key, g);
  }
  return { date, total: opinions.length, byPost: [...groups.values()].sort((a, b) => b.count - a.count) };
}
