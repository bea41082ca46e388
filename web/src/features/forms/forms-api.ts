/** The post-shift forms through the API: supply requisitions (物资领用) and customer opinions (客户意见). */
import type {
  CreateOpinionBody,
  CreateRequisitionBody,
  CustomerOpinion,
  DecideRequisitionBody,
  OpinionDaySummary,
  PageOf,
  Requisition,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath, type PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const requisitionKeys = {
  root: (siteId: string) => ['site', siteId, 'requisitions'] as const,
  list: (siteId: string, filter: string) => ['site', siteId, 'requisitions', filter] as const,
};

export const opinionKeys = {
  root: (siteId: string) => ['site', siteId, 'opinions'] as const,
  day: (siteId: string, date: string) => ['site', siteId, 'opinions', date] as const,
};

export const requisitionsApi = {
  create: (siteId: string, input: CreateRequisitionBody) => http.post<Requisition>(`${sitePath(siteId)}/requisitions`, input),
  list: (siteId: string, p: PageParams & { status?: string } = {}) =>
    http.get<PageOf<Requisition>>(`${sitePath(siteId)}/requisitions`, { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status }),
  decide: (siteId: string, id: string, input: DecideRequisitionBody) =>
    http.post<Requisition>(`${sitePath(siteId)}/requisitions/${id}/decision`, input),
};

export const opinionsApi = {
  create: (siteId: string, input: CreateOpinionBody) => http.post<CustomerOpinion>(`${sitePath(siteId)}/opinions`, input),
  daily: (siteId: string, date: string) => http.get<OpinionDaySummary>(`${sitePath(siteId)}/opinions/daily`, { date }),
};

export const formInvalidations: FeatureInvalidations = {
  'requisition.changed': onSite((siteId) => [requisitionKeys.root(siteId)]),
  'opinion.created': onSite((siteId) => [opinionKeys.root(siteId)]),
};
