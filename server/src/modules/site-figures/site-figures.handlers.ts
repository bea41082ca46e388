/** The use cases behind the routes: authorise, settle the range, compute. */
import type { CompanyDashboard, FiguresQuery, SiteFigures } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { addDays, localParts } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { findSiteRow, listSitesOfCompany } from '../sites/index.js';
import { companyDashboardOf, defaultCompanyRange } from './dashboard.service.js';
import { requireDashboardReader, requireFigureReader } from './site-figures.policy.js';
import { assertFiguresRange, siteFiguresOfPeriod } from './site-figures.service.js';

/** Missing ends default around `fallback`; a lone `from` runs to today, a lone `to` starts 29 days before it. */
function settleRange(query: FiguresQuery, fallback: { from: string; to: string }): { from: string; to: string } {
  const to = query.to ?? (query.from ? (fallback.to < query.from ? query.from : fallback.to) : fallback.to);
  const from = query.from ?? (query.to ? addDays(query.to, -29) : fallback.from);
  assertFiguresRange(from, to);
  return { from, to };
}

export async function getSiteFigures(deps: Deps, actor: Actor, siteId: string, query: FiguresQuery): Promise<SiteFigures> {
  requireFigureReader(actor, siteId);
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const now = deps.clock.now();
  const today = localParts(now, site.time_zone).date;
  const { from, to } = settleRange(query, { from: addDays(today, -29), to: today });
  return siteFiguresOfPeriod(deps.db, siteId, from, to, now);
}

export async function getCompanyDashboard(deps: Deps, actor: Actor, companyId: string, query: FiguresQuery): Promise<CompanyDashboard> {
  requireDashboardReader(actor, companyId);
  const now = deps.clock.now();
  const [first] = await listSitesOfCompany(deps.db, companyId);
  const { from, to } = settleRange(query, defaultCompanyRange(now, first?.time_zone));
  return companyDashboardOf(deps.db, companyId, from, to, now);
}
