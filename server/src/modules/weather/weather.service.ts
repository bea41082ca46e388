/**
 * Abnormal weather (暴雨, 大风, 高温…), declared by the manager in the console or by a weather
 * service through the site's webhook. A declaration creates the tasks the standard asks for —
 * CLEAN-3 close the doors and windows early, TECH-4 the technician's hazard check, GUARD-IN-12
 * the concierge's check of the surroundings — as tap-proof slots due at once, decided at the end
 * of their grace window like any round. Ending it is recorded; tasks already given stay until
 * they are done or missed.
 */
import crypto from 'node:crypto';
import type { PageOf, PageQuery, PostKind, RotatedWebhookToken, WeatherDeclaration, WeatherKind, WeatherWebhookInfo } from '@anchang/contracts';
import { ROLE_GROUPS } from '@anchang/contracts';
import type { WeatherDeclarationsTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { listPostsOfSite } from '../posts/index.js';
import { addOneOffTask, listSlotsOfWeather } from '../rounds/index.js';
import { findSiteRow, SITE_MANAGERS } from '../sites/index.js';
import { listCurrentStandardRows, toPostStandard } from '../standards/index.js';
import { STANDARDS_LIBRARY } from '../standards/library/index.js';
import {
  endDeclarationRow,
  findActiveOfKind,
  findDeclaration,
  findDeclarationById,
  findWebhook,
  insertDeclaration,
  listDeclarationRows,
  upsertWebhook,
} from './weather.repository.js';

const OVERSEERS = ROLE_GROUPS.overseers;
const DEFAULT_GRACE_MINUTES = 30;
/** What the standard asks for when the weather turns: the post and the item that says so. */
const WEATHER_TASKS: readonly { postKind: PostKind; itemId: string }[] = [
  { postKind: 'CLEAN', itemId: 'CLEAN-3' },
  { postKind: 'TECH', itemId: 'TECH-4' },
  { postKind: 'GUARD', itemId: 'GUARD-IN-12' },
];
export const webhookPath = (siteId: string) => `/api/public/weather-webhook/${siteId}`;

async function toDeclarations(deps: Pick<Deps, 'db'>, rows: WeatherDeclarationsTable[]): Promise<WeatherDeclaration[]> {
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      siteId: r.site_id,
      kind: r.kind as WeatherKind,
      note: r.note,
      source: r.source as WeatherDeclaration['source'],
      declaredByName: r.declared_by_name,
      declaredAt: r.declared_at,
      endedAt: r.ended_at,
      endedByName: r.ended_by_name,
      taskSlotIds: (await listSlotsOfWeather(deps.db, r.id)).map((s) => s.id),
    })),
  );
}

/** The item's text in the site's adopted standard, or in the library when the site changed it away. */
async function taskLabels(tx: Tx, siteId: string): Promise<Map<string, { zh: string; en: string }>> {
  const labels = new Map<string, { zh: string; en: string }>();
  for (const def of STANDARDS_LIBRARY) for (const item of def.items) labels.set(item.id, item.text);
  for (const row of await listCurrentStandardRows(tx.trx, siteId)) for (const item of toPostStandard(row).items) labels.set(item.id, item.text);
  return labels;
}

async function declareInTx(
  tx: Tx,
  siteId: string,
  input: { id: string; kind: WeatherKind; note: string; source: 'console' | 'webhook'; graceMinutes: number },
  by: ActorRef,
): Promise<WeatherDeclarationsTable> {
  if (await findActiveOfKind(tx.trx, siteId, input.kind))
    throw new AppError('WEATHER_ALREADY_DECLARED', {
      message: 'This weather is already declared; end it first',
      params: { kind: input.kind },
    });
  const row: WeatherDeclarationsTable = {
    id: input.id,
    site_id: siteId,
    kind: input.kind,
    note: input.note,
    source: input.source,
    declared_by: by.personId,
    declared_by_name: by.name,
    declared_at: tx.now,
    ended_at: null,
    ended_by_name: null,
  };
  await insertDeclaration(tx.trx, row);
  // Tasks go to the posts the site actually has: a site without a technician gets no TECH-4.
  const kinds = new Set((await listPostsOfSite(tx.trx, siteId)).map((p) => p.kind));
  const labels = await taskLabels(tx, siteId);
  const tasks: string[] = [];
  for (const task of WEATHER_TASKS) {
    if (!kinds.has(task.postKind)) continue;
    const label = labels.get(task.itemId) ?? { zh: task.itemId, en: task.itemId };
    tasks.push(
      await addOneOffTask(tx, {
        siteId,
        weatherId: row.id,
        postKind: task.postKind,
        itemId: task.itemId,
        labelZh: label.zh,
        labelEn: label.en,
        graceMinutes: input.graceMinutes,
      }),
    );
  }
  await recordAudit(tx, by, {
    siteId,
    action: 'weather.declare',
    entityType: 'weather',
    entityId: row.id,
    detail: { kind: row.kind, source: row.source, tasks },
  });
  tx.emit({ siteId }, 'weather.changed', { declarationId: row.id, status: 'declared' });
  return row;
}

