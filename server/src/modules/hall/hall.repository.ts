import type { Kysely } from 'kysely';
import type { DB, DrinkOrdersTable, HallTablesTable } from '../../db/schema.js';

export const listTables = (db: Kysely<DB>, siteId: string) =>
  db.selectFrom('hall_tables').selectAll().where('site_id', '=', siteId).orderBy('name').execute();
export const findTable = (db: Kysely<DB>, siteId: string, tableId: string) =>
  db.selectFrom('hall_tables').selectAll().where('site_id', '=', siteId).where('id', '=', tableId).executeTakeFirst();

export async function insertTable(db: Kysely<DB>, row: HallTablesTable): Promise<void> {
  await db.insertInto('hall_tables').values(row).execute();
}

export const findDrinkOrder = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('drink_orders').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findDrinkOrderById = (db: Kysely<DB>, id: string) => db.selectFrom('drink_orders').selectAll().where('id', '=', id).executeTakeFirst();

export function listBarQueue(db: Kysely<DB>, siteId: string) {
  return db
    .selectFrom('drink_orders')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '!=', 'served')
    .orderBy('ordered_at')
    .limit(200)
    .execute();
}

export async function moveDrinkOrder(db: Kysely<DB>, id: string, from: string, patch: Partial<DrinkOrdersTable>): Promise<number> {
  return Number((await db.updateTable('drink_orders').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()).numUpdatedRows);
}
