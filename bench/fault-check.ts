/**
 * The fault run's check against the database, read-only: was every write that got a 2xx stored,
 * and stored once?
 *
 * A write is *found* when its row is there (the visit, the hand-off acknowledged by this person,
 * the closed shift, the photo, the result, the scan, the work order and its event for the move)
 * and the audit entry its transaction writes beside it is there too. It is *duplicated* when its
 * audit entry (or, for a work-order move, its event) is there more than once. Rows the clients'
 * people own whose id no client ever chose, and audit entries that match no write, are
 * duplicates too: that is how a retry stored under a new server-made id shows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.js';
import { WRITE_KINDS, type WriteKind, type WriteRecord } from './fault-clients.js';

export interface KindTally {
  writes: number;
  answered: number;
  /** Unanswered at least once, then sent again with the same id. */
  retried: number;
  doubleSent: number;
  found: number;
  duplicated: number;
  lost: number;
  refused: number;
  unresolved: number;
}

export interface CheckResult {
  byKind: Map<WriteKind, KindTally>;
  /** Rows or audit entries no write asked for (each counts as a duplicate). */
  strays: string[];
  /** One line per lost, duplicated, refused or unresolved write. */
  problems: string[];
}

const AUDIT_ACTION: Record<WriteKind, string> = {
  'visit.register': 'visit.register',
  'visit.ack': 'visit.ack',
  'visit.handoff': 'visit.handoff',
  'shift.clock_in': 'shift.clock_in',
  'photo.upload': 'photo.upload',
  'shift.result': 'shift.checklist',
  'shift.clock_out': 'shift.clock_out',
  'checkpoint.scan': 'checkpoint.scan',
  'repair.report': 'work_order.report',
  'repair.accept': 'work_order.accept',
  'repair.arrive': 'work_order.arrive',
  'repair.start': 'work_order.start',
  'repair.done': 'work_order.done',
};
const MOVE_STATUS: Partial<Record<WriteKind, string>> = {
  'repair.report': 'reported',
  'repair.accept': 'accepted',
  'repair.arrive': 'arrived',
  'repair.start': 'working',
  'repair.done': 'done',
};

/** How an audit entry names its write: the same string as `writeSignature` of that write. */
function auditSignature(action: string, entityId: string | null, detail: Record<string, unknown>): string {
  switch (action) {
    case 'visit.ack':
    case 'visit.handoff':
      return `${action}|${entityId}|${String(detail.to)}`;
    case 'shift.checklist':
      return `${action}|${entityId}|${String(detail.itemId)}`;
    case 'checkpoint.scan':
      return `${action}|${String(detail.scanId)}`;
    default:
      return `${action}|${entityId}`;
  }
}

/** Writes whose audit entry names an entity and a detail (the others are named by their own id). */
const NAMED_BY_ENTITY_AND_DETAIL: readonly WriteKind[] = ['visit.ack', 'visit.handoff', 'shift.result'];

function writeSignature(w: WriteRecord): string {
  const action = AUDIT_ACTION[w.kind];
  return NAMED_BY_ENTITY_AND_DETAIL.includes(w.kind) ? `${action}|${w.entity}|${w.detail}` : `${action}|${w.key}`;
}

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function idsIn(run: (ids: string[]) => Promise<string[]>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)])) for (const id of await run(part)) found.add(id);
  return found;
}

/** The writes in `writes` whose row is not in the database (the audit entry aside): what a restart lost. */
export async function findMissingRows(db: Kysely<DB>, writes: readonly WriteRecord[]): Promise<WriteRecord[]> {
  const present = await presentRows(db, writes);
  return writes.filter((w) => !present.has(`${w.kind}|${w.key}`));
}

