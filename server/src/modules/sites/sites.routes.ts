import { CreateSiteBody, Page, PageQuery, Site, SiteParams, UpdateSiteBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { createSite, getSite, listSites, updateSite } from './sites.service.js';

export function registerSiteRoutes(app: App, deps: Deps): void {
  app.get('/sites', { schema: { tags: ['sites'], summary: 'Sites I can enter', querystring: PageQuery, response: { 200: Page(Site) } } }, (req) =>
    listSites(deps, req.actor, req.query),
  );
  app.post(
    '/sites',
    { schema: { tags: ['sites'], summary: 'Create a site (company admin)', body: CreateSiteBody, response: { 201: Site } } },
    async (req, reply) => reply.status(201).send(await createSite(deps, req.actor, req.body)),
  );
  app.get('/sites/:siteId', { schema: { summary: 'Read a site', tags: ['sites'], params: SiteParams, response: { 200: Site } } }, (req) =>
    getSite(deps, req.actor, req.params.siteId),
  );
  app.patch(
    '/sites/:siteId',
    { schema: { tags: ['sites'], summary: 'Change site settings', params: SiteParams, body: UpdateSiteBody, response: { 200: Site } } },
    (req) => updateSite(deps, req.actor, req.params.siteId, req.body),
  );
}
