/** The visits module's per-site chain settings and the reads its timers need. */
import type { Kysely } from 'kysely';
import type { ConsultantAwayTable, DB, VisitChainSettingsTable } from '../../db/schema.js';

export const findChainSettingsRow = (db: Kysely<DB>, siteId: string) =>
  db.selectFrom('visit_chain_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function saveChainSettingsRow(db: Kysely<DB>, row: VisitChainSettingsTable): Promise<void> {
  const { site_id: _siteId, ...rest } = row;
  await db
    .insertInto('visit_chain_settings')
    .values(row)
    .onConflict((oc) => oc.column('site_id').doUpdateSet(rest))
    .execute();
}

export async function markHandoffRung(db: Kysely<DB>, handoffId: string, at: number): Promise<void> {
  await db.updateTable('visit_handoffs').set({ rung_at: at }).where('id', '=', handoffId).where('acked_at', 'is', null).execute();
}

/** Passes a rotation hand-off on to the next consultant, if nobody took it meanwhile (0: taken). */
export async function passHandoffTo(db: Kysely<DB>, handoffId: string, fromPersonId: string, toPersonId: string): Promise<number> {
  const r = await db
    .updateTable('visit_handoffs')
    .set({ to_person_id: toPersonId })
    .where('id', '=', handoffId)
    .where('to_person_id', '=', fromPersonId)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The site's open visits that arrived before `before`: the ones the day-end timer closes. */
export const listOpenVisitsArrivedBefore = (db: Kysely<DB>, siteId: string, before: number) =>
  db
    .selectFrom('visits')
    .select(['id', 'stage', 'party_size', 'stage_log'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where('arrived_at', '<', before)
    .orderBy('id')
    .execute();

export async function closeVisitAtDayEnd(db: Kysely<DB>, visitId: string, at: number): Promise<number> {
  const r = await db
    .updateTable('visits')
    .set({ status: 'closed', closed_at: at, closed_reason: 'day_end', updated_at: at, table_id: null, seated_at: null, waiting_since: null })
    .where('id', '=', visitId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The hand-offs sent in [from, to): the day board's time to acknowledge. */
export const listHandoffsSentBetween = (db: Kysely<DB>, siteId: string, from: number, to: number) =>
  db
    .selectFrom('visit_handoffs')
    .select(['to_target', 'to_post_kind', 'sent_by', 'sent_at', 'acked_by', 'acked_at', 'rung_at'])
    .where('site_id', '=', siteId)
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .execute();

/** How many of the visits that arrived in [from, to) the day-end timer closed. */
export async function countClosedAtDayEnd(db: Kysely<DB>, siteId: string, from: number, to: number): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('arrived_at', '>=', from)
    .where('arrived_at', '<', to)
    .where('closed_reason', '=', 'day_end')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The consultants of the site who said they are out of the rotation on `date`. */
export async function listConsultantsAwayOn(db: Kysely<DB>, siteId: string, date: string): Promise<Set<string>> {
  const rows = await db.selectFrom('consultant_away').select('person_id').where('site_id', '=', siteId).where('away_on', '=', date).execute();
  return new Set(rows.map((r) => r.person_id));
}

export const findConsultantAwayRow = (db: Kysely<DB>, siteId: string, personId: string) =>
  db.selectFrom('consultant_away').selectAll().where('site_id', '=', siteId).where('person_id', '=', personId).executeTakeFirst();

export async function saveConsultantAwayRow(db: Kysely<DB>, row: ConsultantAwayTable): Promise<void> {
  await db
    .insertInto('consultant_away')
    .values(row)
    .onConflict((oc) => oc.columns(['site_id', 'person_id']).doUpdateSet({ away_on: row.away_on, set_at: row.set_at }))
    .execute();
}

export async function deleteConsultantAwayRow(db: Kysely<DB>, siteId: string, personId: string): Promise<void> {
  await db.deleteFrom('consultant_away').where('site_id', '=', siteId).where('person_id', '=', personId).execute();
}