/** `kind|key` of every write whose row is there. */
async function presentRows(db: Kysely<DB>, writes: readonly WriteRecord[]): Promise<Set<string>> {
  const keysOf = (...kinds: WriteKind[]) => writes.filter((w) => kinds.includes(w.kind)).map((w) => w.key);
  const present = new Set<string>();
  const mark = (kind: WriteKind, ids: Set<string>) => {
    for (const id of ids) present.add(`${kind}|${id}`);
  };

  mark(
    'visit.register',
    await idsIn(
      async (ids) => (await db.selectFrom('visits').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('visit.register'),
    ),
  );
  mark(
    'visit.handoff',
    await idsIn(
      async (ids) => (await db.selectFrom('visit_handoffs').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('visit.handoff'),
    ),
  );
  // An ack is there when the hand-off is acknowledged by the person who sent the ack.
  const acks = writes.filter((w) => w.kind === 'visit.ack');
  const ackedBy = new Map<string, string | null>();
  for (const part of chunks(acks.map((w) => w.key)))
    for (const r of await db
      .selectFrom('visit_handoffs')
      .select(['id', 'acked_by'])
      .where('id', 'in', part)
      .where('acked_at', 'is not', null)
      .execute())
      ackedBy.set(r.id, r.acked_by);
  for (const w of acks) if (ackedBy.get(w.key) === w.personId) present.add(`${w.kind}|${w.key}`);

  mark(
    'shift.clock_in',
    await idsIn(
      async (ids) => (await db.selectFrom('shifts').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('shift.clock_in'),
    ),
  );
  mark(
    'shift.clock_out',
    await idsIn(
      async (ids) => (await db.selectFrom('shifts').select('id').where('id', 'in', ids).where('status', '=', 'closed').execute()).map((r) => r.id),
      keysOf('shift.clock_out'),
    ),
  );
  mark(
    'photo.upload',
    await idsIn(
      async (ids) => (await db.selectFrom('photos').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('photo.upload'),
    ),
  );
  mark(
    'shift.result',
    await idsIn(
      async (ids) => (await db.selectFrom('checklist_results').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('shift.result'),
    ),
  );
  mark(
    'checkpoint.scan',
    await idsIn(
      async (ids) => (await db.selectFrom('checkpoint_scans').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
      keysOf('checkpoint.scan'),
    ),
  );
  // A work-order write is there when the order has the event of the state it moved to.
  const repairKinds = WRITE_KINDS.filter((k) => MOVE_STATUS[k] !== undefined);
  const eventsOf = await workOrderEvents(db, keysOf(...repairKinds));
  for (const w of writes) {
    const status = MOVE_STATUS[w.kind];
    if (status && (eventsOf.get(`${w.key}|${status}`) ?? 0) > 0) present.add(`${w.kind}|${w.key}`);
  }
  return present;
}

/**
 * A person's steps per `workOrderId|status`. Escalations are events too (a repair not reached in
 * time, with the status it is still in), but nobody's: they are left out.
 */
async function workOrderEvents(db: Kysely<DB>, workOrderIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(workOrderIds)])) {
    const rows = await db
      .selectFrom('work_order_events')
      .select(['work_order_id', 'status'])
      .where('work_order_id', 'in', part)
      .where('by_person', 'is not', null)
      .execute();
    for (const r of rows) counts.set(`${r.work_order_id}|${r.status}`, (counts.get(`${r.work_order_id}|${r.status}`) ?? 0) + 1);
  }
  return counts;
}

/** The full check, once the clients have stopped. */
export async function checkWrites(db: Kysely<DB>, siteId: string, personIds: string[], log: readonly WriteRecord[]): Promise<CheckResult> {
  const problems: string[] = [];
  const strays: string[] = [];
  const present = await presentRows(db, log);

  // Audit entries of the clients' people, for the actions the clients' writes record.
  const actions = [...new Set(Object.values(AUDIT_ACTION))];
  const auditCount = new Map<string, number>();
  for (const people of chunks(personIds)) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'detail'])
      .where('site_id', '=', siteId)
      .where('actor_id', 'in', people)
      .where('action', 'in', actions)
      .execute();
    for (const r of rows) {
      const signature = auditSignature(r.action, r.entity_id, JSON.parse(r.detail) as Record<string, unknown>);
      auditCount.set(signature, (auditCount.get(signature) ?? 0) + 1);
    }
  }
  const events = await workOrderEvents(
    db,
    log.filter((w) => MOVE_STATUS[w.kind] !== undefined).map((w) => w.key),
  );

  const byKind = new Map<WriteKind, KindTally>(
    WRITE_KINDS.map((k) => [k, { writes: 0, answered: 0, retried: 0, doubleSent: 0, found: 0, duplicated: 0, lost: 0, refused: 0, unresolved: 0 }]),
  );
  const expectedSignatures = new Set<string>();
  for (const w of log) {
    const t = byKind.get(w.kind)!;
    const signature = writeSignature(w);
    expectedSignatures.add(signature);
    t.writes += 1;
    if (w.unanswered > 0) t.retried += 1;
    if (w.doubleSent) t.doubleSent += 1;
    const audits = auditCount.get(signature) ?? 0;
    const status = MOVE_STATUS[w.kind];
    const copies = Math.max(audits, status ? (events.get(`${w.key}|${status}`) ?? 0) : 0);
    const isThere = present.has(`${w.kind}|${w.key}`) && audits > 0;
    if (isThere) t.found += 1;
    if (copies > 1) {
      t.duplicated += 1;
      problems.push(`duplicated ×${copies}: ${describe(w)}`);
    }
    if (w.outcome === 'answered') {
      t.answered += 1;
      if (!isThere) {
        t.lost += 1;
        problems.push(`lost (answered ${w.status}): ${describe(w)}`);
      }
    } else if (w.outcome === 'refused') {
      t.refused += 1;
      problems.push(`refused ${w.status} ${w.refusal}: ${describe(w)}`);
    } else {
      t.unresolved += 1;
      problems.push(`never answered (${w.refusal}): ${describe(w)}`);
    }
  }
  for (const [signature, n] of auditCount)
    if (!expectedSignatures.has(signature)) strays.push(`audit entry no write asked for (×${n}): ${signature}`);
  strays.push(...(await strayRows(db, siteId, personIds, log)));
  return { byKind, strays, problems: [...problems, ...strays] };
}

