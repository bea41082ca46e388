/**
 * The people of a site through the API, and their pre-job training records. Refetched on
 * `person.changed`, which recording training announces too.
 */
import type { CreatePersonBody, PageOf, SitePerson, UpdatePersonBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { pageQuery, sitePath, type PageParams } from '../../shared/api/endpoints';
import { queryKeys } from '../../shared/api/query-keys';
import type { FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export type CreatePersonInput = CreatePersonBody;
export type UpdatePersonInput = UpdatePersonBody;

export interface TrainingRecord {
  id: string;
  personId: string;
  kind: 'pre_job' | 'on_job';
  topic: string;
  completedAt: number;
}

export const peopleKeys = {
  all: (siteId: string) => ['site', siteId, 'people'] as const,
  /** Under the training feature's key, so `training.changed` refreshes it as well. */
  training: (siteId: string, personId: string) => ['site', siteId, 'training', personId] as const,
};

export const peopleApi = {
  list: (siteId: string, p?: PageParams) => http.get<PageOf<SitePerson>>(`${sitePath(siteId)}/people`, pageQuery(p)),
  create: (siteId: string, input: CreatePersonInput) => http.post<SitePerson>(`${sitePath(siteId)}/people`, input),
  update: (siteId: string, personId: string, input: UpdatePersonInput) => http.patch<SitePerson>(`${sitePath(siteId)}/people/${personId}`, input),
  remove: (siteId: string, personId: string) => http.delete(`${sitePath(siteId)}/people/${personId}`),
  training: (siteId: string, personId: string) => http.get<TrainingRecord[]>(`${sitePath(siteId)}/people/${personId}/training`),
  recordTraining: (siteId: string, personId: string, input: { kind: 'pre_job' | 'on_job'; topic: string }) =>
    http.post<TrainingRecord>(`${sitePath(siteId)}/people/${personId}/training`, input),
};

export const peopleInvalidations: FeatureInvalidations = {
  'person.changed': ({ siteId, payload, myId }) => [
    ...(siteId ? [peopleKeys.all(siteId), peopleKeys.training(siteId, payload.personId)] : []),
    ...(payload.personId === myId ? [queryKeys.me] : []), // my role or posts changed
  ],
};
