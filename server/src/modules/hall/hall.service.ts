/**
 * The sales hall and its bar. Seating fills the tables against their seats; when no table has
 * room the party waits at the sand table (HALL-IN-7) in arrival order. Drinks ordered from the
 * hall phone queue at the bar; whoever serves them (the bar, or the hall when the bar is busy,
 * BAR-IN-1) starts the refill timer, and when it fires the hall's phones are prompted to go and
 * ask (HALL-DRINK-4) — a prompt to ask, never a guess at the cup.
 */
import { DEFAULT_REFILL_PROMPT_MINUTES, type DrinkOrder, type Hall, type SeatResult } from '@anchang/contracts';
import type { DrinkOrdersTable, HallTablesTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { readStandardSettings } from '../standards/index.js';
import { findVisitRecord, listHallVisits, setVisitSeat } from '../visits/index.js';
import { findDrinkOrder, findDrinkOrderById, findTable, insertTable, listBarQueue, listTables, moveDrinkOrder } from './hall.repository.js';

const REFILL_TIMER = 'drink.refill';

export async function createTable(deps: Deps, actor: Actor, siteId: string, input: { name: string; seats: number }): Promise<Hall> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const name = input.name.trim();
  try {
    await inTransaction(deps, async (tx) => {
      const row: HallTablesTable = { id: newId(), site_id: siteId, name, seats: input.seats, created_at: tx.now };
      await insertTable(tx.trx, row);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'hall.table_create',
        entityType: 'hall_table',
        entityId: row.id,
        detail: { name: row.name, seats: row.seats },
      });
      tx.emit({ siteId }, 'hall.changed', { visitId: null });
    });
  } catch (err) {
    // The id is the server's own: the one unique rule a new table can break is its name on the site.
    if (isUniqueViolation(err)) throw new AppError('TABLE_NAME_TAKEN', { message: 'A table of the hall already has this name', params: { name } });
    throw err;
  }
  return getHall(deps, actor, siteId);
}

export async function getHall(deps: Deps, actor: Actor, siteId: string): Promise<Hall> {
  requireSiteMember(actor, siteId);
  const [tables, visits] = await Promise.all([listTables(deps.db, siteId), listHallVisits(deps.db, siteId)]);
  const byTable = tables.map((t) => {
    const seated = visits.filter((v) => v.table_id === t.id);
    return {
      id: t.id,
      name: t.name,
      seats: t.seats,
      occupied: seated.reduce((n, v) => n + v.party_size, 0),
      visits: seated.map((v) => ({ visitId: v.id, partySize: v.party_size, seatedAt: v.seated_at ?? 0 })),
    };
  });
  return {
    tables: byTable,
    seats: byTable.reduce((n, t) => n + t.seats, 0),
    occupied: byTable.reduce((n, t) => n + t.occupied, 0),
    waiting: visits
      .filter((v) => v.waiting_since !== null && v.waiting_since !== undefined)
      .map((v) => ({ visitId: v.id, partySize: v.party_size, since: v.waiting_since! })),
  };
}

/** Seats the party at the table asked for, or at the first with room; otherwise puts it on the waiting list. */
export async function seatVisit(deps: Deps, actor: Actor, siteId: string, visitId: string, input: { tableId?: string }): Promise<SeatResult> {
  requireSiteMember(actor, siteId);
  return inTransaction(deps, async (tx) => {
    const visit = await findVisitRecord(tx.trx, siteId, visitId);
    if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
    if (visit.status !== 'open' || visit.stage !== 'hall') throw new AppError('NOT_IN_HALL', { params: { stage: visit.stage } });
    const [tables, visits] = await Promise.all([listTables(tx.trx, siteId), listHallVisits(tx.trx, siteId)]);
    const free = (t: HallTablesTable) =>
      t.seats - visits.filter((v) => v.table_id === t.id && v.id !== visitId).reduce((n, v) => n + v.party_size, 0);
    let table: HallTablesTable | undefined;
    if (input.tableId) {
      table = tables.find((t) => t.id === input.tableId);
      if (!table) throw new AppError('TABLE_NOT_FOUND', { params: { tableId: input.tableId } });
      if (free(table) < visit.party_size) throw new AppError('TABLE_FULL', { params: { free: free(table), partySize: visit.party_size } });
    } else {
      table = tables.find((t) => free(t) >= visit.party_size);
    }
    tx.emit({ siteId }, 'hall.changed', { visitId });
    if (table) {
      await setVisitSeat(tx.trx, visitId, { table_id: table.id, seated_at: tx.now, waiting_since: null });
      await recordAudit(tx, actorRef(actor), { siteId, action: 'hall.seat', entityType: 'visit', entityId: visitId, detail: { table: table.name } });
      return { seated: true, tableId: table.id, waitingPosition: null };
    }
    const since = visit.waiting_since ?? tx.now;
    await setVisitSeat(tx.trx, visitId, { table_id: null, seated_at: null, waiting_since: since });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'hall.wait',
      entityType: 'visit',
      entityId: visitId,
      detail: { partySize: visit.party_size },
    });
    const position =
      visits.filter((v) => v.waiting_since !== null && v.waiting_since !== undefined && v.id !== visitId && v.waiting_since <= since).length + 1;
    return { seated: false, tableId: null, waitingPosition: position };
  });
}

