import type { Kysely, Transaction } from 'kysely';
import type { DB, WeatherDeclarationsTable, WeatherWebhooksTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertDeclaration(db: Q, row: WeatherDeclarationsTable): Promise<void> {
  await db.insertInto('weather_declarations').values(row).execute();
}

export const findDeclaration = (db: Q, siteId: string, id: string) =>
  db.selectFrom('weather_declarations').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();

export const findDeclarationById = (db: Q, id: string) => db.selectFrom('weather_declarations').selectAll().where('id', '=', id).executeTakeFirst();

export const findActiveOfKind = (db: Q, siteId: string, kind: string) =>
  db
    .selectFrom('weather_declarations')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('kind', '=', kind)
    .where('ended_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export async function endDeclarationRow(db: Q, id: string, at: number, byName: string | null): Promise<void> {
  await db
    .updateTable('weather_declarations')
    .set({ ended_at: at, ended_by_name: byName })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

export function listDeclarationRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('weather_declarations').selectAll().where('site_id', '=', siteId);
  if (page.afterId) q = q.where('id', page.direction === 'asc' ? '>' : '<', page.afterId);
  return q
    .orderBy('id', page.direction)
    .limit(page.limit + 1)
    .execute();
}

export const findWebhook = (db: Q, siteId: string) => db.selectFrom('weather_webhooks').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export async function upsertWebhook(db: Q, row: WeatherWebhooksTable): Promise<void> {
  await db
    .insertInto('weather_webhooks')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('site_id')
        .doUpdateSet({ token_hash: row.token_hash, token_hint: row.token_hint, rotated_at: row.rotated_at, rotated_by: row.rotated_by }),
    )
    .execute();
}
