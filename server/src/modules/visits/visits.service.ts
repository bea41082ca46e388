/**
 * The visit (来访) as one live record passed from post to post. Registering at the car park
 * hands the party to the hall at once; every hand-off is acknowledged by the post (or the
 * consultant) that receives it, and the acknowledgement is when the guests are counted as
 * arrived there, so the time at each stage is measured from the posts' own actions.
 */
import {
  hasRole,
  ROLE_GROUPS,
  type HandoffTarget,
  type PageOf,
  type PostKind,
  type Visit,
  type VisitListQuery,
  type VisitorCounts,
  type VisitChainSettings,
  type VisitStage,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { CustomersTable, DB, VisitHandoffsTable, VisitsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { addDays, instantAt, localParts } from '../../platform/site-time.js';
import { inTransaction, inWriteBatch, type Deps, type Tx, type WriteBatch } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, isSiteMember, maskPhone, personNamesOf, worksPostKind } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { carParkCapacityOf } from '../zones/index.js';
import { cancelHandoffTimers, chainSettingsOf, deferHandoffTimers, takeNextConsultant } from './handoff-limits.js';
import { checkPlate } from './plate.js';
import { maskPlate, receivingPost, stageAfterAck, stageDurations, type StageEntry } from './visits.rules.js';
import {
  countParkedCars,
  parkedCarsCount,
  findCustomerByPhone,
  findCustomers,
  findHandoffById,
  findVisitById,
  findVisitRow,
  findVisitToChange,
  handoffAck,
  insertCustomer,
  insertHandoffRow,
  listHandoffsOf,
  listOpenVisits,
  listVisitRows,
  listVisitsArrivedBetween,
  sumConciergeVisitsBetween,
  sumGuestsOnSite,
  takeVisitRow,
  touchCustomer,
  visitUpdate,
  listVehicleCheckedIds,
  type VisitToChange,
} from './visits.repository.js';

/** Everyone working the site records and hands on visits; the client's viewers only look. */
const VISIT_WRITERS = ROLE_GROUPS.visitWriters;
/** Only a consultant takes guests as their own (the hall names one through a hand-off instead). */
const VISIT_CLAIMERS = ROLE_GROUPS.visitClaimers;

function requireWriter(actor: Actor, siteId: string): void {
  if (!hasRole(VISIT_WRITERS, requireSiteMember(actor, siteId))) throw forbidden();
}

async function toVisits(deps: Pick<Deps, 'db' | 'clock'>, rows: VisitsTable[]): Promise<Visit[]> {
  const [handoffs, customers, checked] = await Promise.all([
    listHandoffsOf(
      deps.db,
      rows.map((r) => r.id),
    ),
    findCustomers(
      deps.db,
      rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])),
    ),
    listVehicleCheckedIds(
      deps.db,
      rows.flatMap((r) => (r.arrival_mode === 'car' ? [r.id] : [])),
    ),
  ]);
  const names = await findPersonNames(deps.db, [
    ...rows.flatMap((r) => (r.consultant_id ? [r.consultant_id] : [])),
    ...handoffs.flatMap((h) => [h.sent_by, ...(h.acked_by ? [h.acked_by] : [])]),
  ]);
  return composeVisits(rows, customers, handoffs, names, deps.clock.now(), new Set(checked));
}