function toDrinkOrder(row: DrinkOrdersTable, tableName: string | null): DrinkOrder {
  return {
    id: row.id,
    visitId: row.visit_id,
    tableId: row.table_id,
    tableName,
    lines: JSON.parse(row.lines) as DrinkOrder['lines'],
    status: row.status as DrinkOrder['status'],
    orderedAt: row.ordered_at,
    madeAt: row.made_at,
    servedAt: row.served_at,
    servedByPost: row.served_by_post as DrinkOrder['servedByPost'],
  };
}

async function withTableNames(deps: Pick<Deps, 'db'>, siteId: string, rows: DrinkOrdersTable[]): Promise<DrinkOrder[]> {
  const names = new Map((await listTables(deps.db, siteId)).map((t) => [t.id, t.name]));
  return rows.map((r) => toDrinkOrder(r, r.table_id ? (names.get(r.table_id) ?? null) : null));
}

export async function orderDrinks(
  deps: Deps,
  actor: Actor,
  siteId: string,
  visitId: string,
  input: { id: string; lines: DrinkOrder['lines'] },
): Promise<{ order: DrinkOrder; created: boolean }> {
  requireSiteMember(actor, siteId);
  const visit = await findVisitRecord(deps.db, siteId, visitId);
  if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  if (visit.status !== 'open' || visit.stage !== 'hall') throw new AppError('NOT_IN_HALL', { params: { stage: visit.stage } });
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findDrinkOrderById(deps.db, input.id);
      if (stored && stored.visit_id !== visitId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inWriteBatch(deps, async (tx) => {
        const row: DrinkOrdersTable = {
          id: input.id,
          site_id: siteId,
          visit_id: visitId,
          table_id: visit.table_id ?? null,
          lines: JSON.stringify(input.lines),
          status: 'ordered',
          ordered_by: actor.personId,
          ordered_at: tx.now,
          made_at: null,
          served_at: null,
          served_by_post: null,
        };
        tx.deferInsert('drink_orders', row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'drink.order',
          entityType: 'drink_order',
          entityId: row.id,
          detail: { lines: input.lines },
        });
        tx.emit({ siteId }, 'drink.changed', { orderId: row.id, visitId, status: 'ordered' });
        return row;
      }),
  );
  return { order: (await withTableNames(deps, siteId, [value]))[0]!, created };
}

export async function markDrinkMade(deps: Deps, actor: Actor, siteId: string, orderId: string): Promise<DrinkOrder> {
  return moveOrder(deps, actor, siteId, orderId, 'ordered', async (tx) => ({ status: 'made', made_at: tx.now }));
}

export async function markDrinkServed(deps: Deps, actor: Actor, siteId: string, orderId: string, by: 'BAR' | 'HALL'): Promise<DrinkOrder> {
  const settings = await readStandardSettings(deps.db, siteId);
  return moveOrder(deps, actor, siteId, orderId, 'made', async (tx) => {
    const minutes = settings.refillPromptMinutes ?? DEFAULT_REFILL_PROMPT_MINUTES;
    await scheduleTimer(tx, { id: `${REFILL_TIMER}:${orderId}`, kind: REFILL_TIMER, siteId, dueAt: tx.now + minutes * 60_000, payload: { orderId } });
    return { status: 'served', served_at: tx.now, served_by_post: by };
  });
}

async function moveOrder(
  deps: Deps,
  actor: Actor,
  siteId: string,
  orderId: string,
  from: 'ordered' | 'made',
  patchFor: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<Partial<DrinkOrdersTable>>,
): Promise<DrinkOrder> {
  requireSiteMember(actor, siteId);
  const order = await findDrinkOrder(deps.db, siteId, orderId);
  if (!order) throw new AppError('DRINK_ORDER_NOT_FOUND', { params: { orderId } });
  await inTransaction(deps, async (tx) => {
    const patch = await patchFor(tx);
    if ((await moveDrinkOrder(tx.trx, orderId, from, patch)) === 0)
      throw new AppError('DRINK_ORDER_STATE', { params: { status: order.status, expected: from } });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `drink.${patch.status}`,
      entityType: 'drink_order',
      entityId: orderId,
      detail: { by: patch.served_by_post ?? null },
    });
    tx.emit({ siteId }, 'drink.changed', { orderId, visitId: order.visit_id, status: patch.status ?? order.status });
  });
  return (await withTableNames(deps, siteId, [(await findDrinkOrder(deps.db, siteId, orderId))!]))[0]!;
}

export async function barQueue(deps: Deps, actor: Actor, siteId: string): Promise<DrinkOrder[]> {
  requireSiteMember(actor, siteId);
  return withTableNames(deps, siteId, await listBarQueue(deps.db, siteId));
}

/** When a refill timer fires: prompt the hall if the guests are still seated in the hall. */
export function registerHallTimers(timers: TimerRunner): void {
  timers.register(REFILL_TIMER, async (tx, timer) => {
    const { orderId } = timer.payload as { orderId: string };
    const order = await findDrinkOrderById(tx.trx, orderId);
    if (!order) return;
    const visit = await findVisitRecord(tx.trx, order.site_id, order.visit_id);
    if (!visit || visit.status !== 'open' || visit.stage !== 'hall') return;
    const table = visit.table_id ? await findTable(tx.trx, order.site_id, visit.table_id) : undefined;
    tx.emit({ siteId: order.site_id }, 'drink.refill_prompt', { orderId, visitId: order.visit_id, tableName: table?.name ?? null });
  });
}
