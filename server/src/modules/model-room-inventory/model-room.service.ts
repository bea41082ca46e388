/**
 * Model-room item lists (样板房物品清单) and their checks. Each MODEL_ROOM zone lists what
 * should be in it; the guide checks the list at opening (MODEL-IN-1) and at closing
 * (MODEL-POST-2). A missing item raises a `missing_item` incident and a damaged one a `damage`
 * incident, in the same write as the check, so they reach the manager live like any incident.
 */
import {
  POST_DUTIES,
  ROLE_GROUPS,
  type ModelRoom,
  type ModelRoomCheck,
  type ModelRoomCheckBody,
  type ModelRoomItem,
  type PageOf,
} from '@anchang/contracts';
import type { ModelRoomCheckLinesTable, ModelRoomChecksTable, ModelRoomItemsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { raiseIncident } from '../incidents/index.js';
import { findPersonNames, requirePostDuty } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findZoneOfKind, listZonesOfKind } from '../zones/index.js';
import { checkProblem, incidentFor } from './model-room.rules.js';
import * as repo from './model-room.repository.js';

/** Who keeps the item lists. Anyone on the site may check them (the MODEL guide is staff). */
const LIST_KEEPERS = ROLE_GROUPS.stockKeepers;

const toItem = (r: ModelRoomItemsTable): ModelRoomItem => ({
  id: r.id,
  zoneId: r.zone_id,
  name: r.name,
  quantity: r.quantity,
  photoId: r.photo_id,
  positionNote: r.position_note,
  createdAt: r.created_at,
});

async function requireRoom(deps: Deps, siteId: string, roomId: string) {
  const room = await findZoneOfKind(deps.db, siteId, roomId, 'MODEL_ROOM');
  if (!room) throw new AppError('MODEL_ROOM_NOT_FOUND', { params: { roomId } });
  return room;
}

export async function listRooms(deps: Deps, actor: Actor, siteId: string, query: { limit?: number; cursor?: string }): Promise<PageOf<ModelRoom>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listZonesOfKind(deps.db, siteId, 'MODEL_ROOM', page), page, async (rooms) => {
    const ids = rooms.map((r) => r.id);
    const [counts, checks] = await Promise.all([repo.countItemsPerRoom(deps.db, ids), repo.latestChecks(deps.db, ids)]);
    const names = await findPersonNames(
      deps.db,
      checks.map((c) => c.by_person),
    );
    return rooms.map((r) => {
      const c = checks.find((x) => x.zone_id === r.id);
      return {
        zoneId: r.id,
        name: r.name,
        itemCount: Number(counts.find((x) => x.zone_id === r.id)?.n ?? 0),
        lastCheck: c
          ? {
              id: c.id,
              phase: c.phase as 'opening' | 'closing',
              byName: names.get(c.by_person) ?? '',
              at: c.at,
              missing: c.missing,
              damaged: c.damaged,
            }
          : null,
      };
    });
  });
}

export async function listItems(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roomId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<ModelRoomItem>> {
  requireSiteMember(actor, siteId);
  await requireRoom(deps, siteId, roomId);
  const page = pageRequest(query, 'asc');
  return toPage(await repo.listItemRows(deps.db, roomId, page), page, toItem);
}

export async function createItem(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roomId: string,
  input: { name: string; quantity: number; photoId?: string | null; positionNote?: string },
): Promise<ModelRoomItem> {
  requireSiteRole(actor, siteId, LIST_KEEPERS);
  await requireRoom(deps, siteId, roomId);
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  return inWriteBatch(deps, async (tx) => {
    const row: ModelRoomItemsTable = {
      id: newId(),
      site_id: siteId,
      zone_id: roomId,
      name: input.name.trim(),
      quantity: input.quantity,
      photo_id: input.photoId ?? null,
      position_note: input.positionNote?.trim() ?? '',
      archived_at: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    tx.deferInsert('model_room_items', row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'model_room.item_create',
      entityType: 'model_room_item',
      entityId: row.id,
      detail: { roomId, name: row.name, quantity: row.quantity },
    });
    return toItem(row);
  });
}

export async function updateItem(
  deps: Deps,
  actor: Actor,
  siteId: string,
  itemId: string,
  input: { name?: string; quantity?: number; photoId?: string | null; positionNote?: string },
): Promise<ModelRoomItem> {
  requireSiteRole(actor, siteId, LIST_KEEPERS);
  const row = await repo.findItemRow(deps.db, siteId, itemId);
  if (!row) throw new AppError('MODEL_ROOM_ITEM_NOT_FOUND', { params: { modelRoomItemId: itemId } });
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  await inTransaction(deps, async (tx) => {
    await repo.updateItemRow(tx.trx, itemId, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      ...(input.photoId !== undefined ? { photo_id: input.photoId } : {}),
      ...(input.positionNote !== undefined ? { position_note: input.positionNote.trim() } : {}),
      updated_at: tx.now,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'model_room.item_update',
      entityType: 'model_room_item',
      entityId: itemId,
      detail: { ...input },
    });
  });
  return toItem((await repo.findItemRow(deps.db, siteId, itemId))!);
}

