/**
 * Anomalies (异常登记): found at any check, reported to the superior. They reach the
 * supervisor and the site manager live; they acknowledge, assign and resolve, and the reporter
 * sees the outcome. An equipment fault is marked as needing repair, for the work orders.
 */
import type { Anomaly, PageOf, Text } from '@anchang/contracts';
import type { AnomaliesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { roleOn, requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, isSiteMember } from '../people/index.js';
import { findPostRow, findPostsByIds } from '../posts/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { ANOMALY_HANDLERS } from './anomalies.policy.js';
import { findAnomalyById, findAnomalyRow, insertAnomaly, listAnomalyRows, updateAnomalyRow } from './anomalies.repository.js';

export type AnomalyCategory = 'equipment' | 'supplies' | 'environment' | 'other';

async function toAnomalies(deps: Pick<Deps, 'db'>, rows: AnomaliesTable[]): Promise<Anomaly[]> {
  const [names, posts] = await Promise.all([
    findPersonNames(
      deps.db,
      rows.flatMap((r) => [r.reported_by, ...(r.assigned_to ? [r.assigned_to] : [])]),
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
    shiftId: r.shift_id,
    postId: r.post_id,
    postName: r.post_id ? (postNames.get(r.post_id) ?? null) : null,
    itemId: r.item_id,
    itemText: JSON.parse(r.item_text) as Text,
    category: r.category as AnomalyCategory,
    note: r.note,
    photoId: r.photo_id,
    needsRepair: r.needs_repair === 1,
    status: r.status as Anomaly['status'],
    reportedBy: r.reported_by,
    reportedByName: names.get(r.reported_by) ?? '',
    reportedAt: r.reported_at,
    acknowledgedAt: r.acknowledged_at,
    assignedTo: r.assigned_to,
    assignedToName: r.assigned_to ? (names.get(r.assigned_to) ?? null) : null,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    updatedAt: r.updated_at,
  }));
}

export interface RaiseAnomalyInput {
  /** The phone's id for an anomaly reported on the spot; one is made for a checklist's. */
  id?: string;
  siteId: string;
  shiftId: string | null;
  postId: string | null;
  itemId: string | null;
  itemText: Text;
  category: AnomalyCategory;
  note: string;
  photoId: string | null;
  reportedAt: number;
}

/** Records an anomaly inside the caller's transaction and announces it to the site. */
export async function raiseAnomaly(tx: Tx, actor: Actor, input: RaiseAnomalyInput): Promise<string> {
  const id = input.id ?? newId();
  await insertAnomaly(tx.trx, {
    id,
    site_id: input.siteId,
    shift_id: input.shiftId,
    post_id: input.postId,
    item_id: input.itemId,
    item_text: JSON.stringify(input.itemText),
    category: input.category,
    note: input.note,
    photo_id: input.photoId,
    needs_repair: input.category === 'equipment' ? 1 : 0,
    status: 'open',
    reported_by: actor.personId,
    reported_at: input.reportedAt,
    acknowledged_by: null,
    acknowledged_at: null,
    assigned_to: null,
    resolved_by: null,
    resolved_at: null,
    resolution: null,
    updated_at: tx.now,
  });
  await recordAudit(tx, actorRef(actor), {
    siteId: input.siteId,
    action: 'anomaly.report',
    entityType: 'anomaly',
    entityId: id,
    detail: { itemId: input.itemId, category: input.category, postId: input.postId },
  });
  // Ids only: staff of the site see just their own anomalies; the overseers fetch it by id.
  tx.emit({ siteId: input.siteId }, 'anomaly.created', { anomalyId: id, postId: input.postId });
  return id;
}

/** An anomaly seen on the spot, outside any checklist (a leak, a broken lamp). */
export async function reportAnomaly(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; postId?: string; category: AnomalyCategory; note: string; photoId?: string },
): Promise<{ anomaly: Anomaly; created: boolean }> {
  requireSiteMember(actor, siteId);
  const post = input.postId ? await findPostRow(deps.db, siteId, input.postId) : undefined;
  if (input.postId && !post) throw new AppError('POST_NOT_FOUND', { params: { postId: input.postId } });
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  // The phone's id: a report resent after a lost answer is the same anomaly, not a second one.
  const stored = async () => {
    const row = await findAnomalyById(deps.db, input.id);
    if (row && (row.reported_by !== actor.personId || row.site_id !== siteId))
      throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return row?.id;
  };
  const { value: id, created } = await writeOnce(stored, () =>
    inTransaction(deps, (tx) =>
      raiseAnomaly(tx, actor, {
        id: input.id,
        siteId,
        shiftId: null,
        postId: post?.id ?? null,
        itemId: null,
        itemText: { zh: '现场异常登记', en: 'On-the-spot anomaly' },
        category: input.category,
        note: input.note.trim(),
        photoId: input.photoId ?? null,
        reportedAt: tx.now,
      }),
    ),
  );
  return { anomaly: await getAnomaly(deps, actor, siteId, id), created };
}

