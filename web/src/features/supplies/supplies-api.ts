/**
 * Supplies (物资) through the API: items, stores, on-hand, the ledger, receipts, issues, counts,
 * approved requisitions to issue and the weekly consumption. Everything is cached under
 * ['site', siteId, 'supplies', …], which the realtime `supplies.*` events invalidate.
 */
import type {
  ItemConsumption,
  MovementKind,
  PageOf,
  RequisitionToIssue,
  StockBatch,
  StockBatchBody,
  StockCountBody,
  StockLevel,
  StockMovement,
  SupplyItem,
  SupplyItemBody,
  SupplyStore,
  UpdateSupplyItemBody,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/supplies`;
export const suppliesKey = (siteId: string) => ['site', siteId, 'supplies'] as const;

type Page = { cursor?: string | null; limit?: number };
const page = (p: Page) => ({ cursor: p.cursor ?? undefined, limit: p.limit });

export const suppliesApi = {
  items: (siteId: string, p: Page) => http.get<PageOf<SupplyItem>>(`${base(siteId)}/items`, page(p)),
  createItem: (siteId: string, input: SupplyItemBody) => http.post<SupplyItem>(`${base(siteId)}/items`, input),
  updateItem: (siteId: string, id: string, input: UpdateSupplyItemBody) => http.patch<SupplyItem>(`${base(siteId)}/items/${id}`, input),
  archiveItem: (siteId: string, id: string) => http.delete(`${base(siteId)}/items/${id}`),
  stores: (siteId: string) => http.get<PageOf<SupplyStore>>(`${base(siteId)}/stores`, { limit: 200 }),
  createStore: (siteId: string, name: string) => http.post<SupplyStore>(`${base(siteId)}/stores`, { name }),
  stock: (siteId: string, p: Page & { storeId?: string; lowOnly?: boolean }) =>
    http.get<PageOf<StockLevel>>(`${base(siteId)}/stock`, { ...page(p), storeId: p.storeId, lowOnly: p.lowOnly ? 'true' : undefined }),
  movements: (siteId: string, p: Page & { storeId?: string; kind?: MovementKind }) =>
    http.get<PageOf<StockMovement>>(`${base(siteId)}/movements`, { ...page(p), storeId: p.storeId, kind: p.kind }),
  batches: (siteId: string, p: Page & { kind?: MovementKind }) =>
    http.get<PageOf<StockBatch>>(`${base(siteId)}/batches`, { ...page(p), kind: p.kind }),
  receive: (siteId: string, input: StockBatchBody) => http.post<StockBatch>(`${base(siteId)}/receipts`, input),
  issue: (siteId: string, input: StockBatchBody) => http.post<StockBatch>(`${base(siteId)}/issues`, input),
  count: (siteId: string, input: StockCountBody) => http.post<StockBatch>(`${base(siteId)}/counts`, input),
  requisitions: (siteId: string, p: Page & { issued: boolean }) =>
    http.get<PageOf<RequisitionToIssue>>(`${base(siteId)}/requisitions`, { ...page(p), issued: String(p.issued) }),
  issueRequisition: (siteId: string, requisitionId: string, storeId: string) =>
    http.post<StockBatch>(`${base(siteId)}/requisitions/${requisitionId}/issue`, { storeId }),
  consumption: (siteId: string, p: Page & { from: string; to: string }) =>
    http.get<PageOf<ItemConsumption>>(`${base(siteId)}/consumption`, { ...page(p), from: p.from, to: p.to }),
};

const suppliesChanged = onSite((siteId) => [suppliesKey(siteId)]);

export const supplyInvalidations: FeatureInvalidations = {
  'supplies.changed': suppliesChanged,
  'supplies.low_stock': suppliesChanged,
  // Approved requisitions wait to be issued from a store.
  'requisition.changed': suppliesChanged,
};
