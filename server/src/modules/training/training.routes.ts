import { Type } from '@sinclair/typebox';
import { Id, Instant, PersonParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { listTraining, recordTraining } from './training.service.js';

const Kind = Type.Union([Type.Literal('pre_job'), Type.Literal('on_job')]);
const TrainingRecord = Type.Object({ id: Id, personId: Id, kind: Kind, topic: Type.String(), completedAt: Instant });
const RecordTrainingBody = Type.Object(
  { kind: Kind, topic: Type.String({ minLength: 1, maxLength: 100 }), completedAt: Type.Optional(Instant) },
  { additionalProperties: false },
);

export function registerTrainingRoutes(app: App, deps: Deps): void {
  const tags = ['training'];
  // One person's records: bounded (200 newest), not paged.
  app.get(
    '/sites/:siteId/people/:personId/training',
    { schema: { tags, params: PersonParams, response: { 200: Type.Array(TrainingRecord) } } },
    (req) => listTraining(deps, req.actor, req.params.siteId, req.params.personId),
  );
  app.post(
    '/sites/:siteId/people/:personId/training',
    { schema: { tags, summary: 'Record a completed training', params: PersonParams, body: RecordTrainingBody, response: { 201: TrainingRecord } } },
    async (req, reply) => reply.status(201).send(await recordTraining(deps, req.actor, req.params.siteId, req.params.personId, req.body)),
  );
}
