import type { Kysely } from 'kysely';
import type { DB, IncidentsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

export const findIncidentRow = (db: Kysely<DB>, siteId: string, id: string) =>
  db.selectFrom('incidents').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
export const findIncidentById = (db: Kysely<DB>, id: string) => db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();

export function listIncidentRows(db: Kysely<DB>, siteId: string, page: PageRequest, status: string | undefined) {
  let q = db.selectFrom('incidents').selectAll().where('site_id', '=', siteId);
  if (status) q = q.where('status', '=', status);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function updateOpenIncident(db: Kysely<DB>, id: string, patch: Partial<IncidentsTable>): Promise<number> {
  return Number((await db.updateTable('incidents').set(patch).where('id', '=', id).where('status', '=', 'open').executeTakeFirst()).numUpdatedRows);
}

/** For period figures: incidents reported in [fromMs, toMs), counted per kind and severity. */
export async function countIncidentsOfPeriod(db: Kysely<DB>, siteId: string, fromMs: number, toMs: number) {
  const rows = await db
    .selectFrom('incidents')
    .select(['kind', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('site_id', '=', siteId)
    .where('reported_at', '>=', fromMs)
    .where('reported_at', '<', toMs)
    .groupBy(['kind', 'severity'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, severity: r.severity, count: Number(r.n) }));
}
