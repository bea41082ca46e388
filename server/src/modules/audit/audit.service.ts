/**
 * The audit log: every write records who, what, when and on which site, inside the same
 * transaction as the write itself, so an entry exists exactly when the change does.
 */
import type { AuditEntry, PageOf, PageQuery } from '@anchang/contracts';
import type { Actor, ActorRef } from '../../platform/auth/actor.js';
import { requireCompanyAdmin, requireSiteRole } from '../../platform/auth/policy.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import type { Deps, WriteBatch } from '../../platform/tx.js';
import { insertAuditEntry, listAuditEntries, listCompanyAuditEntries } from './audit.repository.js';
import { AUDIT_READERS } from './audit.policy.js';

export interface AuditInput {
  siteId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

function auditRow(actor: ActorRef, input: AuditInput, at: number) {
  return {
    id: newId(),
    company_id: actor.companyId,
    site_id: input.siteId,
    actor_id: actor.personId,
    actor_name: actor.name,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    detail: JSON.stringify(input.detail ?? {}),
    request_id: actor.requestId,
    at,
  };
}

/** Adds the entry to the use case's transaction: it is written with the change, or not at all. */
export function recordAudit(tx: WriteBatch, actor: ActorRef, input: AuditInput): Promise<void> {
  tx.deferInsert('audit_log', auditRow(actor, input, tx.now));
  return Promise.resolve();
}

/** For attempts that were refused: written outside any failed transaction so the attempt is kept. */
export async function recordAuditNow(deps: Deps, actor: ActorRef, input: AuditInput): Promise<void> {
  await insertAuditEntry(deps.db, auditRow(actor, input, deps.clock.now()));
}

type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];

const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  siteId: r.site_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  requestId: r.request_id,
  at: r.at,
});

export async function listSiteAudit(deps: Deps, actor: Actor, siteId: string, query: PageQuery & { action?: string }): Promise<PageOf<AuditEntry>> {
  requireSiteRole(actor, siteId, AUDIT_READERS);
  const page = pageRequest(query, 'desc');
  const rows = await listAuditEntries(deps.db, siteId, page, query.action);
  return toPage(rows, page, toAuditEntry);
}

/** The company's own entries (no site): for its company admin only. */
export async function listCompanyAudit(deps: Deps, actor: Actor, query: PageQuery & { action?: string }): Promise<PageOf<AuditEntry>> {
  requireCompanyAdmin(actor);
  const page = pageRequest(query, 'desc');
  const rows = await listCompanyAuditEntries(deps.db, actor.companyId, page, query.action);
  return toPage(rows, page, toAuditEntry);
}
