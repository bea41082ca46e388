/**
 * GUARD-IN-8/9: the concierge calls the shuttle for guests leaving the model room. The drivers'
 * phones ring with where to pick them up; the pick-up time is measured from the call to a driver
 * taking it and on to the trip starting. A timer in the database fires at the site's limit (3
 * minutes unless set): a call no driver took by then makes the concierge's phone prompt the apology
 * (电瓶车马上就到), and the wait is recorded for the board and the day's figures.
 */
import { hasRole, ROLE_GROUPS, type PageOf, type ShuttleCall, type ShuttlePickup } from '@anchang/contracts';
import type { ShuttleCallsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { writeOnce } from '../../platform/idempotent.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { readStandardSettings } from '../standards/index.js';
import { openVisitsAmong } from '../visits/index.js';
import {
  findShuttleCallById,
  insertShuttleCall,
  listShuttleCallRows,
  markShuttleCallApology,
  startShuttleCallRow,
  takeShuttleCallRow,
} from './shuttle.repository.js';

export const SHUTTLE_CALL_TIMER = 'shuttle-call-limit';
export const DEFAULT_SHUTTLE_CALL_LIMIT_SECONDS = 180;
const callTimerId = (callId: string) => `${SHUTTLE_CALL_TIMER}:${callId}`;

function requireWriter(actor: Actor, siteId: string): void {
  if (!hasRole(ROLE_GROUPS.visitWriters, requireSiteMember(actor, siteId))) throw forbidden();
}

export function callStatus(row: Pick<ShuttleCallsTable, 'taken_by' | 'trip_id'>): ShuttleCall['status'] {
  return row.trip_id ? 'started' : row.taken_by ? 'taken' : 'waiting';
}

async function toCalls(deps: Pick<Deps, 'db'>, rows: ShuttleCallsTable[]): Promise<ShuttleCall[]> {
  const names = await findPersonNames(deps.db, [...new Set(rows.flatMap((r) => [r.called_by, ...(r.taken_by ? [r.taken_by] : [])]))]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    pickup: r.pickup as ShuttlePickup,
    visitIds: JSON.parse(r.visit_ids) as string[],
    guests: r.guests,
    note: r.note,
    calledBy: r.called_by,
    calledByName: names.get(r.called_by) ?? '',
    calledAt: Number(r.called_at),
    dueAt: Number(r.due_at),
    takenBy: r.taken_by,
    takenByName: r.taken_by ? (names.get(r.taken_by) ?? null) : null,
    takenAt: r.taken_at === null ? null : Number(r.taken_at),
    tripId: r.trip_id,
    tripStartedAt: r.trip_started_at === null ? null : Number(r.trip_started_at),
    apologyAt: r.apology_at === null ? null : Number(r.apology_at),
    status: callStatus(r),
  }));
}

async function requireCall(deps: Pick<Deps, 'db'>, siteId: string, callId: string): Promise<ShuttleCallsTable> {
  const row = await findShuttleCallById(deps.db, callId);
  if (!row || row.site_id !== siteId) throw new AppError('SHUTTLE_CALL_NOT_FOUND', { params: { callId } });
  return row;
}

export async function callShuttle(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; pickup: ShuttlePickup; visitIds: string[]; note?: string },
): Promise<{ call: ShuttleCall; created: boolean }> {
  requireWriter(actor, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findShuttleCallById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      // Only customers ride (SHUTTLE duty 7): the call names guests on site now.
      const visits = await openVisitsAmong(deps.db, siteId, input.visitIds);
      if (visits.length !== input.visitIds.length)
        throw new AppError('VISIT_NOT_BOARDABLE', {
          params: { visitIds: input.visitIds.filter((id) => !visits.some((v) => v.id === id)) },
        });
      const settings = await readStandardSettings(deps.db, siteId);
      const limitMs = (settings.shuttleCallLimitSeconds ?? DEFAULT_SHUTTLE_CALL_LIMIT_SECONDS) * 1000;
      return inTransaction(deps, async (tx) => {
        const row: ShuttleCallsTable = {
          id: input.id,
          site_id: siteId,
          pickup: input.pickup,
          visit_ids: JSON.stringify(input.visitIds),
          guests: visits.reduce((n, v) => n + v.party_size, 0),
          note: (input.note ?? '').trim(),
          called_by: actor.personId,
          called_at: tx.now,
          due_at: tx.now + limitMs,
          taken_by: null,
          taken_at: null,
          trip_id: null,
          trip_started_at: null,
          apology_at: null,
        };
        await insertShuttleCall(tx.trx, row);
        await scheduleTimer(tx, { id: callTimerId(row.id), kind: SHUTTLE_CALL_TIMER, siteId, dueAt: row.due_at, payload: { callId: row.id } });
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'shuttle.call',
          entityType: 'shuttle_call',
          entityId: row.id,
          detail: { pickup: row.pickup, guests: row.guests },
        });
        tx.emit({ siteId }, 'shuttle.called', { callId: row.id, pickup: row.pickup, guests: row.guests, fromName: actor.name });
        return row;
      });
    },
  );
  return { call: (await toCalls(deps, [value]))[0]!, created };
}

