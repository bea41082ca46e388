/**
 * The monthly report to the developer client: generated as a draft with its figures frozen, written
 * and published once by the site's manager, read, downloaded and acknowledged (签收) by the client's
 * viewers. A client viewer never learns that a draft exists: drafts answer 404 to them.
 */
import {
  ROLE_GROUPS,
  type ClientReport,
  type ClientReportSummary,
  type ImprovementMeasure,
  type Locale,
  type PageOf,
  type PageQuery,
  type Role,
  type SaveClientReportBody,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { ClientReportsTable, DB, SitesTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { notifyGroups } from '../integrations/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, listActiveMembersOfSite } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { freezeFigures } from './client-reports.figures.js';
import {
  findReportOfMonth,
  findReportRow,
  insertReportIfAbsent,
  listReportRows,
  markAcknowledged,
  updateDraft,
} from './client-reports.repository.js';
import { isMonthOver, monthBounds } from './client-reports.rules.js';
import { reportSections } from './client-reports.sections.js';

type Db = Kysely<DB>;

/** Who writes, regenerates and publishes a report: the site's manager (and the company admin). */
export const REPORT_EDITORS: readonly Role[] = ROLE_GROUPS.siteManagers;
/** The developer client's people read the published archive and acknowledge receipt. */
export const REPORT_CLIENTS: readonly Role[] = ['client_viewer'];
export const REPORT_READERS: readonly Role[] = [...REPORT_EDITORS, ...REPORT_CLIENTS];

const notFound = (reportId: string) => new AppError('CLIENT_REPORT_NOT_FOUND', { message: 'Report not found', params: { reportId } });
const alreadyPublished = (reportId: string) =>
  new AppError('REPORT_ALREADY_PUBLISHED', { message: 'This report is published; it can no longer change', params: { reportId } });

export const systemActor = (companyId: string): ActorRef => ({ personId: null, name: '系统 System', companyId, requestId: null });

async function loadSite(db: Db, siteId: string): Promise<SitesTable> {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { message: 'Site not found', params: { siteId } });
  return site;
}

/** The report as the actor may see it: a client viewer sees published ones only, and never learns of a draft. */
async function loadVisibleReport(db: Db, actor: Actor, siteId: string, reportId: string): Promise<ClientReportsTable> {
  const role = requireSiteRole(actor, siteId, REPORT_READERS);
  const row = await findReportRow(db, siteId, reportId);
  if (!row || (row.status !== 'published' && !REPORT_EDITORS.includes(role))) throw notFound(reportId);
  return row;
}

const parseMeasures = (json: string) => JSON.parse(json) as ImprovementMeasure[];

function toSummary(
  r: Pick<ClientReportsTable, 'id' | 'site_id' | 'month' | 'status' | 'generated_at' | 'published_at' | 'acknowledged_at' | 'acknowledged_by'>,
  names: Map<string, string>,
): ClientReportSummary {
  return {
    id: r.id,
    siteId: r.site_id,
    month: r.month,
    status: r.status as ClientReportSummary['status'],
    generatedAt: Number(r.generated_at),
    publishedAt: r.published_at == null ? null : Number(r.published_at),
    acknowledgedAt: r.acknowledged_at == null ? null : Number(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: names.get(r.acknowledged_by) ?? '' } : null,
  };
}

/** The whole report in the reader's language: the frozen figures turned into sections. */
export async function toClientReport(
  db: Db,
  row: ClientReportsTable,
  site: Pick<SitesTable, 'name' | 'time_zone'>,
  locale: Locale,
): Promise<ClientReport> {
  const names = await findPersonNames(
    db,
    [row.acknowledged_by, row.published_by].filter((id): id is string => !!id),
  );
  return {
    ...toSummary(row, names),
    siteName: site.name,
    timeZone: site.time_zone,
    fromDate: row.from_date,
    toDate: row.to_date,
    figuresAt: Number(row.figures_at),
    narrative: row.narrative,
    measures: parseMeasures(row.measures),
    publishedBy: row.published_by ? { id: row.published_by, name: names.get(row.published_by) ?? '' } : null,
    updatedAt: Number(row.updated_at),
    sections: reportSections(row.figures, { locale, month: row.month }),
  };
}

/**
 * Creates the site-month's draft with its figures frozen, unless one exists. Used by the 1st's
 * timer (`by` null) and by the manager for a past month the timer did not cover.
 * Returns the report's row and whether this call created it.
 */
export async function generateDraft(tx: Tx, site: SitesTable, month: string, by: ActorRef): Promise<{ row: ClientReportsTable; created: boolean }> {
  const existing = await findReportOfMonth(tx.trx, site.id, month);
  if (existing) return { row: existing, created: false };
  const { fromDate, toDate } = monthBounds(month);
  const row: ClientReportsTable = {
    id: newId(tx.now),
    site_id: site.id,
    month,
    from_date: fromDate,
    to_date: toDate,
    status: 'draft',
    figures: await freezeFigures(tx.trx, site.id, fromDate, toDate, tx.now),
    figures_at: tx.now,
    narrative: '',
    measures: '[]',
    generated_by: by.personId,
    generated_at: tx.now,
    published_by: null,
    published_at: null,
    acknowledged_by: null,
    acknowledged_at: null,
    updated_at: tx.now,
  };
  const created = await insertReportIfAbsent(tx.trx, row);
  if (!created) return { row: (await findReportOfMonth(tx.trx, site.id, month))!, created: false };
  await recordAudit(tx, by, { siteId: site.id, action: 'client_report.generated', entityType: 'client_report', entityId: row.id, detail: { month } });
  const editors = await listActiveMembersOfSite(tx.trx, site.id, REPORT_EDITORS);
  const editorIds = editors.filter((p) => p.id !== by.personId).map((p) => p.id);
  await notifyPeople(tx, editorIds, { siteId: site.id, code: 'client_report.drafted', params: { month } });
  for (const id of new Set([...editorIds, ...(by.personId ? [by.personId] : [])]))
    tx.emit({ personId: id, siteId: site.id }, 'client_report.changed', { reportId: row.id });
  return { row, created: true };
}

export async function createReportByHand(deps: Deps, actor: Actor, siteId: string, month: string, locale: Locale): Promise<ClientReport> {
  requireSiteRole(actor, siteId, REPORT_EDITORS);
  const site = await loadSite(deps.db, siteId);
  if (!isMonthOver(month, deps.clock.now(), site.time_zone)) {
    throw new AppError('CLIENT_REPORT_MONTH_NOT_OVER', { message: 'A report covers a month that has ended', params: { month } });
  }
  const { row, created } = await inTransaction(deps, (tx) => generateDraft(tx, site, month, actorRef(actor)));
  if (!created) throw new AppError('CLIENT_REPORT_EXISTS', { message: 'This month already has its report', params: { month, reportId: row.id } });
  return toClientReport(deps.db, row, site, locale);
}

export async function listReports(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<ClientReportSummary>> {
  const role = requireSiteRole(actor, siteId, REPORT_READERS);
  const page = pageRequest(query, 'desc');
  const rows = await listReportRows(deps.db, siteId, page, !REPORT_EDITORS.includes(role));
  return toPageBatched(rows, page, async (items) => {
    const names = await findPersonNames(
      deps.db,
      items.map((r) => r.acknowledged_by).filter((id): id is string => !!id),
    );
    return items.map((r) => toSummary(r, names));
  });
}

export async function getReport(deps: Deps, actor: Actor, siteId: string, reportId: string, locale: Locale): Promise<ClientReport> {
  const row = await loadVisibleReport(deps.db, actor, siteId, reportId);
  const site = await loadSite(deps.db, siteId);
  return toClientReport(deps.db, row, site, locale);
}

async function editDraft(
  deps: Deps,
  actor: Actor,
  siteId: string,
  reportId: string,
  locale: Locale,
  change: (tx: Tx, row: ClientReportsTable) => Promise<Partial<ClientReportsTable>>,
  action: string,
) {
  requireSiteRole(actor, siteId, REPORT_EDITORS);
  const site = await loadSite(deps.db, siteId);
  const row = await inTransaction(deps, async (tx) => {
    const current = await findReportRow(tx.trx, siteId, reportId);
    if (!current) throw notFound(reportId);
    if (current.status !== 'draft') throw alreadyPublished(reportId);
    const patch = { ...(await change(tx, current)), updated_at: tx.now };
    if ((await updateDraft(tx.trx, reportId, patch)) === 0) throw alreadyPublished(reportId);
    await recordAudit(tx, actorRef(actor), { siteId, action, entityType: 'client_report', entityId: reportId, detail: { month: current.month } });
    tx.emit({ personId: actor.personId, siteId }, 'client_report.changed', { reportId });
    return { ...current, ...patch };
  });
  return toClientReport(deps.db, row, site, locale);
}

const cleanMeasures = (measures: ImprovementMeasure[]): ImprovementMeasure[] =>
  measures.map((m) => ({ text: m.text.trim(), owner: m.owner.trim(), dueDate: m.dueDate })).filter((m) => m.text.length > 0);

export const saveDraft = (deps: Deps, actor: Actor, siteId: string, reportId: string, body: SaveClientReportBody, locale: Locale) =>
  editDraft(
    deps,
    actor,
    siteId,
    reportId,
    locale,
    async () => ({ narrative: body.narrative.trim(), measures: JSON.stringify(cleanMeasures(body.measures)) }),
    'client_report.saved',
  );

/** Freezes the figures again, as of now: a correction to the month's records made before publishing. */
export const regenerateFigures = (deps: Deps, actor: Actor, siteId: string, reportId: string, locale: Locale) =>
  editDraft(
    deps,
    actor,
    siteId,
    reportId,
    locale,
    async (tx, row) => ({ figures: await freezeFigures(tx.trx, siteId, row.from_date, row.to_date, tx.now), figures_at: tx.now }),
    'client_report.regenerated',
  );

/**
 * Publishes the draft once, and tells the site's client viewers. A report without a narrative is
 * refused: the client reads the figures through the manager's account of the month.
 */
export async function publishReport(deps: Deps, actor: Actor, siteId: string, reportId: string, locale: Locale): Promise<ClientReport> {
  requireSiteRole(actor, siteId, REPORT_EDITORS);
  const site = await loadSite(deps.db, siteId);
  const row = await inTransaction(deps, async (tx) => {
    const current = await findReportRow(tx.trx, siteId, reportId);
    if (!current) throw notFound(reportId);
    if (current.status !== 'draft') throw alreadyPublished(reportId);
    if (!current.narrative.trim()) {
      throw new AppError('CLIENT_REPORT_NARRATIVE_REQUIRED', { message: 'Write the narrative before publishing', params: { reportId } });
    }
    const patch = { status: 'published', published_by: actor.personId, published_at: tx.now, updated_at: tx.now };
    if ((await updateDraft(tx.trx, reportId, patch)) === 0) throw alreadyPublished(reportId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'client_report.published',
      entityType: 'client_report',
      entityId: reportId,
      detail: { month: current.month },
    });
    const clients = await listActiveMembersOfSite(tx.trx, siteId, REPORT_CLIENTS);
    await notifyPeople(
      tx,
      clients.map((p) => p.id),
      { siteId, code: 'client_report.published', params: { site: site.name, month: current.month } },
    );
    notifyGroups(tx, {
      siteId,
      kind: 'client.monthly_report',
      title: `${site.name} ${current.month} 月度服务报告已发布`,
      lines: ['请甲方在控制台查阅并签收。'],
      link: `/sites/${siteId}/client-reports/${reportId}`,
      refs: { siteId, reportId, month: current.month },
    });
    tx.emit({ siteId }, 'client_report.changed', { reportId });
    return { ...current, ...patch };
  });
  return toClientReport(deps.db, row, site, locale);
}

/**
 * The client's acknowledgement of receipt (签收), recorded once. A second acknowledgement (a double
 * click, a colleague on another screen) answers the first one's record unchanged rather than an
 * error: the receipt is a fact that already holds, and who signed first is what the manager sees.
 */
export async function acknowledgeReport(deps: Deps, actor: Actor, siteId: string, reportId: string, locale: Locale): Promise<ClientReport> {
  const role = requireSiteMember(actor, siteId);
  if (!REPORT_READERS.includes(role)) throw forbidden({ role, allowed: REPORT_CLIENTS });
  const row = await loadVisibleReport(deps.db, actor, siteId, reportId);
  if (!REPORT_CLIENTS.includes(role)) throw forbidden({ role, allowed: REPORT_CLIENTS });
  if (row.status !== 'published')
    throw new AppError('CLIENT_REPORT_NOT_PUBLISHED', { message: 'Only a published report is acknowledged', params: { reportId } });
  const site = await loadSite(deps.db, siteId);
  const after = await inTransaction(deps, async (tx) => {
    if ((await markAcknowledged(tx.trx, reportId, actor.personId, tx.now)) > 0) {
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'client_report.acknowledged',
        entityType: 'client_report',
        entityId: reportId,
        detail: { month: row.month },
      });
      tx.emit({ siteId }, 'client_report.changed', { reportId });
    }
    return (await findReportRow(tx.trx, siteId, reportId))!;
  });
  return toClientReport(deps.db, after, site, locale);
}

/** The report for a download, with the same visibility as reading it. */
export async function loadReportForExport(deps: Deps, actor: Actor, siteId: string, reportId: string, locale: Locale): Promise<ClientReport> {
  return getReport(deps, actor, siteId, reportId, locale);
}
