/**
 * Notifications where managers are (issue 13, item 7).
 *
 * - Channels: per site, group robots (WeCom, DingTalk, Feishu) and webhooks to other systems,
 *   each subscribed to chosen notice kinds. Managers of the site and company admins keep them.
 *   A URL is checked when saved (http(s), not a private address) and again at every delivery.
 *   A secret is shown once, when set; afterwards only its last 4 characters.
 * - `notifyGroups` (for other modules) writes one notice into the outbox inside the caller's
 *   transaction; after the commit the delivery runner fans it out to the channels subscribed to
 *   its kind and sends it. `queueSms` writes a text message into the same queue.
 */
import { randomBytes } from 'node:crypto';
import type {
  Channel,
  ChannelType,
  CreateChannelBody,
  CreatedChannel,
  Delivery,
  DeliveryDetail,
  DeliveryListQuery,
  NoticeKind,
  PageOf,
  UpdateChannelBody,
} from '@anchang/contracts';
import { ROBOT_TYPES } from '@anchang/contracts';
import type { NotifyChannelsTable, OutboundDeliveriesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { pageRequest, toPage, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { checkOutboundUrl, OutboundUrlError, type OutboundPolicy } from '../../platform/outbound/ssrf.js';
import { inTransaction, type Deps, type WriteBatch } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findSiteRow } from '../sites/index.js';
import { CHANNEL_KEEPERS } from './integrations.policy.js';
import {
  findChannelRow,
  findChannelRowsByIds,
  findDeliveryRow,
  insertChannel,
  insertDeliveries,
  listAttemptRows,
  listChannelRows,
  listDeliveryRows,
  updateChannelRow,
} from './integrations.repository.js';
import { maskPhone, type SmsMessage } from './sms-provider.js';

export interface IntegrationDeps extends Deps {
  outboundPolicy: OutboundPolicy;
}

// ---- for other modules ----

export interface GroupNotice {
  siteId: string;
  kind: NoticeKind;
  /** One line, Chinese first (the groups are Chinese-speaking), e.g. `紧急事件:电梯困人`. */
  title: string;
  /** A few short lines of detail, shown under the title. */
  lines: string[];
  /** A console path (`/sites/<id>/incidents`) or an absolute URL; made absolute with PUBLIC_URL, else left out. */
  link?: string | null;
  /** The ids the notice is about: the whole payload a webhook carries (no names, no text). */
  refs: Record<string, string>;
}

/**
 * Queues a notice to the site's group robots and webhooks subscribed to its kind. Written with
 * the caller's transaction (a rolled-back use case sends nothing) and delivered after the
 * commit by the delivery runner, which survives restarts. Never throws for a missing channel:
 * a site without robots simply has nobody to tell.
 */
export function notifyGroups(tx: WriteBatch, notice: GroupNotice): void {
  tx.deferInsert('group_notices', {
    id: newId(tx.now),
    site_id: notice.siteId,
    kind: notice.kind,
    title: notice.title.slice(0, 200),
    lines: JSON.stringify(notice.lines.slice(0, 20).map((l) => l.slice(0, 500))),
    link: notice.link ?? null,
    refs: JSON.stringify(notice.refs),
    occurred_at: tx.now,
    fanned_out_at: null,
  });
}

/**
 * Queues a text message through the configured SMS provider (SMS_PROVIDER), inside the caller's
 * transaction; sent after the commit, retried when the provider says it may pass later, and
 * listed (phone masked) in the site's SMS log. E.g. a complaint's result reported back to the
 * complainant: `queueSms(tx, { siteId, phone, templateCode: '1234567', params: ['…'] })`.
 */
export function queueSms(tx: WriteBatch, input: SmsMessage & { siteId: string }): string {
  const id = newId(tx.now);
  tx.deferInsert('outbound_deliveries', {
    id,
    site_id: input.siteId,
    transport: 'sms',
    channel_id: null,
    notice_id: null,
    kind: input.templateCode,
    payload: JSON.stringify({ phone: input.phone, templateCode: input.templateCode, params: input.params }),
    status: 'pending',
    attempts: 0,
    next_at: tx.now,
    last_status_code: null,
    last_answer: null,
    created_at: tx.now,
    done_at: null,
  });
  tx.emit({ siteId: input.siteId }, 'delivery.changed', { deliveryId: id, status: 'pending' });
  return id;
}

// ---- channels ----

const isRobot = (type: string) => (ROBOT_TYPES as readonly string[]).includes(type);

/** The URL without its token: robot URLs carry their access token in the path or the query. */
export function previewUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const tail = (url.search || url.pathname).slice(-4);
    return `${url.protocol}//${url.host}/…${tail}`;
  } catch {
    return '…';
  }
}