/** Rows owned by the clients' people under ids none of their writes chose. */
async function strayRows(db: Kysely<DB>, siteId: string, personIds: string[], log: readonly WriteRecord[]): Promise<string[]> {
  const chosen = new Set(log.map((w) => w.key));
  const out: string[] = [];
  const report = (table: string, ids: string[]) => {
    for (const id of ids) if (!chosen.has(id)) out.push(`${table} row no write chose: ${id}`);
  };
  for (const people of chunks(personIds)) {
    report(
      'visits',
      (await db.selectFrom('visits').select('id').where('site_id', '=', siteId).where('registered_by', 'in', people).execute()).map((r) => r.id),
    );
    // The hand-off to the hall is made by the registration itself, under the server's id.
    report(
      'visit_handoffs',
      (
        await db
          .selectFrom('visit_handoffs')
          .select('id')
          .where('site_id', '=', siteId)
          .where('sent_by', 'in', people)
          .where('to_target', '!=', 'hall')
          .execute()
      ).map((r) => r.id),
    );
    const hallHandoffs = await db
      .selectFrom('visit_handoffs')
      .select(['visit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('sent_by', 'in', people)
      .where('to_target', '=', 'hall')
      .groupBy('visit_id')
      .execute();
    for (const h of hallHandoffs) if (Number(h.n) > 1) out.push(`visit ${h.visit_id} handed to the hall ${h.n} times`);
    report(
      'shifts',
      (await db.selectFrom('shifts').select('id').where('site_id', '=', siteId).where('person_id', 'in', people).execute()).map((r) => r.id),
    );
    report(
      'photos',
      (await db.selectFrom('photos').select('id').where('site_id', '=', siteId).where('uploaded_by', 'in', people).execute()).map((r) => r.id),
    );
    report(
      'checklist_results',
      (
        await db
          .selectFrom('checklist_results as r')
          .innerJoin('shifts as s', 's.id', 'r.shift_id')
          .select('r.id')
          .where('s.site_id', '=', siteId)
          .where('s.person_id', 'in', people)
          .execute()
      ).map((r) => r.id),
    );
    report(
      'checkpoint_scans',
      (await db.selectFrom('checkpoint_scans').select('id').where('site_id', '=', siteId).where('person_id', 'in', people).execute()).map(
        (r) => r.id,
      ),
    );
    report(
      'work_orders',
      (await db.selectFrom('work_orders').select('id').where('site_id', '=', siteId).where('reported_by', 'in', people).execute()).map((r) => r.id),
    );
  }
  return out;
}

function describe(w: WriteRecord): string {
  const extra = w.entity !== w.key ? ` on ${w.entity}${w.detail ? ` (${w.detail})` : ''}` : '';
  return `${w.kind} ${w.key}${extra}, ${w.attempts} request(s), ${w.unanswered} unanswered${w.doubleSent ? ', double-sent' : ''}`;
}

export function totalOf(byKind: Map<WriteKind, KindTally>): KindTally {
  const total: KindTally = { writes: 0, answered: 0, retried: 0, doubleSent: 0, found: 0, duplicated: 0, lost: 0, refused: 0, unresolved: 0 };
  for (const t of byKind.values()) for (const k of Object.keys(total) as (keyof KindTally)[]) total[k] += t[k];
  return total;
}
