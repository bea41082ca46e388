/**
 * Incidents (GUARD-IN-4/5/6): a suspicious person, a missing display item, unauthorised
 * photography, an accident, damage. They reach the manager live; whether to call the police
 * is the sales department's decision, recorded with who took it and why.
 */
import { ROLE_GROUPS, type Incident, type PageOf } from '@anchang/contracts';
import type { IncidentsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps, type WriteBatch } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { notifyGroups } from '../integrations/index.js';
import { findPersonNames } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findIncidentById, findIncidentRow, listIncidentRows, updateOpenIncident } from './incidents.repository.js';

/** The sales department (consultants) and the site's overseers decide and close. */
const INCIDENT_DECIDERS = ROLE_GROUPS.incidentDeciders;
const INCIDENT_REPORTERS = ROLE_GROUPS.incidentReporters;

async function toIncidents(deps: Pick<Deps, 'db'>, rows: IncidentsTable[]): Promise<Incident[]> {
  const names = await findPersonNames(
    deps.db,
    rows.flatMap((r) => [r.reported_by, ...(r.decided_by ? [r.decided_by] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    kind: r.kind as Incident['kind'],
    severity: r.severity as Incident['severity'],
    description: r.description,
    photoId: r.photo_id,
    reportedBy: r.reported_by,
    reportedByName: names.get(r.reported_by) ?? '',
    reportedAt: r.reported_at,
    status: r.status as Incident['status'],
    policeDecision: r.police_decision as Incident['policeDecision'],
    decisionNote: r.decision_note,
    decidedByName: r.decided_by ? (names.get(r.decided_by) ?? null) : null,
    decidedAt: r.decided_at,
    closedAt: r.closed_at,
  }));
}

/**
 * Records an incident inside a caller's write (a model-room check that found an item missing):
 * it is stored, audited and sent live to the site with the caller's other rows, or not at all.
 * The caller has checked the photo belongs to the site.
 */
export async function raiseIncident(
  tx: WriteBatch,
  actor: Actor,
  siteId: string,
  input: { id: string; kind: Incident['kind']; severity: Incident['severity']; description: string; photoId?: string | null; at?: number },
): Promise<IncidentsTable> {
  const row: IncidentsTable = {
    id: input.id,
    site_id: siteId,
    kind: input.kind,
    severity: input.severity,
    description: input.description.trim(),
    photo_id: input.photoId ?? null,
    reported_by: actor.personId,
    // Reported from the phone's outbox after the signal came back: the time of the tap.
    reported_at: tapTime(input.at, tx.now),
    status: 'open',
    police_decision: null,
    decision_note: null,
    decided_by: null,
    decided_at: null,
    closed_at: null,
  };
  tx.deferInsert('incidents', row);
  await recordAudit(tx, actorRef(actor), {
    siteId,
    action: 'incident.report',
    entityType: 'incident',
    entityId: row.id,
    detail: { kind: row.kind, severity: row.severity },
  });
  tx.emit({ siteId }, 'incident.created', {
    incidentId: row.id,
    kind: row.kind,
    severity: row.severity,
    description: row.description,
    reportedByName: actor.name,
  });
  // An urgent incident reaches the site's group chats too (the robots subscribed to it).
  if (row.severity === 'high') {
    notifyGroups(tx, {
      siteId,
      kind: 'incident.urgent',
      title: `紧急事件 Urgent incident: ${row.description.slice(0, 60)}`,
      lines: [`${row.kind} · ${actor.name}`, row.description],
      link: `/sites/${siteId}/incidents`,
      refs: { incidentId: row.id },
    });
  }
  return row;
}

export async function reportIncident(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; kind: Incident['kind']; severity: Incident['severity']; description: string; photoId?: string; at?: number },
): Promise<{ incident: Incident; created: boolean }> {
  requireSiteRole(actor, siteId, INCIDENT_REPORTERS);
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findIncidentById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () => inWriteBatch(deps, (tx) => raiseIncident(tx, actor, siteId, input)),
  );
  return { incident: (await toIncidents(deps, [value]))[0]!, created };
}

export async function updateIncident(
  deps: Deps,
  actor: Actor,
  siteId: string,
  id: string,
  input: { action: 'police_decision'; decision: 'call' | 'no_call'; note: string } | { action: 'close'; note?: string },
): Promise<Incident> {
  requireSiteRole(actor, siteId, INCIDENT_DECIDERS);
  const row = await findIncidentRow(deps.db, siteId, id);
  if (!row) throw new AppError('INCIDENT_NOT_FOUND', { params: { incidentId: id } });
  if (row.status !== 'open') throw new AppError('INCIDENT_CLOSED');
  await inTransaction(deps, async (tx) => {
    const patch: Partial<IncidentsTable> =
      input.action === 'police_decision'
        ? { police_decision: input.decision, decision_note: input.note.trim(), decided_by: actor.personId, decided_at: tx.now }
        : {
            status: 'closed',
            closed_at: tx.now,
            ...(input.note ? { decision_note: row.decision_note ? `${row.decision_note}\n${input.note.trim()}` : input.note.trim() } : {}),
          };
    if ((await updateOpenIncident(tx.trx, id, patch)) === 0) throw new AppError('INCIDENT_CLOSED');
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `incident.${input.action}`,
      entityType: 'incident',
      entityId: id,
      detail: { ...input },
    });
    tx.emit({ siteId }, 'incident.updated', {
      incidentId: id,
      status: patch.status ?? row.status,
      policeDecision: patch.police_decision ?? row.police_decision,
    });
  });
  return (await toIncidents(deps, [(await findIncidentRow(deps.db, siteId, id))!]))[0]!;
}

export async function listIncidents(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; status?: 'open' | 'closed' },
): Promise<PageOf<Incident>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listIncidentRows(deps.db, siteId, page, query.status), page, (rows) => toIncidents(deps, rows));
}
