import { CUSTOMER_RETENTION_DEFAULT_DAYS, type OpeningHours, type PageOf, type PageQuery, type Site } from '@anchang/contracts';
import type { SitesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireCompanyAdmin, requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { rebookDayEnd, scheduleDayEndClose } from '../visits/index.js';
import { findSiteRow, insertSiteRow, listSiteRows, updateSiteRow } from './sites.repository.js';
import { SITE_MANAGERS } from './sites.policy.js';

export const DEFAULT_OPENING_HOURS: OpeningHours = { open: '08:30', close: '18:00', closedWeekdays: [] };

export function toSite(r: SitesTable): Site {
  return {
    id: r.id,
    companyId: r.company_id,
    name: r.name,
    address: r.address,
    timeZone: r.time_zone,
    openingHours: JSON.parse(r.opening_hours) as OpeningHours,
    customerRetentionDays: r.customer_retention_days ?? CUSTOMER_RETENTION_DEFAULT_DAYS,
    patrolAllDay: r.patrol_all_day === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new AppError('INVALID_TIME_ZONE', { message: 'Unknown IANA time zone', params: { timeZone } });
  }
}

export function assertOpeningHours(h: OpeningHours): void {
  if (h.open >= h.close) {
    throw new AppError('INVALID_OPENING_HOURS', {
      message: 'Opening time must be before closing time',
      params: { open: h.open, close: h.close },
    });
  }
}

export async function listSites(deps: Deps, actor: Actor, query: PageQuery): Promise<PageOf<Site>> {
  const page = pageRequest(query);
  const rows = await listSiteRows(deps.db, [...actor.siteRoles.keys()], page);
  return toPage(rows, page, toSite);
}

export async function getSite(deps: Deps, actor: Actor, siteId: string): Promise<Site> {
  requireSiteMember(actor, siteId);
  const row = await findSiteRow(deps.db, siteId);
  if (!row) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return toSite(row);
}

export async function createSite(
  deps: Deps,
  actor: Actor,
  input: { name: string; address?: string; timeZone?: string; openingHours?: OpeningHours },
): Promise<Site> {
  requireCompanyAdmin(actor);
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  const openingHours = input.openingHours ?? DEFAULT_OPENING_HOURS;
  assertTimeZone(timeZone);
  assertOpeningHours(openingHours);
  return inTransaction(deps, async (tx) => {
    const row: SitesTable = {
      id: newId(),
      company_id: actor.companyId,
      name: input.name.trim(),
      address: (input.address ?? '').trim(),
      time_zone: timeZone,
      opening_hours: JSON.stringify(openingHours),
      customer_retention_days: CUSTOMER_RETENTION_DEFAULT_DAYS,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await insertSiteRow(tx.trx, row);
    // Visits nobody closed are closed after the new site's closing time, from its first day.
    await scheduleDayEndClose(tx, row.id);
    await recordAudit(tx, actorRef(actor), {
      siteId: row.id,
      action: 'site.create',
      entityType: 'site',
      entityId: row.id,
      detail: { name: row.name },
    });
    // Company admins reach every site of the company: their cached sessions must see this one.
    tx.emit({ personId: actor.personId, siteId: row.id }, 'access.changed', { personId: null });
    return toSite(row);
  });
}

export async function updateSite(
  deps: Deps,
  actor: Actor,
  siteId: string,
  patch: {
    name?: string;
    address?: string;
    timeZone?: string;
    openingHours?: OpeningHours;
    customerRetentionDays?: number;
    patrolAllDay?: boolean;
  },
): Promise<Site> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  if (patch.timeZone !== undefined) assertTimeZone(patch.timeZone);
  if (patch.openingHours !== undefined) assertOpeningHours(patch.openingHours);
  return inTransaction(deps, async (tx) => {
    const current = await findSiteRow(tx.trx, siteId);
    if (!current) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
    const next: SitesTable = {
      ...current,
      name: patch.name?.trim() ?? current.name,
      address: patch.address?.trim() ?? current.address,
      time_zone: patch.timeZone ?? current.time_zone,
      opening_hours: patch.openingHours ? JSON.stringify(patch.openingHours) : current.opening_hours,
      customer_retention_days: patch.customerRetentionDays ?? current.customer_retention_days,
      patrol_all_day: patch.patrolAllDay === undefined ? current.patrol_all_day : patch.patrolAllDay ? 1 : 0,
      updated_at: tx.now,
    };
    await updateSiteRow(tx.trx, siteId, next);
    // Visits nobody closed are closed after the closing time: a new one (or time zone) moves that timer.
    if (next.opening_hours !== current.opening_hours || next.time_zone !== current.time_zone) await rebookDayEnd(tx, siteId);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'site.update', entityType: 'site', entityId: siteId, detail: { ...patch } });
    tx.emit({ siteId }, 'site.changed', { siteId });
    return toSite(next);
  });
}