function toChannel(row: NotifyChannelsTable): Channel {
  return {
    id: row.id,
    siteId: row.site_id,
    type: row.type as ChannelType,
    name: row.name,
    urlPreview: previewUrl(row.url),
    secretLast4: row.secret ? row.secret.slice(-4) : null,
    keyword: row.keyword,
    kinds: JSON.parse(row.kinds) as NoticeKind[],
    isEnabled: row.is_enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function checkUrl(deps: IntegrationDeps, raw: string): Promise<string> {
  try {
    return (await checkOutboundUrl(raw, deps.outboundPolicy)).toString();
  } catch (err) {
    if (err instanceof OutboundUrlError) throw new AppError(err.code, { message: err.message });
    throw err;
  }
}

export async function listChannels(
  deps: IntegrationDeps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string },
): Promise<PageOf<Channel>> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  const page = pageRequest(query);
  return toPage(await listChannelRows(deps.db, siteId, page), page, toChannel);
}

export async function createChannel(deps: IntegrationDeps, actor: Actor, siteId: string, body: CreateChannelBody): Promise<CreatedChannel> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  // WeCom's group robot has no signing: a secret there would look protective and do nothing.
  if (body.type === 'wecom' && body.secret) throw new AppError('CHANNEL_SECRET_NOT_ALLOWED', { message: 'WeCom robots are not signed' });
  const url = await checkUrl(deps, body.url);
  // A webhook is always signed: without a secret given, one is made (and shown this once).
  const secret = body.secret ?? (body.type === 'webhook' ? `whsec_${randomBytes(24).toString('base64url')}` : null);
  return inTransaction(deps, async (tx) => {
    const site = await findSiteRow(tx.trx, siteId);
    if (!site) throw notFound('SITE_NOT_FOUND');
    const row: NotifyChannelsTable = {
      id: newId(tx.now),
      company_id: site.company_id,
      site_id: siteId,
      type: body.type,
      name: body.name.trim(),
      url,
      secret,
      // Only DingTalk and Feishu robots have a keyword guard.
      keyword: body.type === 'dingtalk' || body.type === 'feishu' ? (body.keyword?.trim() ?? null) : null,
      kinds: JSON.stringify(body.kinds),
      is_enabled: body.isEnabled === false ? 0 : 1,
      deleted_at: null,
      created_by: actor.personId,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertChannel(tx.trx, row);
    // The audit names the channel and its kinds, never its URL or secret.
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'channel.create',
      entityType: 'notify_channel',
      entityId: row.id,
      detail: { type: row.type, name: row.name, kinds: body.kinds },
    });
    tx.emit({ siteId }, 'channel.changed', { channelId: row.id, action: 'created' });
    return { channel: toChannel(row), secret };
  });
}

async function requireChannel(deps: IntegrationDeps, siteId: string, channelId: string): Promise<NotifyChannelsTable> {
  const row = await findChannelRow(deps.db, siteId, channelId);
  if (!row) throw notFound('CHANNEL_NOT_FOUND');
  return row;
}

export async function updateChannel(
  deps: IntegrationDeps,
  actor: Actor,
  siteId: string,
  channelId: string,
  body: UpdateChannelBody,
): Promise<Channel> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  const current = await requireChannel(deps, siteId, channelId);
  if (current.type === 'wecom' && body.secret) throw new AppError('CHANNEL_SECRET_NOT_ALLOWED', { message: 'WeCom robots are not signed' });
  // A webhook keeps a secret: removing it would send unsigned deliveries.
  if (current.type === 'webhook' && body.secret === null) throw new AppError('CHANNEL_SECRET_NOT_ALLOWED', { message: 'A webhook is always signed' });
  const url = body.url !== undefined ? await checkUrl(deps, body.url) : undefined;
  return inTransaction(deps, async (tx) => {
    const patch = {
      ...(body.name !== undefined && { name: body.name.trim() }),
      ...(url !== undefined && { url }),
      ...(body.secret !== undefined && { secret: body.secret }),
      ...(body.keyword !== undefined && (current.type === 'dingtalk' || current.type === 'feishu') && { keyword: body.keyword?.trim() ?? null }),
      ...(body.kinds !== undefined && { kinds: JSON.stringify(body.kinds) }),
      ...(body.isEnabled !== undefined && { is_enabled: body.isEnabled ? 1 : 0 }),
      updated_at: tx.now,
    };
    await updateChannelRow(tx.trx, channelId, patch);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'channel.update',
      entityType: 'notify_channel',
      entityId: channelId,
      detail: { fields: Object.keys(body) },
    });
    tx.emit({ siteId }, 'channel.changed', { channelId, action: 'updated' });
    return toChannel({ ...current, ...patch });
  });
}

