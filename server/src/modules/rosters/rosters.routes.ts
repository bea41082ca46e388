import { CopyWeekBody, CreateRosterEntryBody, RosterEntry, RosterEntryParams, RosterWeek, RosterWeekQuery, SiteParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { copyRosterWeek, createRosterEntry, deleteRosterEntry, getRosterWeek } from './rosters.service.js';

export function registerRosterRoutes(app: App, deps: Deps): void {
  const tags = ['rosters'];
  // A week is the page: the list is bounded by the 7 days asked for.
  app.get(
    '/sites/:siteId/roster',
    {
      schema: {
        tags,
        summary: 'The roster of the week containing `week`, with conflicts',
        params: SiteParams,
        querystring: RosterWeekQuery,
        response: { 200: RosterWeek },
      },
    },
    (req) => getRosterWeek(deps, req.actor, req.params.siteId, req.query.week),
  );
  app.post(
    '/sites/:siteId/roster',
    { schema: { summary: 'Add a roster entry', tags, params: SiteParams, body: CreateRosterEntryBody, response: { 201: RosterEntry } } },
    async (req, reply) => reply.status(201).send(await createRosterEntry(deps, req.actor, req.params.siteId, req.body)),
  );
  app.delete(
    '/sites/:siteId/roster/:entryId',
    { schema: { summary: 'Delete a roster entry', tags, params: RosterEntryParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await deleteRosterEntry(deps, req.actor, req.params.siteId, req.params.entryId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/sites/:siteId/roster/copy-week',
    { schema: { tags, summary: 'Copy a week onto another', params: SiteParams, body: CopyWeekBody, response: { 200: RosterWeek } } },
    (req) => copyRosterWeek(deps, req.actor, req.params.siteId, req.body),
  );
}