/** The API's view of visits from their rows and related rows already loaded. */
function composeVisits(
  rows: VisitsTable[],
  customers: CustomersTable[],
  handoffs: VisitHandoffsTable[],
  names: ReadonlyMap<string, string>,
  now: number,
  vehicleChecked: ReadonlySet<string> = new Set(),
): Visit[] {
  return rows.map((r) => {
    // A customer who withdrew consent is no longer named on the visits' screens.
    const customer = customers.find((c) => c.id === r.customer_id && c.consent_withdrawn_at === null);
    return {
      id: r.id,
      siteId: r.site_id,
      partySize: r.party_size,
      arrivalMode: r.arrival_mode as Visit['arrivalMode'],
      plateMasked: maskPlate(r.plate),
      isNewEnergy: r.is_new_energy === 1,
      customer: customer
        ? {
            id: customer.id,
            name: customer.name,
            phoneMasked: maskPhone(customer.phone) ?? '',
            isReturning: customer.visit_count > 1,
            visitCount: customer.visit_count,
          }
        : null,
      consultantId: r.consultant_id,
      consultantName: r.consultant_id ? (names.get(r.consultant_id) ?? null) : null,
      stage: r.stage as VisitStage,
      status: r.status as Visit['status'],
      arrivedAt: r.arrived_at,
      closedAt: r.closed_at,
      closedReason: r.closed_reason === 'day_end' ? 'day_end' : null,
      hasVehicleCheck: vehicleChecked.has(r.id),
      stageDurations: stageDurations(JSON.parse(r.stage_log) as StageEntry[], r.closed_at ?? now),
      handoffs: handoffs
        .filter((h) => h.visit_id === r.id)
        .map((h) => ({
          id: h.id,
          to: h.to_target as HandoffTarget,
          toPostKind: h.to_post_kind as PostKind | null,
          toPersonId: h.to_person_id,
          fromStage: h.from_stage as VisitStage,
          sentBy: h.sent_by,
          sentByName: names.get(h.sent_by) ?? '',
          sentAt: h.sent_at,
          ackedBy: h.acked_by,
          ackedByName: h.acked_by ? (names.get(h.acked_by) ?? null) : null,
          ackedAt: h.acked_at,
          note: h.note,
          rotation: h.rotation === 1,
          rungAt: h.rung_at ?? null,
        })),
    };
  });
}

/**
 * A visit as the API shows it, from its row, hand-offs and vehicle check already in hand (a
 * write's own): only the names of other people (mostly from memory) and a consenting customer
 * are read.
 */
async function composeVisitFrom(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  actor: Actor,
  row: VisitsTable,
  handoffs: VisitHandoffsTable[],
  vehicleChecked: boolean,
): Promise<Visit> {
  const others = [
    ...(row.consultant_id ? [row.consultant_id] : []),
    ...handoffs.flatMap((h) => [h.sent_by, ...(h.acked_by ? [h.acked_by] : [])]),
  ].filter((id) => id !== actor.personId);
  const [names, customers] = await Promise.all([
    personNamesOf(deps, others),
    row.customer_id ? findCustomers(deps.db, [row.customer_id]) : Promise.resolve([]),
  ]);
  names.set(actor.personId, actor.name);
  return composeVisits([row], customers, handoffs, names, deps.clock.now(), new Set(vehicleChecked ? [row.id] : []))[0]!;
}

export async function getVisit(deps: Deps, actor: Actor, siteId: string, visitId: string): Promise<Visit> {
  requireSiteMember(actor, siteId);
  const row = await findVisitRow(deps.db, siteId, visitId);
  if (!row) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  return (await toVisits(deps, [row]))[0]!;
}

export async function listVisits(deps: Deps, actor: Actor, siteId: string, query: VisitListQuery): Promise<PageOf<Visit>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  const filter = {
    status: query.status,
    stage: query.stage,
    consultantId: query.consultant === 'mine' ? actor.personId : query.consultant === 'none' ? null : undefined,
    arrivedSince: query.arrivedSince,
  };
  return toPageBatched(await listVisitRows(deps.db, siteId, page, filter), page, (rows) => toVisits(deps, rows));
}

/**
 * A consultant takes guests waiting in the hall with nobody (HALL-IN-3: 请置业顾问关注该客人). The
 * claim is that step's hand-off, to the consultant, acknowledged by them at once: the chain,
 * the site board and the hand-off figures read it like a hand-off the hall sent. Two consultants
 * tapping together: the guarded write lets one through, the other hears who was first.
 */
