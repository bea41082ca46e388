/**
 * Notifications where managers are: group robots and outbound webhooks per site, the outbox of
 * group notices, and one delivery queue (robots, webhooks and SMS) with every attempt logged.
 * Frozen in time: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notify_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 'wecom' | 'dingtalk' | 'feishu' (group robots) | 'webhook' (another system).
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // Signing secret (DingTalk 加签, Feishu 签名校验, the webhook's HMAC key); never sent back after creation.
    .addColumn('secret', 'text')
    // DingTalk's 自定义关键词: a message must contain it, so it is added to every message.
    .addColumn('keyword', 'text')
    // JSON array of the notice kinds the channel subscribes to.
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_channels_site_idx').on('notify_channels').columns(['site_id', 'id']).execute();

  // The outbox: one row per thing that happened, written in the use case's transaction; the
  // delivery runner fans it out to the channels subscribed at that moment, after the commit.
  await db.schema
    .createTable('group_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    // JSON of the ids the notice is about: the only payload a webhook carries.
    .addColumn('refs', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('fanned_out_at', 'bigint')
    .execute();
  await db.schema.createIndex('group_notices_pending_idx').on('group_notices').columns(['fanned_out_at', 'occurred_at']).execute();

  await db.schema
    .createTable('outbound_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    // 'robot' | 'webhook' | 'sms'
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.references('notify_channels.id'))
    .addColumn('notice_id', 'text', (c) => c.references('group_notices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON: the notice for a robot, the event for a webhook, { phone, templateCode, params } for an SMS.
    .addColumn('payload', 'text', (c) => c.notNull())
    // 'pending' | 'sending' (claimed; the lease ends at next_at) | 'delivered' | 'failed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_answer', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .execute();
  await db.schema.createIndex('outbound_deliveries_due_idx').on('outbound_deliveries').columns(['status', 'next_at']).execute();
  await db.schema.createIndex('outbound_deliveries_site_idx').on('outbound_deliveries').columns(['site_id', 'transport', 'id']).execute();
  // One delivery per notice and channel: a fan-out retried after a crash adds nothing twice.
  await db.schema.createIndex('outbound_deliveries_notice_uq').on('outbound_deliveries').columns(['notice_id', 'channel_id']).unique().execute();

  await db.schema
    .createTable('outbound_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('outbound_deliveries.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('answer_excerpt', 'text')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbound_attempts_delivery_idx').on('outbound_attempts').columns(['delivery_id', 'attempt']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbound_attempts').execute();
  await db.schema.dropTable('outbound_deliveries').execute();
  await db.schema.dropTable('group_notices').execute();
  await db.schema.dropTable('notify_channels').execute();
}
