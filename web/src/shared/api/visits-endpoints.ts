/**
 * Typed calls for the visitor journey (来访): registering a visit, handing it on, and the post
 * that receives it confirming. Ids of writes are made on the phone, so the outbox resends safely.
 */
import type { HandoffBody, PageOf, RegisterVisitBody, Visit, VisitorCounts } from '@anchang/contracts';
import { http } from './client';
import type { PageParams } from './endpoints';

const visits = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/visits`;

export const visitsApi = {
  list: (siteId: string, p: PageParams & { status?: 'open' | 'closed' } = {}) =>
    http.get<PageOf<Visit>>(visits(siteId), { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status }),
  get: (siteId: string, visitId: string) => http.get<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}`),
  register: (siteId: string, body: RegisterVisitBody) => http.post<Visit>(visits(siteId), body),
  handOff: (siteId: string, visitId: string, body: HandoffBody) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs`, body),
  acknowledge: (siteId: string, visitId: string, handoffId: string) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs/${encodeURIComponent(handoffId)}/ack`),
  /** Active consultants by name, readable by everyone on the site (HALL-IN-3). */
  consultants: (siteId: string) => http.get<{ id: string; name: string }[]>(`/sites/${encodeURIComponent(siteId)}/consultants`),
  counts: (siteId: string) => http.get<VisitorCounts>(`/sites/${encodeURIComponent(siteId)}/visitor-counts`),
};