export async function claimVisit(deps: Deps, actor: Actor, siteId: string, visitId: string, input: { id: string }): Promise<Visit> {
  requireSiteRole(actor, siteId, VISIT_CLAIMERS);
  const stored = async () => {
    const replay = await findHandoffById(deps.db, input.id);
    if (replay && (replay.visit_id !== visitId || replay.acked_by !== actor.personId))
      throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return replay;
  };
  await writeOnce(stored, () =>
    inTransaction(deps, async (tx) => {
      const visit = await findVisitRow(tx.trx, siteId, visitId);
      if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
      if (visit.status !== 'open') throw new AppError('VISIT_CLOSED', { message: 'This visit is over', params: { visitId } });
      if (visit.consultant_id === null && visit.stage !== 'hall') throw new AppError('NOT_IN_HALL', { params: { stage: visit.stage } });
      if ((await takeVisitRow(tx.trx, visitId, actor.personId, tx.now)) === 0) {
        const taken = await findVisitRow(tx.trx, siteId, visitId);
        const byId = taken?.consultant_id ?? null;
        // Not taken but no longer open: the guests left while the tap was on its way.
        if (byId === null) throw new AppError('VISIT_CLOSED', { message: 'This visit is over', params: { visitId } });
        const byName = (await findPersonNames(tx.trx, [byId])).get(byId) ?? '';
        throw new AppError('VISIT_ALREADY_CLAIMED', {
          message: 'Another consultant already took these guests',
          params: { visitId, consultantName: byName, isYou: byId === actor.personId },
        });
      }
      const row: VisitHandoffsTable = {
        id: input.id,
        visit_id: visitId,
        site_id: siteId,
        to_target: 'consultant',
        to_post_kind: null,
        to_person_id: actor.personId,
        from_stage: visit.stage,
        note: '',
        sent_by: actor.personId,
        sent_at: tx.now,
        acked_by: actor.personId,
        acked_at: tx.now,
      };
      await insertHandoffRow(tx.trx, row);
      await recordAudit(tx, actorRef(actor), { siteId, action: 'visit.claim', entityType: 'visit', entityId: visitId, detail: { to: 'consultant' } });
      // Everyone's lists (the other consultants', the hall's, the board) refetch on this.
      tx.emit({ siteId }, 'visit.acked', { visitId, handoffId: row.id, ackedByName: actor.name });
      return row;
    }),
  );
  return getVisit(deps, actor, siteId, visitId);
}

/**
 * Finds or creates the site's customer by phone number (nothing else identifies a returning
 * customer). Only with consent; a customer who withdrew it and consents again is known again.
 */
async function customerFor(tx: Tx, siteId: string, input: { name?: string; phone: string; consent: boolean }): Promise<CustomersTable | null> {
  if (!input.consent) return null; // no consent: the number is not kept
  const existing = await findCustomerByPhone(tx.trx, siteId, input.phone);
  if (existing) {
    const next = {
      last_visit_at: tx.now,
      visit_count: existing.visit_count + 1,
      name: input.name?.trim() ?? existing.name,
      ...(existing.consent_withdrawn_at !== null ? { consent_at: tx.now, consent_withdrawn_at: null } : {}),
    };
    await touchCustomer(tx.trx, existing.id, next);
    return { ...existing, ...next };
  }
  const row: CustomersTable = {
    id: newId(),
    site_id: siteId,
    phone: input.phone,
    name: input.name?.trim() ?? null,
    consent_at: tx.now,
    consent_withdrawn_at: null,
    first_seen_at: tx.now,
    last_visit_at: tx.now,
    visit_count: 1,
  };
  await insertCustomer(tx.trx, row);
  return row;
}

