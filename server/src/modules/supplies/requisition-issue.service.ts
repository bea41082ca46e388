/**
 * Approved post-shift requisitions (HALL-POST-2) as the storekeeper sees them, and issuing one:
 * once, from one store, through the stock ledger.
 */
import type { IssueRequisitionBody, PageOf, RequisitionToIssue, RequisitionsToIssueQuery, StockBatch } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames } from '../people/index.js';
import { findRequisitionRow, listApprovedRequisitionRows } from '../shift-forms/index.js';
import { toBatch, writeRefusalsAudited } from './stock-ledger.service.js';
import { STOCK_KEEPERS } from './supplies.policy.js';
import * as repo from './supplies.repository.js';

/** Approved requisitions, to issue or already issued. */
export async function requisitionsToIssue(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: Static<typeof RequisitionsToIssueQuery>,
): Promise<PageOf<RequisitionToIssue>> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listApprovedRequisitionRows(deps.db, siteId, page, query.issued), page, async (rows) => {
    // Whether and when comes with the requisition; from which store, from the issuing batch.
    const [names, stores] = await Promise.all([
      findPersonNames(
        deps.db,
        rows.map((r) => r.requested_by),
      ),
      repo.findIssuingStoresOfRequisitions(
        deps.db,
        rows.flatMap((r) => (r.issued_at === null ? [] : [r.id])),
      ),
    ]);
    const storeName = new Map(stores.map((s) => [s.requisition_id, s.store_name]));
    return rows.map((r) => ({
      requisitionId: r.id,
      requestedByName: names.get(r.requested_by) ?? '',
      lines: (JSON.parse(r.lines) as { name: string; quantity: number; unit: string; itemId?: string }[]).map((l) => ({
        name: l.name,
        quantity: l.quantity,
        unit: l.unit,
        itemId: l.itemId ?? null,
      })),
      note: r.note,
      decidedAt: r.decided_at,
      createdAt: r.created_at,
      issuedAt: r.issued_at,
      issuedFromStoreName: storeName.get(r.id) ?? null,
    }));
  });
}

/**
 * Issues an approved requisition from a store: every line must name a supply item. A batch's
 * requisition_id is unique, so it is issued once whoever presses the button: the loser of a race
 * gets the winner's batch back (writeOnce).
 */
export async function issueRequisition(
  deps: Deps,
  actor: Actor,
  siteId: string,
  requisitionId: string,
  input: Static<typeof IssueRequisitionBody>,
): Promise<{ batch: StockBatch; created: boolean }> {
  requireSiteRole(actor, siteId, STOCK_KEEPERS);
  const req = await findRequisitionRow(deps.db, siteId, requisitionId);
  if (!req) throw new AppError('REQUISITION_NOT_FOUND', { params: { requisitionId } });
  const issued = await repo.findBatchForRequisition(deps.db, requisitionId);
  if (issued) throw new AppError('REQUISITION_ALREADY_ISSUED', { params: { requisitionId, at: issued.at } });
  if (req.status !== 'approved') throw new AppError('REQUISITION_NOT_APPROVED', { params: { requisitionId, status: req.status } });
  const lines = JSON.parse(req.lines) as { name: string; quantity: number; itemId?: string }[];
  const unlinked = lines.filter((l) => !l.itemId).map((l) => l.name);
  if (unlinked.length > 0) throw new AppError('REQUISITION_LINE_NOT_LINKED', { params: { names: unlinked } });
  // Two lines may ask for the same item: the store issues their sum.
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.itemId!, (wanted.get(l.itemId!) ?? 0) + l.quantity);
  const { value, created } = await writeOnce(
    () => repo.findBatchForRequisition(deps.db, requisitionId),
    () =>
      writeRefusalsAudited(deps, actor, siteId, {
        id: newId(),
        kind: 'issue',
        storeId: input.storeId,
        requisitionId,
        requestedBy: req.requested_by,
        note: input.note?.trim() || req.note,
        changes: [...wanted].map(([itemId, quantity]) => ({ itemId, delta: -quantity })),
      }),
  );
  return { batch: await toBatch(deps, value), created };
}
