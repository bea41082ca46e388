/**
 * Lost and found (遗失物品) through the API. Every write makes the server emit `lost_item.changed`,
 * which refetches these lists on every phone and console at the site.
 */
import type { LostItem, PageOf, Signature } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/lost-items`;
const PAGE_SIZE = 20;

export type LostItemFilter = 'unclaimed' | 'all';

export interface RegisterLostItemInput {
  id: string;
  what: string;
  whereFound: string;
  foundAt: number;
  storagePlace: string;
  photoId?: string;
}
export interface ReturnLostItemInput {
  ownerName: string;
  ownerPhone?: string;
  signature: Signature;
}

export const lostItemsApi = {
  list: (siteId: string, filter: LostItemFilter, cursor: string | null) =>
    http.get<PageOf<LostItem>>(base(siteId), { limit: PAGE_SIZE, cursor: cursor ?? undefined, unclaimed: filter === 'unclaimed' ? true : undefined }),
  register: (siteId: string, body: RegisterLostItemInput) => http.post<LostItem>(base(siteId), body),
  confirmOpening: (siteId: string, lostItemId: string, body: { contents?: string }) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/open`, body),
  returnToOwner: (siteId: string, lostItemId: string, body: ReturnLostItemInput) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/return`, body),
};

export const lostItemKeys = {
  all: (siteId: string) => ['site', siteId, 'lost-items'] as const,
};

export const lostItemInvalidations: FeatureInvalidations = {
  'lost_item.changed': onSite((siteId) => [lostItemKeys.all(siteId)]),
};
