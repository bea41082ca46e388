import {
  Checkpoint,
  CheckpointListQuery,
  CheckpointParams,
  CodeParams,
  CreateCheckpointBody,
  Page,
  PublicCheckpoint,
  ScanBody,
  ScanResult,
  SiteParams,
  UpdateCheckpointBody,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  createCheckpoint,
  deleteCheckpoint,
  getCheckpoint,
  listCheckpoints,
  publicCheckpoint,
  recordScan,
  reissueCheckpointCode,
  revokeCheckpoint,
  updateCheckpointDetails,
} from './checkpoints.service.js';
import { PublicRateLimiter } from './public-rate-limit.js';

export function registerCheckpointRoutes(app: App, deps: Deps): void {
  const tags = ['checkpoints'];
  app.get(
    '/sites/:siteId/checkpoints',
    {
      schema: {
        tags,
        summary: "The site's checkpoints with their codes",
        params: SiteParams,
        querystring: CheckpointListQuery,
        response: { 200: Page(Checkpoint) },
      },
    },
    (req) => listCheckpoints(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/checkpoints',
    {
      schema: {
        tags,
        summary: 'Hang a checkpoint in a zone; it gets a new random code',
        params: SiteParams,
        body: CreateCheckpointBody,
        response: { 200: Checkpoint, 201: Checkpoint },
      },
    },
    async (req, reply) => {
      const { checkpoint, created } = await createCheckpoint(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(checkpoint);
    },
  );
  app.get(
    '/sites/:siteId/checkpoints/:checkpointId',
    { schema: { summary: 'Read a checkpoint', tags, params: CheckpointParams, response: { 200: Checkpoint } } },
    (req) => getCheckpoint(deps, req.actor, req.params.siteId, req.params.checkpointId),
  );
  app.patch(
    '/sites/:siteId/checkpoints/:checkpointId',
    { schema: { summary: 'Change a checkpoint', tags, params: CheckpointParams, body: UpdateCheckpointBody, response: { 200: Checkpoint } } },
    (req) => updateCheckpointDetails(deps, req.actor, req.params.siteId, req.params.checkpointId, req.body),
  );
  app.delete(
    '/sites/:siteId/checkpoints/:checkpointId',
    {
      schema: {
        tags,
        summary: 'Delete a checkpoint never used (revoke one with history)',
        params: CheckpointParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (req, reply) => {
      await deleteCheckpoint(deps, req.actor, req.params.siteId, req.params.checkpointId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/sites/:siteId/checkpoints/:checkpointId/revoke',
    { schema: { tags, summary: 'Revoke the code: scans of it are refused', params: CheckpointParams, response: { 200: Checkpoint } } },
    (req) => revokeCheckpoint(deps, req.actor, req.params.siteId, req.params.checkpointId),
  );
  app.post(
    '/sites/:siteId/checkpoints/:checkpointId/reissue',
    {
      schema: {
        tags,
        summary: 'A new code for a new poster; the old one answers CODE_REVOKED',
        params: CheckpointParams,
        response: { 200: Checkpoint },
      },
    },
    (req) => reissueCheckpointCode(deps, req.actor, req.params.siteId, req.params.checkpointId),
  );
  app.post(
    '/scans',
    {
      schema: {
        tags,
        summary: 'Record a scan of a checkpoint code by the signed-in person',
        body: ScanBody,
        response: { 200: ScanResult, 201: ScanResult },
      },
    },
    async (req, reply) => {
      const { scan, created } = await recordScan(deps, req.actor, req.body);
      return reply.status(created ? 201 : 200).send(scan);
    },
  );
}

/** The QR landing page's data, for anyone holding the code (no session). */
export function registerPublicCheckpointRoutes(app: App, deps: Deps): void {
  const limiter = new PublicRateLimiter(deps.clock, 60, 60_000);
  app.get(
    '/public/checkpoints/:code',
    {
      schema: {
        tags: ['checkpoints'],
        summary: 'Names and last scan time of a checkpoint (public)',
        security: [],
        params: CodeParams,
        response: { 200: PublicCheckpoint },
      },
    },
    async (req, reply) => {
      const wait = limiter.hit(req.ip);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new AppError('PUBLIC_RATE_LIMITED', { params: { retryAfterSeconds: wait } });
      }
      return publicCheckpoint(deps, req.params.code);
    },
  );
}
