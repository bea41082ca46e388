/**
 * Shuttle trips (SHUTTLE): visits only aboard, departure and arrival logged, the items-left
 * check at drop-off; vehicle handovers and the end-of-day clean and charge. And the model
 * room's notes: shoe covers handed out, the customer's points of interest sent to the
 * consultant (MODEL-IN-10).
 */
import {
  ROLE_GROUPS,
  type AuthorisedDrivers,
  type ModelRoomNote,
  type PageOf,
  type ShuttleDriver,
  type ShuttleTrip,
  type VehicleEvent,
  type VehicleEventBody,
  type VehicleEventListQuery,
} from '@anchang/contracts';
import type { ModelRoomNotesTable, ShuttleTripsTable, VehicleEventsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps, type WriteBatch } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import {
  findPersonNames,
  isSiteMember,
  listActiveMembersPage,
  listActivePeopleOnPostKind,
  personIdsOnPostKind,
  worksPostKind,
} from '../people/index.js';
import { findVisitRecord, openVisitsAmong } from '../visits/index.js';
import { markCallTripStarted } from './shuttle-calls.service.js';
import {
  arriveTrip,
  findModelRoomNoteById,
  findTrip,
  findTripById,
  findVehicleEventById,
  listModelRoomNotes,
  listTrips,
  listVehicleEvents,
  findDriverList,
  saveDriverList,
} from './shuttle.repository.js';

async function toTrips(deps: Pick<Deps, 'db'>, rows: ShuttleTripsTable[]): Promise<ShuttleTrip[]> {
  const names = await findPersonNames(
    deps.db,
    rows.map((r) => r.driver_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    vehicle: r.vehicle,
    driverId: r.driver_id,
    driverName: names.get(r.driver_id) ?? '',
    destination: r.destination as ShuttleTrip['destination'],
    visitIds: JSON.parse(r.visit_ids) as string[],
    guests: r.guests,
    status: r.status as ShuttleTrip['status'],
    departedAt: r.departed_at,
    arrivedAt: r.arrived_at,
    itemsLeft: r.items_left === null ? null : r.items_left === 1,
    itemsNote: r.items_note,
  }));
}

export async function startTrip(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; vehicle: string; destination: 'model_room' | 'hall'; visitIds: string[]; callId?: string; at?: number },
): Promise<{ trip: ShuttleTrip; created: boolean }> {
  requireSiteMember(actor, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findTripById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      // SHUTTLE duty 6: only a driver the site authorised takes guests aboard.
      if (!(await isAuthorisedDriver(deps, siteId, actor.personId)))
        throw new AppError('DRIVER_NOT_AUTHORISED', {
          message: 'The site has not authorised this driver',
          params: { personId: actor.personId },
        });
      // Only customers ride: every rider must be a visit on site now.
      const visits = await openVisitsAmong(deps.db, siteId, input.visitIds);
      if (visits.length !== input.visitIds.length) {
        throw new AppError('VISIT_NOT_BOARDABLE', {
          params: { visitIds: input.visitIds.filter((id) => !visits.some((v) => v.id === id)) },
        });
      }
      const write = async (tx: WriteBatch) => {
        const row: ShuttleTripsTable = {
          id: input.id,
          site_id: siteId,
          vehicle: input.vehicle.trim(),
          driver_id: actor.personId,
          destination: input.destination,
          visit_ids: JSON.stringify(input.visitIds),
          guests: visits.reduce((n, v) => n + v.party_size, 0),
          status: 'en_route',
          // A trip started without signal departed at the tap, not when the phone got through.
          departed_at: tapTime(input.at, tx.now),
          arrived_at: null,
          items_left: null,
          items_note: null,
        };
        tx.deferInsert('shuttle_trips', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'shuttle.depart',
          entityType: 'shuttle_trip',
          entityId: row.id,
          detail: { vehicle: row.vehicle, guests: row.guests, destination: row.destination },
        });
        tx.emit({ siteId }, 'shuttle.changed', { tripId: row.id, status: 'en_route', vehicle: row.vehicle });
        return row;
      };
      // A trip answering the concierge's call (GUARD-IN-8) also ends the call's pick-up time, in one transaction.
      const callId = input.callId;
      if (callId)
        return inTransaction(deps, async (tx) => {
          const row = await write(tx);
          await markCallTripStarted(tx, actor, siteId, callId, row.id);
          return row;
        });
      return inWriteBatch(deps, write);
    },
  );
  return { trip: (await toTrips(deps, [value]))[0]!, created };
}

