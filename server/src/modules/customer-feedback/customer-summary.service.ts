import { ROLE_GROUPS, type DailyCustomerSummary } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { isValidDate } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { buildDailyCustomerSummary } from './customer-summary.js';

/** The summary page: the site's overseers read any day's, past or today (so far). */
export async function readDailyCustomerSummary(deps: Deps, actor: Actor, siteId: string, date: string): Promise<DailyCustomerSummary> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  const summary = await buildDailyCustomerSummary(deps.db, siteId, date);
  if (!summary) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return summary;
}