export async function registerVisit(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: {
    id: string;
    partySize: number;
    arrivalMode: 'car' | 'walk_in';
    plate?: string;
    customer?: { name?: string; phone: string; consent: boolean };
    at?: number;
  },
): Promise<{ visit: Visit; created: boolean }> {
  requireWriter(actor, siteId);
  let plate: { plate: string; isNewEnergy: boolean } | null = null;
  if (input.arrivalMode === 'car') {
    if (!input.plate?.trim()) throw new AppError('PLATE_REQUIRED', { message: 'A car needs its plate', params: { field: 'plate' } });
    const checked = checkPlate(input.plate);
    if (!checked.ok)
      throw new AppError('PLATE_INVALID', {
        message: 'This is not a Chinese licence plate',
        params: { rule: checked.rule, plate: input.plate },
      });
    plate = checked;
  }
  // For a car, the hall's limit for the car park's hand-off and the car park's spaces: read before
  // the write (a registration is one batch), from memory while the site's settings are unchanged.
  const [chain, capacity] =
    input.arrivalMode === 'car' ? await Promise.all([chainSettingsOf(deps, siteId), carParkCapacityOf(deps, siteId)]) : [null, null];
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findVisitById(deps.db, input.id);
      if (!stored) return undefined;
      if (stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return (await toVisits(deps, [stored]))[0];
    },
    async () => {
      const record = async (batch: WriteBatch, customer: CustomersTable | null) => {
        const at = Math.min(input.at ?? batch.now, batch.now);
        const stage: VisitStage = input.arrivalMode === 'car' ? 'car_park' : 'hall';
        const row: VisitsTable = {
          id: input.id,
          site_id: siteId,
          party_size: input.partySize,
          arrival_mode: input.arrivalMode,
          plate: plate?.plate ?? null,
          is_new_energy: plate?.isNewEnergy ? 1 : 0,
          customer_id: customer?.id ?? null,
          consultant_id: null,
          stage,
          stage_since: at,
          stage_log: JSON.stringify([{ stage, at }]),
          status: 'open',
          registered_by: actor.personId,
          arrived_at: at,
          closed_at: null,
          updated_at: batch.now,
        };
        // The visit row goes first: a repeated id fails on it before anything else is written.
        batch.deferInsert('visits', row);
        const plateMasked = maskPlate(row.plate);
        await recordAudit(batch, actorRef(actor), {
          siteId,
          action: 'visit.register',
          entityType: 'visit',
          entityId: row.id,
          detail: { partySize: row.party_size, arrivalMode: row.arrival_mode, plate: plateMasked },
        });
        batch.emit({ siteId }, 'visit.arrived', {
          visitId: row.id,
          partySize: row.party_size,
          arrivalMode: input.arrivalMode,
          plateMasked,
          isReturning: (customer?.visit_count ?? 0) > 1,
        });
        // At the car park, registering is also telling the hall (PARK: 通知销售大厅迎宾).
        const handoff = input.arrivalMode === 'car' ? recordHandoff(batch, actor, row, { id: newId(), to: 'hall', note: '' }, chain) : null;
        if (capacity !== null) {
          // Counted by the write itself, before this car is written: it makes the count one more (PARK-PRE-3).
          const count = parkedCarsCount(deps.db, siteId);
          batch.emitWhenCount({ siteId }, 'carpark.full', { count, add: 1, atLeast: capacity, into: 'occupied' }, { capacity });
        }
        return { row, customer, handoff };
      };
      // A customer who consented is read and updated, which needs a transaction; otherwise the
      // registration only inserts, and goes to the database as one write.
      const customerInput = input.customer;
      const written = customerInput
        ? await inTransaction(deps, async (tx) => record(tx, await customerFor(tx, siteId, customerInput)))
        : await inWriteBatch(deps, (batch) => record(batch, null));
      // The answer is built from the rows just written: no reading back.
      const [visit] = composeVisits(
        [written.row],
        written.customer ? [written.customer] : [],
        written.handoff ? [written.handoff] : [],
        new Map([[actor.personId, actor.name]]),
        deps.clock.now(),
      );
      return visit!;
    },
    { readFirst: false },
  );
  return { visit: value, created };
}

/**
 * Records a hand-off (written with the use case's other rows at its end), tells the receiving
 * post, and books its timers: the re-ring at the site's limit and the supervisor at twice it.
 */
function recordHandoff(
  tx: WriteBatch,
  actor: Actor,
  visit: VisitsTable,
  input: { id: string; to: HandoffTarget; consultantId?: string; note: string; rotation?: boolean },
  chain: VisitChainSettings | null,
): VisitHandoffsTable {
  const toPostKind = receivingPost(input.to, visit.arrival_mode as 'car' | 'walk_in');
  const row: VisitHandoffsTable = {
    id: input.id,
    visit_id: visit.id,
    site_id: visit.site_id,
    to_target: input.to,
    to_post_kind: toPostKind,
    to_person_id: input.to === 'consultant' ? (input.consultantId ?? null) : null,
    from_stage: visit.stage,
    note: input.note,
    sent_by: actor.personId,
    sent_at: tx.now,
    acked_by: null,
    acked_at: null,
    rotation: input.rotation ? 1 : 0,
    rung_at: null,
  };
  tx.deferInsert('visit_handoffs', row);
  if (chain) deferHandoffTimers(tx, row, chain);
  const payload = {
    visitId: visit.id,
    handoffId: row.id,
    to: input.to,
    toPostKind,
    toPersonId: row.to_person_id,
    partySize: visit.party_size,
    note: input.note,
    fromName: actor.name,
  };
  tx.emit({ siteId: visit.site_id }, 'visit.handoff', payload);
  if (row.to_person_id) tx.emit({ personId: row.to_person_id, siteId: visit.site_id }, 'visit.handoff', payload);
  return row;
}

