/** The integrations module's tables: channels, the notice outbox, deliveries and their attempts. */
import type { Kysely, Transaction, Updateable } from 'kysely';
import { lockForClaim, type DialectName } from '../../db/create-db.js';
import type { DB, GroupNoticesTable, NotifyChannelsTable, OutboundAttemptsTable, OutboundDeliveriesTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---- channels ----

export async function insertChannel(db: Db, row: NotifyChannelsTable): Promise<void> {
  await db.insertInto('notify_channels').values(row).execute();
}

export async function updateChannelRow(db: Db, id: string, patch: Updateable<NotifyChannelsTable>): Promise<void> {
  await db.updateTable('notify_channels').set(patch).where('id', '=', id).execute();
}

/** A channel of the site that was not deleted. */
export async function findChannelRow(db: Db, siteId: string, id: string): Promise<NotifyChannelsTable | undefined> {
  return db
    .selectFrom('notify_channels')
    .selectAll()
    .where('id', '=', id)
    .where('site_id', '=', siteId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findChannelRowsByIds(db: Db, ids: string[]): Promise<NotifyChannelsTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('notify_channels').selectAll().where('id', 'in', ids).execute();
}

export async function listChannelRows(db: Db, siteId: string, page: PageRequest): Promise<NotifyChannelsTable[]> {
  let q = db.selectFrom('notify_channels').selectAll().where('site_id', '=', siteId).where('deleted_at', 'is', null);
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

export async function listEnabledChannelRows(db: Db, siteId: string): Promise<NotifyChannelsTable[]> {
  return db
    .selectFrom('notify_channels')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('deleted_at', 'is', null)
    .where('is_enabled', '=', 1)
    .execute();
}

// ---- the notice outbox ----

/** Notices not fanned out yet, claimed (other instances skip them on PostgreSQL). */
export async function claimUnfannedNotices(trx: Transaction<DB>, dialect: DialectName, limit: number): Promise<GroupNoticesTable[]> {
  return lockForClaim(
    dialect,
    trx.selectFrom('group_notices').selectAll().where('fanned_out_at', 'is', null).orderBy('occurred_at').orderBy('id').limit(limit),
  ).execute();
}

export async function markNoticesFannedOut(trx: Transaction<DB>, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('group_notices').set({ fanned_out_at: now }).where('id', 'in', ids).execute();
}

// ---- deliveries ----

/** Inserts deliveries; one per notice and channel (a repeated fan-out adds nothing). */
export async function insertDeliveries(db: Db, rows: OutboundDeliveriesTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbound_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['notice_id', 'channel_id']).doNothing())
    .execute();
}

/**
 * The next delivery due: pending, or `sending` whose lease ran out (the process that claimed it
 * died mid-send). Claimed with FOR UPDATE SKIP LOCKED on PostgreSQL.
 */
export async function claimDueDelivery(trx: Transaction<DB>, dialect: DialectName, now: number): Promise<OutboundDeliveriesTable | undefined> {
  return lockForClaim(
    dialect,
    trx
      .selectFrom('outbound_deliveries')
      .selectAll()
      .where('status', 'in', ['pending', 'sending'])
      .where('next_at', '<=', now)
      .orderBy('next_at')
      .orderBy('id')
      .limit(1),
  ).executeTakeFirst();
}

export async function updateDeliveryRow(db: Db, id: string, patch: Updateable<OutboundDeliveriesTable>): Promise<void> {
  await db.updateTable('outbound_deliveries').set(patch).where('id', '=', id).execute();
}

export async function insertAttempt(db: Db, row: OutboundAttemptsTable): Promise<void> {
  await db.insertInto('outbound_attempts').values(row).execute();
}

export async function findDeliveryRow(db: Db, siteId: string, id: string): Promise<OutboundDeliveriesTable | undefined> {
  return db.selectFrom('outbound_deliveries').selectAll().where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
}

/** Newest first. */
export async function listDeliveryRows(
  db: Db,
  siteId: string,
  filter: { transport?: string; channelId?: string },
  page: PageRequest,
): Promise<OutboundDeliveriesTable[]> {
  let q = db.selectFrom('outbound_deliveries').selectAll().where('site_id', '=', siteId);
  if (filter.transport) q = q.where('transport', '=', filter.transport);
  if (filter.channelId) q = q.where('channel_id', '=', filter.channelId);
  if (page.afterId) q = q.where('id', '<', page.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function listAttemptRows(db: Db, deliveryId: string): Promise<OutboundAttemptsTable[]> {
  return db.selectFrom('outbound_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
}
