import type { Kysely, Transaction } from 'kysely';
import type { DB, HandoverSettingsTable, HandoversTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export const findHandoverRow = (db: Q, siteId: string, id: string) =>
  db.selectFrom('handovers').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findHandoverById = (db: Q, id: string) => db.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertHandoverRow(db: Q, row: HandoversTable): Promise<void> {
  await db.insertInto('handovers').values(row).execute();
}

/** The day's handovers, newest first, paged by id (UUIDv7: in the order they were written). */
export function listHandoverRowsOn(db: Q, siteId: string, date: string, page: PageRequest) {
  let q = db.selectFrom('handovers').selectAll().where('site_id', '=', siteId).where('date', '=', date);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Unconfirmed handovers on these posts (or naming this person) not written by them, oldest first. */
export function listToConfirmRows(db: Q, siteId: string, personId: string, postIds: string[]) {
  return db
    .selectFrom('handovers')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'written')
    .where('from_person_id', '!=', personId)
    .where((eb) => eb.or([eb('expected_person_id', '=', personId), ...(postIds.length > 0 ? [eb('post_id', 'in', postIds)] : [])]))
    .orderBy('id')
    .limit(20)
    .execute();
}

export const listWrittenByRows = (db: Q, siteId: string, personId: string) =>
  db
    .selectFrom('handovers')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('from_person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(5)
    .execute();

/** Confirms only while still unconfirmed; returns rows changed (0: someone confirmed first). */
export async function confirmHandoverRow(
  db: Q,
  id: string,
  patch: Pick<HandoversTable, 'confirmed_by' | 'confirmed_at' | 'confirm_note'>,
): Promise<number> {
  const r = await db
    .updateTable('handovers')
    .set({ ...patch, status: 'confirmed' })
    .where('id', '=', id)
    .where('status', '=', 'written')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Marks the supervisor alerted once; returns rows changed (0: confirmed meanwhile, or already alerted). */
export async function markHandoverAlerted(db: Q, id: string, at: number): Promise<number> {
  const r = await db
    .updateTable('handovers')
    .set({ alerted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'written')
    .where('alerted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const findHandoverSettingsRow = (db: Q, siteId: string) =>
  db.selectFrom('handover_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function upsertHandoverSettingsRow(db: Q, row: HandoverSettingsTable): Promise<void> {
  await db
    .insertInto('handover_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('site_id').doUpdateSet({ confirm_minutes: row.confirm_minutes, post_kinds: row.post_kinds, updated_at: row.updated_at }),
    )
    .execute();
}