export async function handOff(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  input: { id: string; to: HandoffTarget; consultantId?: string; note?: string },
): Promise<Visit> {
  requireWriter(actor, siteId);
  // The hand-off's id is the phone's: a resent hand-off (even one racing its first copy) is
  // answered with the visit as it stands, and the party is handed on once.
  const stored = async () => {
    const replay = await findHandoffById(deps.db, input.id);
    if (replay && replay.visit_id !== visitId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return replay;
  };
  // Not read first: the locked visit's hand-offs show a repeat on this visit, and an id of
  // another record fails on the key.
  const { value: recorded, created } = await writeOnce(stored, () => recordHandoffOf(deps, actor, siteId, visitId, input), {
    readFirst: false,
  });
  // A repeat is answered with the visit as it stands; a new hand-off from the rows it read and wrote.
  if (!created || !('visit' in recorded)) return getVisit(deps, actor, siteId, visitId);
  return composeVisitFrom(deps, actor, recorded.visit, recorded.handoffs, recorded.vehicleChecked);
}

async function recordHandoffOf(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  input: { id: string; to: HandoffTarget; consultantId?: string; note?: string },
): Promise<VisitHandoffsTable | (VisitToChange & { handoff: VisitHandoffsTable })> {
  // The limits the hand-off's timers are booked with: read before the visit is locked.
  const chain = await chainSettingsOf(deps, siteId);
  return inTransaction(deps, async (tx) => {
    const found = await findVisitToChange(tx.trx, tx.dialect, siteId, visitId);
    if (!found) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
    // A copy of this hand-off, resent or racing the first (which may have closed the visit, for
    // guests leaving on foot): answered before anything is checked again.
    const first = found.handoffs.find((h) => h.id === input.id);
    if (first) return first;
    const { visit } = found;
    if (visit.status !== 'open') throw new AppError('VISIT_CLOSED', { message: 'This visit is over', params: { visitId } });
    if (input.to === 'consultant') {
      if (!input.consultantId && !chain.consultantRotation)
        throw new AppError('CONSULTANT_REQUIRED', { message: 'Choose the consultant', params: { field: 'consultantId' } });
      if (input.consultantId && !(await isSiteMember(tx.trx, siteId, input.consultantId)))
        throw new AppError('PERSON_NOT_FOUND', { params: { personId: input.consultantId } });
    }
    // By rotation (轮流), the consultant whose turn it is is asked; they become the visit's on accepting.
    const rotation = input.to === 'consultant' && !input.consultantId;
    const consultantId = rotation ? await takeNextConsultant(tx, siteId) : input.consultantId;
    const handoff = recordHandoff(tx, actor, visit, { id: input.id, to: input.to, consultantId, note: (input.note ?? '').trim(), rotation }, chain);
    const patch: Partial<VisitsTable> = { updated_at: tx.now };
    if (input.to === 'consultant' && !rotation) patch.consultant_id = input.consultantId ?? null;
    // Guests leaving on foot need nobody to receive them: the visit ends now.
    if (input.to === 'departure' && visit.arrival_mode === 'walk_in') {
      Object.assign(patch, moveTo(visit, 'departed', tx.now), {
        status: 'closed',
        closed_at: tx.now,
        table_id: null,
        seated_at: null,
        waiting_since: null,
      });
    } else if (input.to === 'departure') {
      // Guests walking back to their car are leaving: no longer in the hall or model room,
      // no longer holding anyone's clock-out; the car park sees the car off.
      Object.assign(patch, moveTo(visit, 'departing', tx.now), { table_id: null, seated_at: null, waiting_since: null });
    }
    tx.deferWrite(visitUpdate(tx.trx, visitId, patch));
    await recordAudit(tx, actorRef(actor), { siteId, action: 'visit.handoff', entityType: 'visit', entityId: visitId, detail: { to: input.to } });
    if (patch.status === 'closed') tx.emit({ siteId }, 'visit.closed', { visitId });
    return { handoff, visit: { ...visit, ...patch }, handoffs: [...found.handoffs, handoff], vehicleChecked: found.vehicleChecked };
  });
}

function moveTo(visit: VisitsTable, stage: VisitStage, at: number): Partial<VisitsTable> {
  const log = JSON.parse(visit.stage_log) as StageEntry[];
  return { stage, stage_since: at, stage_log: JSON.stringify([...log, { stage, at }]) };
}

/** The receiving post confirms the guests are in its hands. */
export async function acknowledgeHandoff(deps: Deps, actor: Actor, siteId: string, visitId: string, handoffId: string): Promise<Visit> {
  requireWriter(actor, siteId);
  // The visit is locked and read with its hand-offs, this one among them: checked there, and the
  // answer is made from them and the rows the acknowledgement writes, without reading back.
  const written = await inTransaction(deps, async (tx) => {
    const found = await findVisitToChange(tx.trx, tx.dialect, siteId, visitId);
    const handoff = found?.handoffs.find((h) => h.id === handoffId);
    if (!found || !handoff) throw new AppError('HANDOFF_NOT_FOUND', { params: { handoffId } });
    if (handoff.acked_at !== null) {
      // A retried tap, or a second copy of it that waited for the first: answered, nothing written.
      if (handoff.acked_by === actor.personId) return null;
      throw new AppError('HANDOFF_ALREADY_ACKED', { message: 'Someone already took these guests', params: { handoffId } });
    }
    if (!(await mayReceive(tx.trx, actor, siteId, handoff)))
      throw new AppError('HANDOFF_NOT_FOR_YOU', {
        message: 'This hand-off is for another post',
        params: { toPostKind: handoff.to_post_kind },
      });
    const { visit } = found;
    if (visit.status !== 'open') throw new AppError('VISIT_CLOSED', { message: 'This visit is over', params: { visitId } });
    // The hand-offs were read behind the visit's lock, which every acknowledgement takes: this one
    // is not taken, and nobody else can take it before this commits.
    tx.deferWrite(handoffAck(tx.trx, handoffId, actor.personId, tx.now));
    cancelHandoffTimers(tx, handoffId);
    const stage = stageAfterAck(handoff.to_target as HandoffTarget);
    const patch: Partial<VisitsTable> = { updated_at: tx.now, ...(stage ? moveTo(visit, stage, tx.now) : {}) };
    // The consultant asked in turn accepted: the guests are theirs now (unless one claimed them meanwhile).
    if (handoff.rotation === 1 && visit.consultant_id === null) patch.consultant_id = actor.personId;
    if (stage === 'departed') Object.assign(patch, { status: 'closed', closed_at: tx.now });
    // Guests leaving the hall free their table and their place on the waiting list.
    if (stage && stage !== 'hall') Object.assign(patch, { table_id: null, seated_at: null, waiting_since: null });
    tx.deferWrite(visitUpdate(tx.trx, visitId, patch));
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'visit.ack',
      entityType: 'visit',
      entityId: visitId,
      detail: { to: handoff.to_target },
    });
    tx.emit({ siteId }, 'visit.acked', { visitId, handoffId, ackedByName: actor.name });
    if (stage === 'departed') tx.emit({ siteId }, 'visit.closed', { visitId });
    if (stage && stage !== 'hall' && (visit.table_id || visit.waiting_since)) tx.emit({ siteId }, 'hall.changed', { visitId });
    const handoffs = found.handoffs.map((h) => (h.id === handoffId ? { ...h, acked_by: actor.personId, acked_at: tx.now } : h));
    return { visit: { ...visit, ...patch }, handoffs, vehicleChecked: found.vehicleChecked };
  });
  if (!written) return getVisit(deps, actor, siteId, visitId);
  return composeVisitFrom(deps, actor, written.visit, written.handoffs, written.vehicleChecked);
}

