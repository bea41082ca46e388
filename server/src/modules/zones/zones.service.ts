/** Zones of a site (sales hall, bar, car park …), with a capacity where one applies (hall seats, parking spaces). */
import { ZONE_CAPACITY_REQUIRED, ZONE_CAPACITY_UNIT, type PageOf, type PageQuery, type Zone, type ZoneKind } from '@anchang/contracts';
import type { ZonesTable } from '../../db/schema.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { eventCache, type EventCacheSpec } from '../../platform/events/event-cache.js';
import { recordAudit } from '../audit/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { countPostsInZone } from '../posts/index.js';
import { carParkCapacity, deleteZoneRow, findZoneRow, listZoneRows, updateZoneRow } from './zones.repository.js';

/** A site's car-park spaces, read at every car's registration: changed only with a zone. */
const CAR_PARK_CAPACITY: EventCacheSpec = {
  staleKeys: (event) => (event.type === 'zone.changed' && event.siteId ? [event.siteId] : []),
};

/** The site's car-park spaces (null when none is set), from memory while no zone changed. */
export function carParkCapacityOf(deps: Pick<Deps, 'db' | 'events'>, siteId: string): Promise<number | null> {
  return eventCache<number | null>(deps.events, CAR_PARK_CAPACITY).get(siteId, () => carParkCapacity(deps.db, siteId));
}

export const toZone = (r: ZonesTable): Zone => ({
  id: r.id,
  siteId: r.site_id,
  kind: r.kind as ZoneKind,
  name: r.name,
  capacity: r.capacity,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function checkCapacity(kind: ZoneKind, capacity: number | null | undefined): number | null {
  const unit = ZONE_CAPACITY_UNIT[kind];
  if (!unit) {
    if (capacity !== null && capacity !== undefined) {
      throw new AppError('CAPACITY_NOT_APPLICABLE', { message: 'This kind of zone has no capacity', params: { kind } });
    }
    return null;
  }
  if (ZONE_CAPACITY_REQUIRED.includes(kind) && (capacity === null || capacity === undefined)) {
    throw new AppError('CAPACITY_REQUIRED', { message: `Give the number of ${unit}`, params: { kind, unit } });
  }
  return capacity ?? null;
}

const nameTaken = (name: string) => new AppError('ZONE_NAME_TAKEN', { message: 'A zone of this site already has that name', params: { name } });

async function loadZone(deps: Deps, siteId: string, zoneId: string) {
  const row = await findZoneRow(deps.db, siteId, zoneId);
  if (!row) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId } });
  return row;
}

export async function listZones(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<Zone>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query);
  return toPage(await listZoneRows(deps.db, siteId, page), page, toZone);
}

export async function getZone(deps: Deps, actor: Actor, siteId: string, zoneId: string): Promise<Zone> {
  requireSiteMember(actor, siteId);
  return toZone(await loadZone(deps, siteId, zoneId));
}

export async function createZone(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { kind: ZoneKind; name: string; capacity?: number | null },
): Promise<Zone> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const capacity = checkCapacity(input.kind, input.capacity);
  try {
    return await inWriteBatch(deps, async (tx) => {
      const row: ZonesTable = {
        id: newId(),
        site_id: siteId,
        kind: input.kind,
        name: input.name.trim(),
        capacity,
        created_at: tx.now,
        updated_at: tx.now,
      };
      tx.deferInsert('zones', row);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'zone.create',
        entityType: 'zone',
        entityId: row.id,
        detail: { kind: row.kind, name: row.name, capacity },
      });
      tx.emit({ siteId }, 'zone.changed', { zoneId: row.id, action: 'created' });
      return toZone(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updateZone(
  deps: Deps,
  actor: Actor,
  siteId: string,
  zoneId: string,
  patch: { name?: string; capacity?: number | null },
): Promise<Zone> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadZone(deps, siteId, zoneId);
  const capacity = patch.capacity === undefined ? current.capacity : checkCapacity(current.kind as ZoneKind, patch.capacity);
  try {
    return await inTransaction(deps, async (tx) => {
      const next: ZonesTable = { ...current, name: patch.name?.trim() ?? current.name, capacity, updated_at: tx.now };
      await updateZoneRow(tx.trx, zoneId, { name: next.name, capacity: next.capacity, updated_at: next.updated_at });
      await recordAudit(tx, actorRef(actor), { siteId, action: 'zone.update', entityType: 'zone', entityId: zoneId, detail: { ...patch } });
      tx.emit({ siteId }, 'zone.changed', { zoneId, action: 'updated' });
      return toZone(next);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(patch.name ?? '');
    throw err;
  }
}

export async function deleteZone(deps: Deps, actor: Actor, siteId: string, zoneId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadZone(deps, siteId, zoneId);
  try {
    await inTransaction(deps, async (tx) => {
      const posts = await countPostsInZone(tx.trx, zoneId);
      if (posts > 0) throw new AppError('ZONE_IN_USE', { message: 'Posts still work in this zone', params: { posts } });
      await deleteZoneRow(tx.trx, zoneId);
      await recordAudit(tx, actorRef(actor), { siteId, action: 'zone.delete', entityType: 'zone', entityId: zoneId, detail: { name: current.name } });
      tx.emit({ siteId }, 'zone.changed', { zoneId, action: 'deleted' });
    });
  } catch (err) {
    // Checkpoints, assets, work orders and a model room's items and checks also stand in a zone;
    // the database knows every one of them, so it answers for the ones not counted above.
    if (isForeignKeyViolation(err)) throw new AppError('ZONE_IN_USE', { message: 'Things are still placed in this zone' });
    throw err;
  }
}