/** A driver takes the call: the first tap wins, the others hear who did. */
export async function takeShuttleCall(deps: Deps, actor: Actor, siteId: string, callId: string): Promise<ShuttleCall> {
  requireWriter(actor, siteId);
  const call = await requireCall(deps, siteId, callId);
  if (call.taken_by === actor.personId) return (await toCalls(deps, [call]))[0]!; // a retried tap
  await inTransaction(deps, async (tx) => {
    if ((await takeShuttleCallRow(tx.trx, callId, actor.personId, tx.now)) === 0) {
      const taken = await findShuttleCallById(tx.trx, callId);
      if (taken?.taken_by === actor.personId) return;
      const byName = taken?.taken_by ? ((await findPersonNames(tx.trx, [taken.taken_by])).get(taken.taken_by) ?? '') : '';
      throw new AppError('SHUTTLE_CALL_TAKEN', { message: 'Another driver took this call', params: { callId, takenByName: byName } });
    }
    await recordAudit(tx, actorRef(actor), { siteId, action: 'shuttle.call_take', entityType: 'shuttle_call', entityId: callId, detail: {} });
    tx.emit({ siteId }, 'shuttle.call_changed', { callId, status: 'taken', takenByName: actor.name });
  });
  return (await toCalls(deps, [await requireCall(deps, siteId, callId)]))[0]!;
}

/**
 * The trip answering a call has started (inside the trip's own write): the pick-up time ends here.
 * A call already answered by another trip is left as it is.
 */
export async function markCallTripStarted(tx: Tx, actor: Actor, siteId: string, callId: string, tripId: string): Promise<void> {
  const call = await findShuttleCallById(tx.trx, callId);
  if (!call || call.site_id !== siteId) throw new AppError('SHUTTLE_CALL_NOT_FOUND', { params: { callId } });
  if (call.taken_by && call.taken_by !== actor.personId && !call.trip_id)
    throw new AppError('SHUTTLE_CALL_TAKEN', { message: 'Another driver took this call', params: { callId } });
  if ((await startShuttleCallRow(tx.trx, call, tripId, actor.personId, tx.now)) === 0) return;
  tx.emit({ siteId }, 'shuttle.call_changed', { callId, status: 'started', takenByName: actor.name });
}

export async function listShuttleCalls(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { status?: 'open'; limit?: number; cursor?: string },
): Promise<PageOf<ShuttleCall>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listShuttleCallRows(deps.db, siteId, page, query.status === 'open'), page, (rows) => toCalls(deps, rows));
}

/** GUARD-IN-9 at the limit: nobody took the call, the concierge apologises and the wait counts. */
export function registerShuttleCallTimers(timers: TimerRunner): void {
  timers.register(SHUTTLE_CALL_TIMER, async (tx, timer) => {
    const payload = timer.payload as { callId?: unknown } | null;
    if (typeof payload?.callId !== 'string') return; // not a payload this code wrote: nothing to do
    const call = await findShuttleCallById(tx.trx, payload.callId);
    if (!call || call.taken_by !== null) return;
    if ((await markShuttleCallApology(tx.trx, call.id, tx.now)) === 0) return;
    const site = await findSiteRow(tx.trx, call.site_id);
    if (!site) return;
    await recordAudit(
      tx,
      { personId: null, name: null, companyId: site.company_id, requestId: null },
      {
        siteId: call.site_id,
        action: 'shuttle.call_overdue',
        entityType: 'shuttle_call',
        entityId: call.id,
        detail: { waitedMs: tx.now - call.called_at },
      },
    );
    tx.emit({ siteId: call.site_id }, 'shuttle.call_overdue', {
      callId: call.id,
      pickup: call.pickup,
      guests: call.guests,
      waitedMs: tx.now - Number(call.called_at),
    });
  });
}
