/**
 * Typed calls for the visitor journey (来访): registering a visit, handing it on, and the post
 * that receives it confirming. Ids of writes are made on the phone, so the outbox resends safely.
 */
import type {
  ClaimVisitBody,
  DrinkOrder,
  HandoffBody,
  MyConsultantRotation,
  MyConsultantRotationBody,
  PageOf,
  RegisterVisitBody,
  SeatResult,
  Visit,
  VisitChainSettings,
  VisitChainSettingsBody,
  VisitListQuery,
  VisitorCounts,
} from '@anchang/contracts';
import { http } from './client';
import type { PageParams } from './endpoints';

const visits = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/visits`;

export const visitsApi = {
  list: (siteId: string, p: PageParams & Omit<VisitListQuery, 'limit' | 'cursor'> = {}) =>
    http.get<PageOf<Visit>>(visits(siteId), {
      limit: p.limit,
      cursor: p.cursor ?? undefined,
      status: p.status,
      stage: p.stage,
      consultant: p.consultant,
      arrivedSince: p.arrivedSince,
    }),
  /** A consultant takes guests waiting in the hall with nobody (HALL-IN-3); the id is the hand-off's. */
  chainSettings: (siteId: string) => http.get<VisitChainSettings>(`/sites/${encodeURIComponent(siteId)}/visit-chain-settings`),
  saveChainSettings: (siteId: string, body: VisitChainSettingsBody) =>
    http.put<VisitChainSettings>(`/sites/${encodeURIComponent(siteId)}/visit-chain-settings`, body),
  myRotation: (siteId: string) => http.get<MyConsultantRotation>(`/sites/${encodeURIComponent(siteId)}/consultant-rotation/me`),
  setMyRotation: (siteId: string, body: MyConsultantRotationBody) =>
    http.put<MyConsultantRotation>(`/sites/${encodeURIComponent(siteId)}/consultant-rotation/me`, body),
  claim: (siteId: string, visitId: string, body: ClaimVisitBody) => http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/claim`, body),
  get: (siteId: string, visitId: string) => http.get<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}`),
  register: (siteId: string, body: RegisterVisitBody) => http.post<Visit>(visits(siteId), body),
  handOff: (siteId: string, visitId: string, body: HandoffBody) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs`, body),
  acknowledge: (siteId: string, visitId: string, handoffId: string) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs/${encodeURIComponent(handoffId)}/ack`),
  /** Active consultants by name, readable by everyone on the site (HALL-IN-3). */
  consultants: (siteId: string) => http.get<{ id: string; name: string }[]>(`/sites/${encodeURIComponent(siteId)}/consultants`),
  /** 入座: a table (the one given, or the server's pick), or the sand-table waiting list (HALL-IN-7). */
  seat: (siteId: string, visitId: string, body: { tableId?: string }) =>
    http.post<SeatResult>(`${visits(siteId)}/${encodeURIComponent(visitId)}/seat`, body),
  orderDrinks: (siteId: string, visitId: string, body: { id: string; lines: { name: string; quantity: number }[] }) =>
    http.post<DrinkOrder>(`${visits(siteId)}/${encodeURIComponent(visitId)}/drinks`, body),
  drinkMade: (siteId: string, orderId: string) =>
    http.post<DrinkOrder>(`/sites/${encodeURIComponent(siteId)}/bar/orders/${encodeURIComponent(orderId)}/made`),
  /** 已上桌 by the bar, or 代为上桌 by the hall (BAR-IN-1). */
  drinkServed: (siteId: string, orderId: string, body: { by: 'BAR' | 'HALL' }) =>
    http.post<DrinkOrder>(`/sites/${encodeURIComponent(siteId)}/bar/orders/${encodeURIComponent(orderId)}/served`, body),
  counts: (siteId: string) => http.get<VisitorCounts>(`/sites/${encodeURIComponent(siteId)}/visitor-counts`),
};
