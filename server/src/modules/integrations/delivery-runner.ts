/**
 * The delivery queue's worker: fans notices out to the channels subscribed to them, then sends
 * what is due, one delivery at a time.
 *
 * Why a queue table and not the timers table: a timer's handler runs inside the transaction that
 * claims it, and a delivery is a network call of up to OUTBOUND_TIMEOUT_MS. Holding a
 * transaction (on SQLite, the one write lock) across it would stall every other write. Here the
 * claim is its own short transaction (FOR UPDATE SKIP LOCKED on PostgreSQL) that marks the row
 * `sending` with a lease; the request goes out with no transaction open; a second short
 * transaction records the attempt. A process dying mid-send leaves the lease to run out, and the
 * delivery is tried again (at least once; receivers deduplicate on the delivery id).
 *
 * Retries: network errors, timeouts, 5xx and 429 are tried again after an exponential backoff
 * with jitter (30 s, 1 min, 2 min, … each between half and all of it), up to MAX_ATTEMPTS; any
 * other 4xx (and 3xx) fails at once, as does an address that resolves to a private network.
 * Time comes from the injected clock, so tests move the clock instead of waiting.
 */
import type { NotifyChannelsTable, OutboundDeliveriesTable } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { answerExcerpt, postOutbound, type OutboundOutcome } from '../../platform/outbound/http-post.js';
import type { OutboundPolicy } from '../../platform/outbound/ssrf.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { buildRobotRequest, isRetryableRobotCode, robotAnswerCode, type NoticeContent, type RobotTarget } from './robot-messages.js';
import {
  claimDueDelivery,
  claimUnfannedNotices,
  findChannelRowsByIds,
  insertAttempt,
  insertDeliveries,
  listEnabledChannelRows,
  markNoticesFannedOut,
  updateDeliveryRow,
} from './integrations.repository.js';
import { webhookSignature } from './signing.js';
import type { SmsMessage, SmsProvider } from './sms-provider.js';
import { WEBHOOK_SIGNATURE_HEADER } from '@anchang/contracts';

export const MAX_ATTEMPTS = 6;
export const BASE_BACKOFF_MS = 30_000;
const FAN_OUT_BATCH = 50;

export interface DeliverySettings {
  timeoutMs: number;
  policy: OutboundPolicy;
  sms: SmsProvider;
  /** Prefix for console links in messages (PUBLIC_URL); null: relative links are left out. */
  publicUrl: string | null;
  /** 0..1; tests may pin it. */
  random?: () => number;
}

