import type { Kysely, Transaction } from 'kysely';
import type { DB, NotificationsTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function insertNotificationRow(db: Q, row: NotificationsTable): Promise<void> {
  await db.insertInto('notifications').values(row).execute();
}

export async function insertNotificationRows(db: Q, rows: NotificationsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

/** What one person sees: notices to the whole site, to them, and the ones they sent. */
export function listVisibleNotificationRows(db: Q, siteId: string, personId: string, page: PageRequest) {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('site_id', '=', siteId)
    .where((eb) => eb.or([eb('to_person_id', 'is', null), eb('to_person_id', '=', personId), eb('from_person_id', '=', personId)]));
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}