/** The post's own people, or the consultant named, or the site's overseers standing in. */
async function mayReceive(db: Kysely<DB>, actor: Actor, siteId: string, handoff: VisitHandoffsTable): Promise<boolean> {
  if (hasRole(ROLE_GROUPS.overseers, actor.siteRoles.get(siteId))) return true;
  if (handoff.to_person_id) return handoff.to_person_id === actor.personId;
  if (!handoff.to_post_kind) return true;
  // The session's cached assignments (dropped on access.changed) spare a read per acknowledgement.
  if (actor.postKinds) return actor.postKinds.get(siteId)?.has(handoff.to_post_kind) ?? false;
  return worksPostKind(db, siteId, actor.personId, handoff.to_post_kind);
}

/**
 * 统计访客量 (PARK-POST-3) done for the car park: today's visits by hour, who is where now; and the
 * concierge's own count (GUARD-POST-3): today's visits that passed the concierge.
 */
export async function visitorCounts(deps: Deps, actor: Actor, siteId: string): Promise<VisitorCounts> {
  requireSiteMember(actor, siteId);
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const today = localParts(deps.clock.now(), site.time_zone).date;
  const from = instantAt(today, '00:00', site.time_zone);
  const to = instantAt(addDays(today, 1), '00:00', site.time_zone);
  const [arrived, open, capacity, parked, concierge] = await Promise.all([
    listVisitsArrivedBetween(deps.db, siteId, from, to),
    listOpenVisits(deps.db, siteId),
    carParkCapacityOf(deps, siteId),
    countParkedCars(deps.db, siteId),
    sumConciergeVisitsBetween(deps.db, siteId, from, to),
  ]);
  const byHour = new Map<number, { visits: number; guests: number }>();
  for (const v of arrived) {
    const hour = Math.floor(localParts(v.arrived_at, site.time_zone).minutes / 60);
    const h = byHour.get(hour) ?? { visits: 0, guests: 0 };
    h.visits += 1;
    h.guests += v.party_size;
    byHour.set(hour, h);
  }
  const byStage: Record<string, number> = {};
  for (const v of open) byStage[v.stage] = (byStage[v.stage] ?? 0) + v.party_size;
  return {
    date: today,
    onSite: open.filter((v) => v.stage !== 'departing').reduce((n, v) => n + v.party_size, 0),
    visitsToday: arrived.length,
    guestsToday: arrived.reduce((n, v) => n + v.party_size, 0),
    byStage,
    byHour: [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([hour, h]) => ({ hour, ...h })),
    carPark: { capacity, occupied: parked, isFull: capacity !== null && parked >= capacity },
    concierge,
  };
}

