/**
 * The company dashboard (公司看板): every site of the company over one range, side by side, from
 * the same per-site figures the visitor history and the client report use.
 */
import type { CompanyDashboard, DashboardSite, SiteFigures } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localParts } from '../../platform/site-time.js';
import { listSitesOfCompany } from '../sites/index.js';
import { rate, siteFiguresOfPeriod } from './site-figures.service.js';

/**
 * The service index (服务指数, 0–100): the plain average of the service rates a site had something
 * due for — checklist completion, punctuality, round compliance (timed rounds and patrols
 * together) and repair arrival within the rule — times 100, one decimal. A rate with nothing due
 * is left out rather than counted as perfect; null when none was due. Equal weights keep the
 * number explainable to a client; a satisfaction rate can join the list when it exists.
 */
export function serviceIndexOf(rates: readonly (number | null)[]): number | null {
  const known = rates.filter((r): r is number => r !== null);
  if (known.length === 0) return null;
  return Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 10;
}

/** Rounds and patrols counted together: both are "the round was walked when due". */
const roundRateOf = (f: SiteFigures) =>
  rate(f.service.rounds.met + f.service.rounds.late + f.service.patrols.done + f.service.patrols.late, f.service.rounds.due + f.service.patrols.due);

export function dashboardSiteOf(site: { id: string; name: string }, f: SiteFigures): DashboardSite {
  const checklistRate = f.service.checklist.rate;
  const punctualityRate = f.service.punctuality.rate;
  const roundRate = roundRateOf(f);
  const repairWithinRuleShare = f.service.repairs.withinRuleShare;
  return {
    siteId: site.id,
    name: site.name,
    visits: f.visitors.visits,
    guests: f.visitors.guests,
    returningShare: f.visitors.returningShare,
    checklistRate,
    punctualityRate,
    roundRate,
    repairWithinRuleShare,
    incidents: f.service.incidents.total,
    serviceIndex: serviceIndexOf([checklistRate, punctualityRate, roundRate, repairWithinRuleShare]),
    averageRating: f.satisfaction?.averageRating ?? null,
    nps: f.satisfaction?.nps ?? null,
  };
}

/** The company's rating and NPS from the sites' counts, weighted by ratings and answers, rounded as the surveys module rounds. */
function companySatisfactionOf(figures: readonly SiteFigures[]): { averageRating: number | null; nps: number | null } {
  let ratings = 0;
  let ratingSum = 0;
  let answers = 0;
  let net = 0;
  for (const f of figures) {
    const s = f.satisfaction;
    if (!s) continue;
    ratings += s.ratings;
    ratingSum += (s.averageRating ?? 0) * s.ratings;
    answers += s.answers;
    net += s.promoters - s.detractors;
  }
  return {
    averageRating: ratings === 0 ? null : Math.round((ratingSum / ratings) * 100) / 100,
    nps: answers === 0 ? null : Math.round((net / answers) * 1000) / 10,
  };
}

/** The company's default range: this month so far on the clock of its first site (Asia/Shanghai without sites). */
export function defaultCompanyRange(now: number, timeZone = 'Asia/Shanghai'): { from: string; to: string } {
  const today = localParts(now, timeZone).date;
  return { from: `${today.slice(0, 7)}-01`, to: today };
}

export async function companyDashboardOf(db: Kysely<DB>, companyId: string, from: string, to: string, now: number): Promise<CompanyDashboard> {
  const sites = await listSitesOfCompany(db, companyId);
  // One site at a time: each already reads its sources in parallel, and a company's dozen sites
  // at once would only queue on the pool (or on SQLite's single connection) anyway.
  const figures: SiteFigures[] = [];
  for (const s of sites) figures.push(await siteFiguresOfPeriod(db, s.id, from, to, now));
  const rows = sites.map((s, i) => dashboardSiteOf(s, figures[i]!));
  const sum = (pick: (f: SiteFigures) => number) => figures.reduce((n, f) => n + pick(f), 0);
  const checklistRate = rate(
    sum((f) => f.service.checklist.done),
    sum((f) => f.service.checklist.expected),
  );
  const punctualityRate = rate(
    sum((f) => f.service.punctuality.onTime),
    sum((f) => f.service.punctuality.rostered),
  );
  const roundRate = rate(
    sum((f) => f.service.rounds.met + f.service.rounds.late + f.service.patrols.done + f.service.patrols.late),
    sum((f) => f.service.rounds.due + f.service.patrols.due),
  );
  const repairWithinRuleShare = rate(
    sum((f) => f.service.repairs.withinRule),
    sum((f) => f.service.repairs.dispatched),
  );
  const byDay = new Map<string, number>();
  for (const f of figures) for (const d of f.visitors.byDay) byDay.set(d.date, (byDay.get(d.date) ?? 0) + d.visits);
  return {
    companyId,
    from,
    to,
    computedAt: now,
    totals: {
      sites: sites.length,
      visits: sum((f) => f.visitors.visits),
      guests: sum((f) => f.visitors.guests),
      returningShare: rate(
        sum((f) => f.visitors.returningVisits),
        sum((f) => f.visitors.identifiedVisits),
      ),
      checklistRate,
      punctualityRate,
      roundRate,
      repairWithinRuleShare,
      incidents: sum((f) => f.service.incidents.total),
      serviceIndex: serviceIndexOf([checklistRate, punctualityRate, roundRate, repairWithinRuleShare]),
      ...companySatisfactionOf(figures),
    },
    byDay: [...byDay.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([date, visits]) => ({ date, visits })),
    sites: rows,
  };
}