export async function arrive(
  deps: Deps,
  actor: Actor,
  siteId: string,
  tripId: string,
  input: { itemsLeft: boolean; itemsNote?: string; at?: number },
): Promise<ShuttleTrip> {
  requireSiteMember(actor, siteId);
  const trip = await findTrip(deps.db, siteId, tripId);
  if (!trip) throw new AppError('TRIP_NOT_FOUND', { params: { tripId } });
  // The driver's own arrival sent again (the answer was lost, the outbox resends): already stored.
  if (trip.status === 'arrived' && trip.driver_id === actor.personId) return (await toTrips(deps, [trip]))[0]!;
  if (input.itemsLeft && !input.itemsNote?.trim()) throw new AppError('ITEMS_NOTE_REQUIRED', { params: { field: 'itemsNote' } });
  await inTransaction(deps, async (tx) => {
    if (
      (await arriveTrip(tx.trx, tripId, {
        arrived_at: Math.max(trip.departed_at, tapTime(input.at, tx.now)),
        items_left: input.itemsLeft ? 1 : 0,
        items_note: input.itemsNote?.trim() ?? null,
      })) === 0
    ) {
      throw new AppError('TRIP_ALREADY_ARRIVED', { params: { tripId } });
    }
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'shuttle.arrive',
      entityType: 'shuttle_trip',
      entityId: tripId,
      detail: { itemsLeft: input.itemsLeft, itemsNote: input.itemsNote ?? null },
    });
    tx.emit({ siteId }, 'shuttle.changed', { tripId, status: 'arrived', vehicle: trip.vehicle });
  });
  return (await toTrips(deps, [(await findTrip(deps.db, siteId, tripId))!]))[0]!;
}

export async function tripLog(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; vehicle?: string },
): Promise<PageOf<ShuttleTrip>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listTrips(deps.db, siteId, page, query.vehicle), page, (rows) => toTrips(deps, rows));
}

export async function recordVehicleEvent(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: VehicleEventBody,
): Promise<{ event: VehicleEvent; created: boolean }> {
  requireSiteMember(actor, siteId);
  if (input.kind === 'handover' && !(await isSiteMember(deps.db, siteId, input.toDriverId)))
    throw new AppError('PERSON_NOT_FOUND', { params: { personId: input.toDriverId } });
  const { id } = input;
  // The phone's id: a hand-over or day-end check resent after a lost answer is recorded once.
  const stored = async () => {
    const row = await findVehicleEventById(deps.db, id);
    if (row && (row.by_person !== actor.personId || row.site_id !== siteId))
      throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return row;
  };
  const { value: row, created } = await writeOnce(stored, () => recordVehicleEventRow(deps, actor, siteId, input));
  return { event: (await toVehicleEvents(deps, [row]))[0]!, created };
}

async function toVehicleEvents(deps: Pick<Deps, 'db'>, rows: VehicleEventsTable[]): Promise<VehicleEvent[]> {
  const names = await findPersonNames(deps.db, [...rows.map((r) => r.by_person), ...rows.flatMap((r) => (r.to_driver ? [r.to_driver] : []))]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as VehicleEvent['kind'],
    vehicle: row.vehicle,
    byName: names.get(row.by_person) ?? '',
    toDriverName: row.to_driver ? (names.get(row.to_driver) ?? null) : null,
    detail: JSON.parse(row.detail) as VehicleEvent['detail'],
    at: row.at,
  }));
}

/**
 * Vehicle events, newest first. `to=me`: the handovers made to the caller (a driver's phone shows
 * what they took over, with the state it was handed over in); the whole log is the overseers'.
 */
export async function vehicleEvents(deps: Deps, actor: Actor, siteId: string, query: VehicleEventListQuery): Promise<PageOf<VehicleEvent>> {
  if (query.to === 'me') requireSiteMember(actor, siteId);
  else requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listVehicleEvents(deps.db, siteId, page, query.to === 'me' ? actor.personId : undefined), page, (rows) =>
    toVehicleEvents(deps, rows),
  );
}

/** The drivers the site authorised (SHUTTLE duty 6); without a list of its own, the SHUTTLE post's people. */
export async function authorisedDrivers(deps: Deps, actor: Actor, siteId: string): Promise<AuthorisedDrivers> {
  requireSiteMember(actor, siteId);
  const list = await findDriverList(deps.db, siteId);
  if (!list) return { custom: false, drivers: await listActivePeopleOnPostKind(deps.db, siteId, 'SHUTTLE') };
  const ids = JSON.parse(list.person_ids) as string[];
  const names = await findPersonNames(deps.db, ids);
  return {
    custom: true,
    drivers: ids.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function setAuthorisedDrivers(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { personIds: string[] | null },
): Promise<AuthorisedDrivers> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.siteManagers);
  for (const personId of input.personIds ?? [])
    if (!(await isSiteMember(deps.db, siteId, personId))) throw new AppError('PERSON_NOT_FOUND', { params: { personId } });
  await inTransaction(deps, async (tx) => {
    await saveDriverList(
      tx.trx,
      input.personIds === null
        ? { site_id: siteId, person_ids: null }
        : { site_id: siteId, person_ids: JSON.stringify(input.personIds), updated_at: tx.now },
    );
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'shuttle.drivers',
      entityType: 'site',
      entityId: siteId,
      detail: { personIds: input.personIds },
    });
    tx.emit({ siteId }, 'site.changed', { siteId });
  });
  return authorisedDrivers(deps, actor, siteId);
}

