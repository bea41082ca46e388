/**
 * Lost and found (遗失物品). HALL-IN-6: a found item is opened only with two staff present, so
 * opening takes two confirmations from two different people, each on their own phone; the
 * item goes back to its owner against the owner's signature. Unreturned items stay listed.
 */
import type { LostItem, PageOf, Signature } from '@anchang/contracts';
import type { LostItemsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, maskPhone } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { assertSigned } from '../signatures/index.js';
import { findLostItemById, findLostItemRow, listLostItemRows, updateLostItemIf } from './lost-found.repository.js';

async function toLostItems(deps: Pick<Deps, 'db'>, rows: LostItemsTable[]): Promise<LostItem[]> {
  const ids = rows.flatMap((r) => [
    r.found_by,
    ...(r.open_pending_by ? [r.open_pending_by] : []),
    ...(r.opened_by ? (JSON.parse(r.opened_by) as string[]) : []),
  ]);
  const names = await findPersonNames(deps.db, ids);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    what: r.what,
    whereFound: r.where_found,
    foundAt: r.found_at,
    foundBy: r.found_by,
    foundByName: names.get(r.found_by) ?? '',
    storagePlace: r.storage_place,
    status: r.status as LostItem['status'],
    openPendingBy: r.open_pending_by ? (names.get(r.open_pending_by) ?? '') : null,
    openedBy: r.opened_by ? (JSON.parse(r.opened_by) as string[]).map((id) => names.get(id) ?? '') : [],
    openedAt: r.opened_at,
    contents: r.contents,
    returnedTo: r.returned_to,
    returnedAt: r.returned_at,
    createdAt: r.created_at,
    photoId: r.photo_id,
  }));
}

async function load(deps: Deps, siteId: string, id: string): Promise<LostItemsTable> {
  const row = await findLostItemRow(deps.db, siteId, id);
  if (!row) throw new AppError('LOST_ITEM_NOT_FOUND', { params: { lostItemId: id } });
  return row;
}

export async function registerLostItem(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; what: string; whereFound: string; foundAt?: number; storagePlace: string; photoId?: string },
): Promise<{ item: LostItem; created: boolean }> {
  requireSiteMember(actor, siteId);
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findLostItemById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inWriteBatch(deps, async (tx) => {
        const row: LostItemsTable = {
          id: input.id,
          site_id: siteId,
          what: input.what.trim(),
          where_found: input.whereFound.trim(),
          found_at: Math.min(input.foundAt ?? tx.now, tx.now),
          found_by: actor.personId,
          storage_place: input.storagePlace.trim(),
          status: 'registered',
          open_pending_by: null,
          open_pending_at: null,
          opened_by: null,
          opened_at: null,
          contents: null,
          returned_to: null,
          returned_phone: null,
          return_signature: null,
          returned_by: null,
          returned_at: null,
          created_at: tx.now,
          photo_id: input.photoId ?? null,
        };
        tx.deferInsert('lost_items', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'lost_item.register',
          entityType: 'lost_item',
          entityId: row.id,
          detail: { what: row.what, storagePlace: row.storage_place },
        });
        tx.emit({ siteId }, 'lost_item.changed', { lostItemId: row.id, status: row.status, openPendingBy: null });
        return row;
      }),
  );
  return { item: (await toLostItems(deps, [value]))[0]!, created };
}

/** One of the two witnesses confirms the opening; the second, a different person, completes it. */
export async function confirmOpening(deps: Deps, actor: Actor, siteId: string, id: string, input: { contents?: string }): Promise<LostItem> {
  requireSiteMember(actor, siteId);
  const row = await load(deps, siteId, id);
  if (row.status === 'returned') throw new AppError('LOST_ITEM_RETURNED');
  if (row.status === 'opened') throw new AppError('LOST_ITEM_ALREADY_OPENED');
  if (row.open_pending_by === actor.personId) {
    throw new AppError('LOST_ITEM_SAME_PERSON', {
      message: 'A second colleague must confirm on their own phone',
      params: { lostItemId: id },
    });
  }
  await inTransaction(deps, async (tx) => {
    const first = row.open_pending_by === null;
    const patch: Partial<LostItemsTable> = first
      ? { open_pending_by: actor.personId, open_pending_at: tx.now }
      : {
          status: 'opened',
          opened_by: JSON.stringify([row.open_pending_by, actor.personId]),
          opened_at: tx.now,
          open_pending_by: null,
          contents: input.contents?.trim() || null,
        };
    // Two phones confirming at the same moment: only one of them moves the item on.
    if ((await updateLostItemIf(tx.trx, id, { status: 'registered', openPendingBy: row.open_pending_by }, patch)) === 0) {
      throw new AppError('ID_CONFLICT', { message: 'Someone confirmed at the same moment; reload and try again' });
    }
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: first ? 'lost_item.open_first' : 'lost_item.opened',
      entityType: 'lost_item',
      entityId: id,
      detail: { contents: patch.contents ?? null },
    });
    tx.emit({ siteId }, 'lost_item.changed', { lostItemId: id, status: patch.status ?? row.status, openPendingBy: first ? actor.name : null });
  });
  return (await toLostItems(deps, [await load(deps, siteId, id)]))[0]!;
}

export async function returnLostItem(
  deps: Deps,
  actor: Actor,
  siteId: string,
  id: string,
  input: { ownerName: string; ownerPhone?: string; signature: Signature },
): Promise<LostItem> {
  requireSiteMember(actor, siteId);
  const row = await load(deps, siteId, id);
  // The same hand-back sent again (the phone's outbox lost the answer): the stored one, once.
  if (row.status === 'returned' && row.returned_by === actor.personId && row.returned_to === input.ownerName.trim())
    return (await toLostItems(deps, [row]))[0]!;
  if (row.status === 'returned') throw new AppError('LOST_ITEM_RETURNED');
  if (row.status !== 'opened') throw new AppError('LOST_ITEM_NOT_OPENED', { message: 'Open it before two witnesses first' });
  assertSigned(input.signature);
  await inTransaction(deps, async (tx) => {
    const changed = await updateLostItemIf(
      tx.trx,
      id,
      { status: 'opened', openPendingBy: null },
      {
        status: 'returned',
        returned_to: input.ownerName.trim(),
        returned_phone: input.ownerPhone ?? null,
        return_signature: JSON.stringify(input.signature),
        returned_by: actor.personId,
        returned_at: tx.now,
      },
    );
    if (changed === 0) throw new AppError('LOST_ITEM_RETURNED');
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'lost_item.return',
      entityType: 'lost_item',
      entityId: id,
      detail: { ownerName: input.ownerName, ownerPhone: maskPhone(input.ownerPhone ?? null) },
    });
    tx.emit({ siteId }, 'lost_item.changed', { lostItemId: id, status: 'returned', openPendingBy: null });
  });
  return (await toLostItems(deps, [await load(deps, siteId, id)]))[0]!;
}

export async function listLostItems(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; unclaimed?: boolean },
): Promise<PageOf<LostItem>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listLostItemRows(deps.db, siteId, page, query.unclaimed ?? false), page, (rows) => toLostItems(deps, rows));
}