function canHandle(actor: Actor, siteId: string): boolean {
  const role = roleOn(actor, siteId);
  return role !== null && ANOMALY_HANDLERS.includes(role);
}

export async function listAnomalies(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; status?: string; mine?: boolean },
): Promise<PageOf<Anomaly>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  // Staff see the anomalies they reported; their superiors see the site's.
  const reportedBy = query.mine || !canHandle(actor, siteId) ? actor.personId : undefined;
  const rows = await listAnomalyRows(deps.db, siteId, page, { status: query.status, reportedBy });
  return toPageBatched(rows, page, (pageRows) => toAnomalies(deps, pageRows));
}

export async function getAnomaly(deps: Deps, actor: Actor, siteId: string, anomalyId: string): Promise<Anomaly> {
  requireSiteMember(actor, siteId);
  const row = await findAnomalyRow(deps.db, siteId, anomalyId);
  if (!row || (!canHandle(actor, siteId) && row.reported_by !== actor.personId && row.assigned_to !== actor.personId)) {
    throw new AppError('ANOMALY_NOT_FOUND', { params: { anomalyId } });
  }
  return (await toAnomalies(deps, [row]))[0]!;
}

export async function handleAnomaly(
  deps: Deps,
  actor: Actor,
  siteId: string,
  anomalyId: string,
  input: { action: 'acknowledge' | 'assign' | 'resolve'; assignedTo?: string; resolution?: string; needsRepair?: boolean },
): Promise<Anomaly> {
  requireSiteRole(actor, siteId, ANOMALY_HANDLERS);
  const row = await findAnomalyRow(deps.db, siteId, anomalyId);
  if (!row) throw new AppError('ANOMALY_NOT_FOUND', { params: { anomalyId } });
  if (row.status === 'resolved') throw new AppError('ANOMALY_ALREADY_RESOLVED', { message: 'This anomaly is already resolved' });
  if (input.action === 'assign') {
    if (!input.assignedTo) throw new AppError('VALIDATION_FAILED', { message: 'Say who it is assigned to', params: { field: 'assignedTo' } });
    if (!(await isSiteMember(deps.db, siteId, input.assignedTo))) throw new AppError('PERSON_NOT_FOUND', { params: { personId: input.assignedTo } });
  }
  if (input.action === 'resolve' && !input.resolution?.trim())
    throw new AppError('NOTE_REQUIRED', { message: 'Say how it was resolved', params: { field: 'resolution' } });

  await inTransaction(deps, async (tx) => {
    const patch: Partial<AnomaliesTable> = { updated_at: tx.now };
    if (input.needsRepair !== undefined) patch.needs_repair = input.needsRepair ? 1 : 0;
    if (input.action === 'acknowledge' || !row.acknowledged_at) {
      patch.acknowledged_by = row.acknowledged_by ?? actor.personId;
      patch.acknowledged_at = row.acknowledged_at ?? tx.now;
      patch.status = 'acknowledged';
    }
    if (input.action === 'assign') Object.assign(patch, { assigned_to: input.assignedTo, status: 'assigned' });
    if (input.action === 'resolve')
      Object.assign(patch, { resolved_by: actor.personId, resolved_at: tx.now, resolution: input.resolution!.trim(), status: 'resolved' });
    await updateAnomalyRow(tx.trx, anomalyId, patch);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `anomaly.${input.action}`,
      entityType: 'anomaly',
      entityId: anomalyId,
      detail: { ...input },
    });
    const status = patch.status ?? row.status;
    tx.emit({ siteId }, 'anomaly.updated', { anomalyId, status });
    // The reporter sees the outcome on their phone, the assignee their new task.
    tx.emit({ personId: row.reported_by, siteId }, 'anomaly.updated', { anomalyId, status });
    if (input.action === 'assign' && input.assignedTo) tx.emit({ personId: input.assignedTo, siteId }, 'anomaly.updated', { anomalyId, status });
  });
  return getAnomaly(deps, actor, siteId, anomalyId);
}