/** Off the list; past checks keep the item's name as it was. */
export async function archiveItem(deps: Deps, actor: Actor, siteId: string, itemId: string): Promise<void> {
  requireSiteRole(actor, siteId, LIST_KEEPERS);
  const row = await repo.findItemRow(deps.db, siteId, itemId);
  if (!row) throw new AppError('MODEL_ROOM_ITEM_NOT_FOUND', { params: { modelRoomItemId: itemId } });
  await inTransaction(deps, async (tx) => {
    await repo.updateItemRow(tx.trx, itemId, { archived_at: tx.now, updated_at: tx.now });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'model_room.item_archive',
      entityType: 'model_room_item',
      entityId: itemId,
      detail: { name: row.name },
    });
  });
}

async function toChecks(deps: Deps, rows: ModelRoomChecksTable[]): Promise<ModelRoomCheck[]> {
  const [lines, names] = await Promise.all([
    repo.findLinesOfChecks(
      deps.db,
      rows.map((r) => r.id),
    ),
    findPersonNames(
      deps.db,
      rows.map((r) => r.by_person),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    zoneId: r.zone_id,
    phase: r.phase as ModelRoomCheck['phase'],
    byName: names.get(r.by_person) ?? '',
    at: r.at,
    present: r.present,
    missing: r.missing,
    damaged: r.damaged,
    lines: lines
      .filter((l) => l.check_id === r.id)
      .map((l) => ({
        itemId: l.item_id,
        itemName: l.item_name,
        expected: l.expected,
        status: l.status as ModelRoomCheck['lines'][number]['status'],
        foundQuantity: l.found_quantity,
        note: l.note,
        photoId: l.photo_id,
        incidentId: l.incident_id,
      })),
  }));
}

export async function recordCheck(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roomId: string,
  input: ModelRoomCheckBody,
): Promise<{ check: ModelRoomCheck; created: boolean }> {
  await requirePostDuty(deps.db, actor, siteId, POST_DUTIES.modelRoomCheck);
  const room = await requireRoom(deps, siteId, roomId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await repo.findCheckById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.zone_id !== roomId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const items = await repo.listActiveItems(deps.db, roomId);
      const problem = checkProblem(items, input.lines);
      if (problem) throw new AppError(problem.code, { params: problem.params });
      for (const photoId of new Set(input.lines.flatMap((l) => (l.photoId ? [l.photoId] : [])))) await assertPhotoOnSite(deps, siteId, photoId);
      const byId = new Map(items.map((i) => [i.id, i]));
      return inWriteBatch(deps, async (tx) => {
        const tally = { present: 0, missing: 0, damaged: 0 };
        for (const l of input.lines) tally[l.status] += 1;
        const check: ModelRoomChecksTable = {
          id: input.id,
          site_id: siteId,
          zone_id: roomId,
          phase: input.phase,
          by_person: actor.personId,
          ...tally,
          // When the guide sent it: a check that waited in the phone's outbox keeps its own time.
          at: tapTime(input.at, tx.now),
        };
        tx.deferInsert('model_room_checks', check);
        // Lines follow the list's order (ids are time-ordered), whatever order the phone sent.
        const ordered = [...input.lines].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
        for (const l of ordered) {
          const item = byId.get(l.itemId)!;
          const finding = incidentFor(room.name, input.phase, item, l);
          const incident = finding ? await raiseIncident(tx, actor, siteId, { id: newId(), ...finding, photoId: l.photoId ?? null }) : null;
          const line: ModelRoomCheckLinesTable = {
            id: newId(),
            site_id: siteId,
            check_id: check.id,
            item_id: item.id,
            item_name: item.name,
            expected: item.quantity,
            status: l.status,
            found_quantity: l.status === 'missing' ? (l.foundQuantity ?? 0) : null,
            note: l.note?.trim() ?? '',
            photo_id: l.photoId ?? null,
            incident_id: incident?.id ?? null,
          };
          tx.deferInsert('model_room_check_lines', line);
        }
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: `model_room.check_${input.phase}`,
          entityType: 'model_room_check',
          entityId: check.id,
          detail: { roomId, ...tally },
        });
        tx.emit({ siteId }, 'model_room.checked', {
          zoneId: roomId,
          checkId: check.id,
          phase: input.phase,
          missing: tally.missing,
          damaged: tally.damaged,
          byName: actor.name,
        });
        return check;
      });
    },
  );
  return { check: (await toChecks(deps, [value]))[0]!, created };
}

export async function listChecks(
  deps: Deps,
  actor: Actor,
  siteId: string,
  roomId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<ModelRoomCheck>> {
  requireSiteMember(actor, siteId);
  await requireRoom(deps, siteId, roomId);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await repo.listCheckRows(deps.db, roomId, page), page, (rows) => toChecks(deps, rows));
}