function recordVehicleEventRow(deps: Deps, actor: Actor, siteId: string, input: VehicleEventBody): Promise<VehicleEventsTable> {
  const { id, kind, vehicle, ...detail } = input;
  return inWriteBatch(deps, async (tx) => {
    const r: VehicleEventsTable = {
      id,
      site_id: siteId,
      kind,
      vehicle: vehicle.trim(),
      by_person: actor.personId,
      to_driver: input.kind === 'handover' ? input.toDriverId : null,
      detail: JSON.stringify(detail),
      at: tx.now,
    };
    tx.deferInsert('vehicle_events', r);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `shuttle.${kind}`,
      entityType: 'vehicle',
      entityId: null,
      detail: { vehicle: r.vehicle, ...detail },
    });
    return r;
  });
}

export async function recordModelRoomNote(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  input: { id: string; shoeCovers?: number; interests?: string },
): Promise<ModelRoomNote> {
  requireSiteMember(actor, siteId);
  const visit = await findVisitRecord(deps.db, siteId, visitId);
  if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  if (visit.status !== 'open') throw new AppError('VISIT_CLOSED', { params: { visitId } });
  // Sent again after a lost answer: the note stored the first time. The id of another record: refused.
  const { value: row } = await writeOnce(
    async () => {
      const stored = await findModelRoomNoteById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.visit_id !== visitId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inWriteBatch(deps, async (tx) => {
        const r: ModelRoomNotesTable = {
          id: input.id,
          site_id: siteId,
          visit_id: visitId,
          shoe_covers: input.shoeCovers ?? null,
          interests: input.interests?.trim() ?? null,
          by_person: actor.personId,
          at: tx.now,
        };
        tx.deferInsert('model_room_notes', r);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'visit.model_room_note',
          entityType: 'visit',
          entityId: visitId,
          detail: { shoeCovers: r.shoe_covers, interests: r.interests },
        });
        const payload = { visitId, noteId: r.id, interests: r.interests, byName: actor.name };
        tx.emit({ siteId }, 'visit.interest', payload);
        // The consultant of these guests gets their points of interest on the phone.
        if (visit.consultant_id && r.interests) tx.emit({ personId: visit.consultant_id, siteId }, 'visit.interest', payload);
        return r;
      }),
    { readFirst: false },
  );
  const byName = row.by_person === actor.personId ? actor.name : ((await findPersonNames(deps.db, [row.by_person])).get(row.by_person) ?? '');
  return { id: row.id, visitId, shoeCovers: row.shoe_covers, interests: row.interests, byName, at: row.at };
}

/** A visit's model-room notes, oldest first: the consultant reads what the guests cared about. */
export async function modelRoomNotes(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<ModelRoomNote>> {
  requireSiteMember(actor, siteId);
  if (!(await findVisitRecord(deps.db, siteId, visitId))) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listModelRoomNotes(deps.db, siteId, visitId, page), page, async (rows) => {
    const names = await findPersonNames(
      deps.db,
      rows.map((r) => r.by_person),
    );
    return rows.map((r) => ({
      id: r.id,
      visitId: r.visit_id,
      shoeCovers: r.shoe_covers,
      interests: r.interests,
      byName: names.get(r.by_person) ?? '',
      at: r.at,
    }));
  });
}

/** Whom a driver can hand the vehicle to (duty 8): every member of the site may read these names. */
export async function driverCandidates(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<ShuttleDriver>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listActiveMembersPage(deps.db, siteId, ['staff', 'supervisor'], page), page, async (rows) => {
    const onPost = new Set(await personIdsOnPostKind(deps.db, siteId, 'SHUTTLE'));
    const list = await findDriverList(deps.db, siteId);
    const listed = list ? new Set(JSON.parse(list.person_ids) as string[]) : null;
    return rows.map((r) => ({ ...r, onShuttlePost: onPost.has(r.id), authorised: listed ? listed.has(r.id) : onPost.has(r.id) }));
  });
}

/** Whether the person may drive the shuttle: on the site's list, or on its SHUTTLE post when it keeps none. */
async function isAuthorisedDriver(deps: Deps, siteId: string, personId: string): Promise<boolean> {
  const list = await findDriverList(deps.db, siteId);
  if (list) return (JSON.parse(list.person_ids) as string[]).includes(personId);
  return worksPostKind(deps.db, siteId, personId, 'SHUTTLE');
}
