import { CompanyDashboard, CompanyParams, FiguresQuery, SiteFigures, SiteParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { getCompanyDashboard, getSiteFigures } from './site-figures.handlers.js';

export function registerSiteFiguresRoutes(app: App, deps: Deps): void {
  app.get(
    '/sites/:siteId/figures',
    {
      schema: {
        tags: ['figures'],
        summary: "A site's visitor and service figures for a range of local dates (default: the last 30 days)",
        params: SiteParams,
        querystring: FiguresQuery,
        response: { 200: SiteFigures },
      },
    },
    (req) => getSiteFigures(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/companies/:companyId/dashboard',
    {
      schema: {
        tags: ['figures'],
        summary: "Every site of the company over a range (default: this month), for the company's admin",
        params: CompanyParams,
        querystring: FiguresQuery,
        response: { 200: CompanyDashboard },
      },
    },
    (req) => getCompanyDashboard(deps, req.actor, req.params.companyId, req.query),
  );
}