/** The delay before attempt `attempt + 1`: BASE × 2^(attempt−1), jittered to between half and all of it. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const full = BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1);
  return Math.round(full / 2 + (random() * full) / 2);
}

interface StoredPayload {
  title: string;
  lines: string[];
  link: string | null;
  refs: Record<string, string>;
  occurredAt: number;
}

type Verdict = 'delivered' | 'retry' | 'fail';

interface AttemptOutcome {
  verdict: Verdict;
  statusCode: number | null;
  answer: string;
  error: string | null;
  durationMs: number;
}

function httpVerdict(outcome: OutboundOutcome): Verdict {
  if (outcome.statusCode === null) return outcome.error === 'WEBHOOK_URL_PRIVATE' || outcome.error === 'WEBHOOK_URL_INVALID' ? 'fail' : 'retry';
  if (outcome.statusCode >= 200 && outcome.statusCode < 300) return 'delivered';
  if (outcome.statusCode === 429 || outcome.statusCode >= 500) return 'retry';
  return 'fail';
}

export class DeliveryRunner {
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;
  private readonly random: () => number;

  constructor(
    private readonly deps: Deps,
    private readonly settings: DeliverySettings,
  ) {
    this.random = settings.random ?? Math.random;
  }

  /** Fans out pending notices and sends every delivery due at the clock's now; returns how many attempts were made. */
  async runDue(limit = 100): Promise<number> {
    while (!this.stopping && (await this.fanOut()) === FAN_OUT_BATCH);
    let attempted = 0;
    while (attempted < limit && !this.stopping) {
      if (!(await this.deliverOne())) break;
      attempted += 1;
    }
    return attempted;
  }

  /** One batch of notices turned into deliveries for the channels subscribed right now. */
  private async fanOut(): Promise<number> {
    return inTransaction(this.deps, async (tx) => {
      const notices = await claimUnfannedNotices(tx.trx, this.deps.dialect, FAN_OUT_BATCH);
      const channelsBySite = new Map<string, NotifyChannelsTable[]>();
      const rows: OutboundDeliveriesTable[] = [];
      for (const notice of notices) {
        let channels = channelsBySite.get(notice.site_id);
        if (!channels) channelsBySite.set(notice.site_id, (channels = await listEnabledChannelRows(tx.trx, notice.site_id)));
        for (const channel of channels) {
          if (!(JSON.parse(channel.kinds) as string[]).includes(notice.kind)) continue;
          const payload: StoredPayload = {
            title: notice.title,
            lines: JSON.parse(notice.lines) as string[],
            link: notice.link,
            refs: JSON.parse(notice.refs) as Record<string, string>,
            occurredAt: notice.occurred_at,
          };
          const id = newId(tx.now);
          rows.push({
            id,
            site_id: notice.site_id,
            transport: channel.type === 'webhook' ? 'webhook' : 'robot',
            channel_id: channel.id,
            notice_id: notice.id,
            kind: notice.kind,
            payload: JSON.stringify(payload),
            status: 'pending',
            attempts: 0,
            next_at: tx.now,
            last_status_code: null,
            last_answer: null,
            created_at: tx.now,
            done_at: null,
          });
          tx.emit({ siteId: notice.site_id }, 'delivery.changed', { deliveryId: id, status: 'pending' });
        }
      }
      await insertDeliveries(tx.trx, rows);
      await markNoticesFannedOut(
        tx.trx,
        notices.map((n) => n.id),
        tx.now,
      );
      return notices.length;
    });
  }

  /** Claims, sends and records one due delivery; false when none is due. */
  private async deliverOne(): Promise<boolean> {
    const now = this.deps.clock.now();
    const claimed = await inTransaction(this.deps, async (tx) => {
      const row = await claimDueDelivery(tx.trx, this.deps.dialect, now);
      if (!row) return null;
      // The lease outlasts the request: another worker takes it over only if this one died.
      const lease = now + this.settings.timeoutMs + 60_000;
      await updateDeliveryRow(tx.trx, row.id, { status: 'sending', attempts: row.attempts + 1, next_at: lease });
      return { ...row, attempts: row.attempts + 1 };
    });
    if (!claimed) return false;
    let outcome: AttemptOutcome;
    try {
      outcome =
        claimed.attempts > MAX_ATTEMPTS
          ? { verdict: 'fail', statusCode: null, answer: 'Out of attempts', error: 'GAVE_UP', durationMs: 0 }
          : await this.attempt(claimed);
    } catch (err) {
      // A bug in building the request must not stall the queue: the delivery fails, logged.
      this.deps.log.error({ err, deliveryId: claimed.id }, 'delivery attempt threw');
      outcome = {
        verdict: 'fail',
        statusCode: null,
        answer: String(err instanceof Error ? err.message : err).slice(0, 300),
        error: 'INTERNAL',
        durationMs: 0,
      };
    }
    await this.record(claimed, outcome);
    return true;
  }

  private async attempt(row: OutboundDeliveriesTable): Promise<AttemptOutcome> {
    const now = this.deps.clock.now();
    if (row.transport === 'sms') {
      const sms = await this.settings.sms.send(JSON.parse(row.payload) as SmsMessage, now);
      return { verdict: sms.result, statusCode: sms.statusCode, answer: sms.answer, error: null, durationMs: sms.durationMs };
    }
    const [channel] = await findChannelRowsByIds(this.deps.db, row.channel_id ? [row.channel_id] : []);
    if (!channel || channel.deleted_at !== null || channel.is_enabled !== 1) {
      return { verdict: 'fail', statusCode: null, answer: 'The channel was disabled or deleted', error: 'CHANNEL_DISABLED', durationMs: 0 };
    }
    const payload = JSON.parse(row.payload) as StoredPayload;
    if (channel.type === 'webhook') {
      const body = JSON.stringify({
        id: row.id,
        kind: row.kind,
        occurredAt: new Date(payload.occurredAt).toISOString(),
        siteId: row.site_id,
        data: payload.refs,
      });
      const outcome = await postOutbound({
        url: channel.url,
        body,
        timeoutMs: this.settings.timeoutMs,
        policy: this.settings.policy,
        headers: {
          [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(channel.secret ?? '', Math.floor(now / 1000), body),
          'x-anchang-event': row.kind,
          'x-anchang-delivery': row.id,
          'user-agent': 'Anchang-Webhooks/1',
        },
      });
      return {
        verdict: httpVerdict(outcome),
        statusCode: outcome.statusCode,
        answer: outcome.answer,
        error: outcome.error,
        durationMs: outcome.durationMs,
      };
    }
    const notice: NoticeContent = { title: payload.title, lines: payload.lines, link: this.absoluteLink(payload.link) };
    const request = buildRobotRequest(
      { type: channel.type as RobotTarget['type'], url: channel.url, secret: channel.secret, keyword: channel.keyword },
      notice,
      now,
    );
    const outcome = await postOutbound({ ...request, timeoutMs: this.settings.timeoutMs, policy: this.settings.policy });
    let verdict = httpVerdict(outcome);
    if (verdict === 'delivered') {
      // A robot says "no" inside a 200: a bad signature or keyword will not pass on a retry; sending too fast will.
      const code = robotAnswerCode(outcome.answer);
      if (code !== null && code !== 0) verdict = isRetryableRobotCode(code) ? 'retry' : 'fail';
    }
    return { verdict, statusCode: outcome.statusCode, answer: outcome.answer, error: outcome.error, durationMs: outcome.durationMs };
  }

  private absoluteLink(link: string | null): string | null {
    if (!link) return null;
    if (/^https?:\/\//.test(link)) return link;
    return this.settings.publicUrl && link.startsWith('/') ? `${this.settings.publicUrl}${link}` : null;
  }

  private async record(row: OutboundDeliveriesTable, outcome: AttemptOutcome): Promise<void> {
    await inTransaction(this.deps, async (tx) => {
      const giveUp = outcome.verdict === 'retry' && row.attempts >= MAX_ATTEMPTS;
      const status = outcome.verdict === 'delivered' ? 'delivered' : outcome.verdict === 'fail' || giveUp ? 'failed' : 'pending';
      const excerpt = answerExcerpt(outcome.answer);
      await insertAttempt(tx.trx, {
        id: newId(tx.now),
        delivery_id: row.id,
        attempt: row.attempts,
        at: tx.now,
        status_code: outcome.statusCode,
        answer_excerpt: excerpt,
        error: outcome.error,
        duration_ms: outcome.durationMs,
      });
      await updateDeliveryRow(tx.trx, row.id, {
        status,
        next_at: status === 'pending' ? tx.now + backoffMs(row.attempts, this.random) : tx.now,
        last_status_code: outcome.statusCode,
        last_answer: excerpt,
        done_at: status === 'pending' ? null : tx.now,
      });
      tx.emit({ siteId: row.site_id }, 'delivery.changed', { deliveryId: row.id, status });
    });
    if (outcome.verdict !== 'delivered') {
      this.deps.log.warn(
        { deliveryId: row.id, attempt: row.attempts, statusCode: outcome.statusCode, error: outcome.error },
        'delivery attempt did not pass',
      );
    }
  }

  /** One poll; never throws (a failing database is logged and tried again on the next tick). */
  async tick(): Promise<number> {
    try {
      return await this.runDue();
    } catch (err) {
      this.deps.log.error({ err }, 'delivery tick failed');
      return 0;
    }
  }

  start(intervalMs: number): void {
    if (this.interval) return;
    this.stopping = false;
    this.interval = setInterval(() => {
      if (this.running) return;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, intervalMs);
    this.interval.unref();
  }

  /** Stops polling; resolves once the delivery in hand (if any) has been recorded. */
  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }
}
