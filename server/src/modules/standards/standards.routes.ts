import { Type } from '@sinclair/typebox';
import {
  AdoptLibraryUpdateBody,
  Id,
  Instant,
  PostKindParams,
  PostStandard,
  SiteParams,
  StandardSettings,
  StandardSummary,
  UpdateStandardBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  adoptLibrary,
  adoptLibraryUpdate,
  getStandard,
  getStandardSettings,
  listStandards,
  listStandardVersions,
  updateStandard,
  updateStandardSettings,
} from './standards.service.js';

const VersionInfo = Type.Object({
  versionId: Id,
  version: Type.Integer(),
  changeNote: Type.String(),
  createdAt: Instant,
  createdBy: Type.Union([Type.String(), Type.Null()]),
});

export function registerStandardRoutes(app: App, deps: Deps): void {
  const tags = ['standards'];
  // A site has one standard per post kind (12 at most): these lists are complete, not paged.
  app.get(
    '/sites/:siteId/standards',
    { schema: { tags, summary: "The site's standards, one per post kind", params: SiteParams, response: { 200: Type.Array(StandardSummary) } } },
    (req) => listStandards(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/standards/adopt',
    { schema: { tags, summary: 'Adopt the built-in standards library', params: SiteParams, response: { 201: Type.Array(StandardSummary) } } },
    async (req, reply) => reply.status(201).send(await adoptLibrary(deps, req.actor, req.params.siteId)),
  );
  app.post(
    '/sites/:siteId/standards/library-update',
    {
      schema: {
        tags,
        summary: "Take the library's newest version into the site's copy: a new version of each post it changes, with the change note",
        params: SiteParams,
        body: AdoptLibraryUpdateBody,
        response: { 201: Type.Array(StandardSummary) },
      },
    },
    async (req, reply) => reply.status(201).send(await adoptLibraryUpdate(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    '/sites/:siteId/standards/:postKind',
    { schema: { summary: 'Read the standard a site runs for a kind of post', tags, params: PostKindParams, response: { 200: PostStandard } } },
    (req) => getStandard(deps, req.actor, req.params.siteId, req.params.postKind),
  );
  app.put(
    '/sites/:siteId/standards/:postKind',
    {
      schema: {
        tags,
        summary: 'Save an edited standard as a new version',
        params: PostKindParams,
        body: UpdateStandardBody,
        response: { 200: PostStandard },
      },
    },
    (req) => updateStandard(deps, req.actor, req.params.siteId, req.params.postKind, req.body),
  );
  app.get(
    '/sites/:siteId/standards/:postKind/versions',
    { schema: { summary: 'List the versions of a post kind’s standard', tags, params: PostKindParams, response: { 200: Type.Array(VersionInfo) } } },
    (req) => listStandardVersions(deps, req.actor, req.params.siteId, req.params.postKind),
  );
  app.get(
    '/sites/:siteId/standard-settings',
    { schema: { summary: 'Read the site’s standard settings', tags, params: SiteParams, response: { 200: StandardSettings } } },
    (req) => getStandardSettings(deps, req.actor, req.params.siteId),
  );
  app.put(
    '/sites/:siteId/standard-settings',
    {
      schema: {
        summary: 'Replace the site’s standard settings',
        tags,
        params: SiteParams,
        body: StandardSettings,
        response: { 200: StandardSettings },
      },
    },
    (req) => updateStandardSettings(deps, req.actor, req.params.siteId, req.body),
  );
}
