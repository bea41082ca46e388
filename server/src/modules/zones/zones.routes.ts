import { CreateZoneBody, Page, PageQuery, SiteParams, UpdateZoneBody, Zone, ZoneParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { createZone, deleteZone, getZone, listZones, updateZone } from './zones.service.js';

export function registerZoneRoutes(app: App, deps: Deps): void {
  const tags = ['zones'];
  app.get(
    '/sites/:siteId/zones',
    { schema: { summary: 'List a site’s zones', tags, params: SiteParams, querystring: PageQuery, response: { 200: Page(Zone) } } },
    (req) => listZones(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/zones',
    { schema: { summary: 'Create a zone', tags, params: SiteParams, body: CreateZoneBody, response: { 201: Zone } } },
    async (req, reply) => reply.status(201).send(await createZone(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get('/sites/:siteId/zones/:zoneId', { schema: { summary: 'Read a zone', tags, params: ZoneParams, response: { 200: Zone } } }, (req) =>
    getZone(deps, req.actor, req.params.siteId, req.params.zoneId),
  );
  app.patch(
    '/sites/:siteId/zones/:zoneId',
    { schema: { summary: 'Change a zone', tags, params: ZoneParams, body: UpdateZoneBody, response: { 200: Zone } } },
    (req) => updateZone(deps, req.actor, req.params.siteId, req.params.zoneId, req.body),
  );
  app.delete(
    '/sites/:siteId/zones/:zoneId',
    { schema: { summary: 'Delete an unused zone', tags, params: ZoneParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await deleteZone(deps, req.actor, req.params.siteId, req.params.zoneId);
      return reply.status(204).send();
    },
  );
}