/** Deleted channels stay as rows: their deliveries keep naming them in the log. */
export async function deleteChannel(deps: IntegrationDeps, actor: Actor, siteId: string, channelId: string): Promise<void> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  await requireChannel(deps, siteId, channelId);
  await inTransaction(deps, async (tx) => {
    // The secret goes with the channel: nothing sends with it again.
    await updateChannelRow(tx.trx, channelId, { deleted_at: tx.now, is_enabled: 0, secret: null, updated_at: tx.now });
    await recordAudit(tx, actorRef(actor), { siteId, action: 'channel.delete', entityType: 'notify_channel', entityId: channelId, detail: {} });
    tx.emit({ siteId }, 'channel.changed', { channelId, action: 'deleted' });
  });
}

/** Queues a test message to one channel now; its outcome shows in the delivery log. */
export async function sendTestMessage(deps: IntegrationDeps, actor: Actor, siteId: string, channelId: string): Promise<{ deliveryId: string }> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  const channel = await requireChannel(deps, siteId, channelId);
  if (channel.is_enabled !== 1) throw new AppError('CHANNEL_DISABLED', { message: 'The channel is disabled' });
  return inTransaction(deps, async (tx) => {
    const id = newId(tx.now);
    const row: OutboundDeliveriesTable = {
      id,
      site_id: siteId,
      transport: isRobot(channel.type) ? 'robot' : 'webhook',
      channel_id: channelId,
      notice_id: null,
      kind: 'test',
      payload: JSON.stringify({
        title: '案场通知测试 / Anchang test message',
        lines: [`${actor.name} 发送的测试消息 / sent by ${actor.name}`],
        link: null,
        refs: { siteId },
        occurredAt: tx.now,
      }),
      status: 'pending',
      attempts: 0,
      next_at: tx.now,
      last_status_code: null,
      last_answer: null,
      created_at: tx.now,
      done_at: null,
    };
    await insertDeliveries(tx.trx, [row]);
    tx.emit({ siteId }, 'delivery.changed', { deliveryId: id, status: 'pending' });
    return { deliveryId: id };
  });
}

// ---- the delivery log ----

interface StoredNotice {
  title?: string;
  phone?: string;
  templateCode?: string;
}

async function toDeliveries(deps: Deps, rows: OutboundDeliveriesTable[]): Promise<Delivery[]> {
  const channels = new Map(
    (await findChannelRowsByIds(deps.db, [...new Set(rows.map((r) => r.channel_id).filter((id): id is string => !!id))])).map((c) => [c.id, c]),
  );
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as StoredNotice;
    const channel = r.channel_id ? channels.get(r.channel_id) : undefined;
    const isSms = r.transport === 'sms';
    return {
      id: r.id,
      transport: r.transport as Delivery['transport'],
      channelId: r.channel_id,
      channelName: channel?.name ?? null,
      channelType: (channel?.type as ChannelType | undefined) ?? null,
      kind: r.kind,
      summary: isSms ? (payload.templateCode ?? r.kind) : (payload.title ?? r.kind),
      phoneMasked: isSms && payload.phone ? maskPhone(payload.phone) : null,
      status: r.status as Delivery['status'],
      attempts: r.attempts,
      nextAt: r.status === 'pending' || r.status === 'sending' ? r.next_at : null,
      lastStatusCode: r.last_status_code,
      lastAnswer: r.last_answer,
      createdAt: r.created_at,
      doneAt: r.done_at,
    };
  });
}

export async function listDeliveries(deps: IntegrationDeps, actor: Actor, siteId: string, query: DeliveryListQuery): Promise<PageOf<Delivery>> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  const page = pageRequest(query, 'desc');
  const rows = await listDeliveryRows(deps.db, siteId, { transport: query.transport, channelId: query.channelId }, page);
  return toPageBatched(rows, page, (pageRows) => toDeliveries(deps, pageRows));
}

export async function getDelivery(deps: IntegrationDeps, actor: Actor, siteId: string, deliveryId: string): Promise<DeliveryDetail> {
  requireSiteRole(actor, siteId, CHANNEL_KEEPERS);
  const row = await findDeliveryRow(deps.db, siteId, deliveryId);
  if (!row) throw notFound('DELIVERY_NOT_FOUND');
  const [delivery] = await toDeliveries(deps, [row]);
  const attempts = await listAttemptRows(deps.db, deliveryId);
  return {
    delivery: delivery!,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at,
      statusCode: a.status_code,
      answerExcerpt: a.answer_excerpt,
      error: a.error,
      durationMs: a.duration_ms,
    })),
  };
}