export async function declareWeather(
  deps: Deps,
  actor: Actor,
  siteId: string,
  body: { id: string; kind: WeatherKind; note?: string; graceMinutes?: number },
): Promise<{ declaration: WeatherDeclaration; created: boolean }> {
  requireSiteRole(actor, siteId, OVERSEERS);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findDeclarationById(deps.db, body.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inTransaction(deps, (tx) =>
        declareInTx(
          tx,
          siteId,
          {
            id: body.id,
            kind: body.kind,
            note: (body.note ?? '').trim(),
            source: 'console',
            graceMinutes: body.graceMinutes ?? DEFAULT_GRACE_MINUTES,
          },
          actorRef(actor),
        ),
      ),
  );
  return { declaration: (await toDeclarations(deps, [value]))[0]!, created };
}

async function endInTx(tx: Tx, row: WeatherDeclarationsTable, by: ActorRef): Promise<WeatherDeclarationsTable> {
  if (row.ended_at !== null) throw new AppError('WEATHER_ALREADY_ENDED', { params: { endedAt: row.ended_at } });
  await endDeclarationRow(tx.trx, row.id, tx.now, by.name);
  await recordAudit(tx, by, { siteId: row.site_id, action: 'weather.end', entityType: 'weather', entityId: row.id, detail: { kind: row.kind } });
  tx.emit({ siteId: row.site_id }, 'weather.changed', { declarationId: row.id, status: 'ended' });
  return { ...row, ended_at: tx.now, ended_by_name: by.name };
}

export async function endWeather(deps: Deps, actor: Actor, siteId: string, weatherId: string): Promise<WeatherDeclaration> {
  requireSiteRole(actor, siteId, OVERSEERS);
  const row = await inTransaction(deps, async (tx) => {
    const current = await findDeclaration(tx.trx, siteId, weatherId);
    if (!current) throw new AppError('WEATHER_NOT_FOUND', { params: { weatherId } });
    return endInTx(tx, current, actorRef(actor));
  });
  return (await toDeclarations(deps, [row]))[0]!;
}

export async function listWeather(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<WeatherDeclaration>> {
  requireSiteRole(actor, siteId, OVERSEERS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listDeclarationRows(deps.db, siteId, page), page, (rows) => toDeclarations(deps, rows));
}

// ---------- the webhook ----------

const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest();

function toInfo(siteId: string, row: { token_hint: string; rotated_at: number } | undefined): WeatherWebhookInfo {
  return { configured: !!row, tokenHint: row ? row.token_hint : null, rotatedAt: row ? row.rotated_at : null, path: webhookPath(siteId) };
}

export async function getWebhookInfo(deps: Deps, actor: Actor, siteId: string): Promise<WeatherWebhookInfo> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  return toInfo(siteId, await findWebhook(deps.db, siteId));
}

/** A new secret replaces the old at once; the token is returned this one time, only its hash is kept. */
export async function rotateWebhookToken(deps: Deps, actor: Actor, siteId: string): Promise<RotatedWebhookToken> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const token = crypto.randomBytes(24).toString('base64url');
  const hint = token.slice(-4);
  const rotatedAt = await inTransaction(deps, async (tx) => {
    await upsertWebhook(tx.trx, {
      site_id: siteId,
      token_hash: hashToken(token).toString('hex'),
      token_hint: hint,
      rotated_at: tx.now,
      rotated_by: actor.personId,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'weather.webhook_rotate',
      entityType: 'site',
      entityId: siteId,
      detail: { tokenHint: hint },
    });
    return tx.now;
  });
  return { token, info: toInfo(siteId, { token_hint: hint, rotated_at: rotatedAt }) };
}

/**
 * A weather service declares or ends weather. The token is compared in constant time against the
 * stored hash; a wrong or missing one is refused (401) and the attempt kept in the site's audit.
 */
export async function receiveWebhook(
  deps: Deps,
  siteId: string,
  token: string | null,
  body: { action: 'declare' | 'end'; kind: WeatherKind; note?: string },
  requestId: string,
): Promise<WeatherDeclaration | null> {
  const refused = () => new AppError('WEBHOOK_TOKEN_INVALID', { message: 'Unknown site or wrong token' });
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw refused();
  const by: ActorRef = { personId: null, name: 'weather-webhook', companyId: site.company_id, requestId };
  const hook = await findWebhook(deps.db, siteId);
  const given = hashToken(token ?? '');
  const expected = hook ? Buffer.from(hook.token_hash, 'hex') : crypto.randomBytes(given.length);
  if (!hook || !token || !crypto.timingSafeEqual(given, expected)) {
    await recordAuditNow(deps, by, {
      siteId,
      action: 'weather.webhook_refused',
      entityType: 'site',
      entityId: siteId,
      detail: { reason: !token ? 'missing_token' : hook ? 'wrong_token' : 'not_configured', action: body.action, kind: body.kind },
    });
    throw refused();
  }
  const row = await inTransaction(deps, async (tx) => {
    const active = await findActiveOfKind(tx.trx, siteId, body.kind);
    if (body.action === 'end') return active ? endInTx(tx, active, by) : null;
    // A service that sends the same alert twice declares it once.
    if (active) return active;
    return declareInTx(
      tx,
      siteId,
      { id: newId(), kind: body.kind, note: (body.note ?? '').trim(), source: 'webhook', graceMinutes: DEFAULT_GRACE_MINUTES },
      by,
    );
  });
  return row ? (await toDeclarations(deps, [row]))[0]! : null;
}