/** Guests on site now, for the shifts' clock-out guard (待客人离开后下班). */
export const visitGuestPresence = (db: Kysely<DB>, clock: { now(): number }) => ({
  countGuestsOnSite: async (siteId: string) => {
    // Guests who arrived before today cannot really still be here: a visit nobody closed last
    // night (before its day-end timer ran, or on a day it could not) holds nobody's clock-out.
    const site = await findSiteRow(db, siteId);
    const since = site ? instantAt(localParts(clock.now(), site.time_zone).date, '00:00', site.time_zone) : 0;
    return sumGuestsOnSite(db, siteId, since);
  },
});

/** One post's part in a visit: who received the guests there, and when. */
export interface VisitServiceStep {
  postKind: PostKind;
  personId: string;
  at: number;
}

/**
 * The posts a visit passed through and the people who held them, derived from its own records:
 * the registration (the car park for a car, the hall for guests on foot) and every hand-off a
 * post acknowledged. A consultant's hand-off names a salesperson, not a service post: left out.
 * Null when the visit is not the site's.
 */
export async function visitServiceOf(
  db: Kysely<DB>,
  siteId: string,
  visitId: string,
): Promise<{ visitId: string; status: string; arrivedAt: number; closedAt: number | null; steps: VisitServiceStep[] } | null> {
  const visit = await findVisitRow(db, siteId, visitId);
  if (!visit) return null;
  const handoffs = await listHandoffsOf(db, [visitId]);
  const arrivedAt = Number(visit.arrived_at);
  const steps: VisitServiceStep[] = [{ postKind: visit.arrival_mode === 'car' ? 'PARK' : 'HALL', personId: visit.registered_by, at: arrivedAt }];
  for (const h of handoffs)
    if (h.to_post_kind && h.acked_by && h.acked_at !== null)
      steps.push({ postKind: h.to_post_kind as PostKind, personId: h.acked_by, at: Number(h.acked_at) });
  return { visitId, status: visit.status, arrivedAt, closedAt: visit.closed_at === null ? null : Number(visit.closed_at), steps };
}
