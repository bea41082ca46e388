import { CreatePersonBody, Page, PageQuery, PersonParams, SiteParams, SitePerson, UpdatePersonBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { createPerson, getPerson, listConsultants, listPeople, removePersonFromSite, updatePerson } from './people.service.js';
import { Type } from '@sinclair/typebox';
import { Id } from '@anchang/contracts';

export function registerPeopleRoutes(app: App, deps: Deps): void {
  const tags = ['people'];
  // At most a few dozen consultants per site: the whole list, not paged.
  app.get(
    '/sites/:siteId/consultants',
    {
      schema: {
        tags,
        summary: "The site's active sales consultants (names only), for hand-offs",
        params: SiteParams,
        response: { 200: Type.Array(Type.Object({ id: Id, name: Type.String() })) },
      },
    },
    (req) => listConsultants(deps, req.actor, req.params.siteId),
  );
  app.get(
    '/sites/:siteId/people',
    { schema: { summary: 'List the people of a site', tags, params: SiteParams, querystring: PageQuery, response: { 200: Page(SitePerson) } } },
    (req) => listPeople(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/people',
    {
      schema: {
        tags,
        summary: 'Create an account with a role on this site',
        params: SiteParams,
        body: CreatePersonBody,
        response: { 201: SitePerson },
      },
    },
    async (req, reply) => reply.status(201).send(await createPerson(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    '/sites/:siteId/people/:personId',
    { schema: { summary: 'Read a person of the site', tags, params: PersonParams, response: { 200: SitePerson } } },
    (req) => getPerson(deps, req.actor, req.params.siteId, req.params.personId),
  );
  app.patch(
    '/sites/:siteId/people/:personId',
    { schema: { summary: 'Change a person of the site', tags, params: PersonParams, body: UpdatePersonBody, response: { 200: SitePerson } } },
    (req) => updatePerson(deps, req.actor, req.params.siteId, req.params.personId, req.body),
  );
  app.delete(
    '/sites/:siteId/people/:personId',
    { schema: { tags, summary: 'Remove from this site', params: PersonParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await removePersonFromSite(deps, req.actor, req.params.siteId, req.params.personId);
      return reply.status(204).send();
    },
  );
}
