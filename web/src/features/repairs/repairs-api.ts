/**
 * Equipment and repairs through the API: the ledger and maintenance (console), work orders
 * (console and the technician's phone), the daily checks and the public asset page. Every
 * query lives under ['site', id, 'equipment' | 'work-orders'], which the realtime `asset.*` and
 * `work_order.*` events invalidate, so lists refresh on their own.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Asset,
  AssetCodeLookup,
  AssetCategory,
  EquipmentCheck,
  EquipmentCheckDay,
  EquipmentCheckKind,
  MaintenanceSchedule,
  PageOf,
  PublicAsset,
  PublicReportReceipt,
  WorkOrder,
  WorkOrderStats,
  WorkOrderStatus,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';
import { photosApi } from '../../shared/api/photos';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const order = (siteId: string, id: string) => `${site(siteId)}/work-orders/${encodeURIComponent(id)}`;

export interface AssetInput {
  zoneId: string;
  category: AssetCategory;
  nameZh: string;
  nameEn: string;
  model: string;
  locationNote: string;
  installedOn: string | null;
}

export type WorkOrderFilter = 'open' | 'done' | 'all' | 'breached';
export const WORK_ORDER_FILTERS: readonly WorkOrderFilter[] = ['open', 'done', 'breached', 'all'];

export const equipmentApi = {
  assets: (siteId: string, p: { cursor?: string | null; limit?: number; zoneId?: string; category?: string }) =>
    http.get<PageOf<Asset>>(`${site(siteId)}/assets`, { limit: p.limit, cursor: p.cursor ?? undefined, zoneId: p.zoneId, category: p.category }),
  createAsset: (siteId: string, body: AssetInput & { id: string }) => http.post<Asset>(`${site(siteId)}/assets`, body),
  updateAsset: (siteId: string, assetId: string, body: Partial<AssetInput>) => http.patch<Asset>(`${site(siteId)}/assets/${assetId}`, body),
  retireAsset: (siteId: string, assetId: string) => http.delete(`${site(siteId)}/assets/${assetId}`),
  assetCode: (siteId: string, assetId: string, action: 'reissue' | 'revoke') =>
    http.post<Asset>(`${site(siteId)}/assets/${assetId}/code`, { action }),
  maintenance: (siteId: string, p: { cursor?: string | null; limit?: number; dueWithinDays?: number }) =>
    http.get<PageOf<MaintenanceSchedule>>(`${site(siteId)}/maintenance`, {
      limit: p.limit,
      cursor: p.cursor ?? undefined,
      dueWithinDays: p.dueWithinDays,
    }),
  createMaintenance: (siteId: string, body: { id: string; assetId: string; title: string; everyDays: number; firstDueOn: string }) =>
    http.post<MaintenanceSchedule>(`${site(siteId)}/maintenance`, body),
  maintenanceDone: (siteId: string, scheduleId: string, note: string) =>
    http.post<MaintenanceSchedule>(`${site(siteId)}/maintenance/${scheduleId}/done`, { note }),
  removeMaintenance: (siteId: string, scheduleId: string) => http.delete(`${site(siteId)}/maintenance/${scheduleId}`),
  checks: (siteId: string) => http.get<EquipmentCheckDay>(`${site(siteId)}/equipment-checks`),
  submitCheck: (
    siteId: string,
    body: { id: string; kind: EquipmentCheckKind; results: { assetId: string; ok: boolean; note?: string; photoId?: string }[] },
  ) => http.post<EquipmentCheck>(`${site(siteId)}/equipment-checks`, body),
};

export const repairsApi = {
  list: (siteId: string, p: { cursor?: string | null; limit?: number; filter?: WorkOrderFilter; assetId?: string }) =>
    http.get<PageOf<WorkOrder>>(`${site(siteId)}/work-orders`, {
      limit: p.limit,
      cursor: p.cursor ?? undefined,
      assetId: p.assetId,
      status: p.filter === 'open' ? 'open' : p.filter === 'done' ? 'done' : undefined,
      breached: p.filter === 'breached' ? true : undefined,
    }),
  create: (siteId: string, body: { id: string; zoneId?: string; assetId?: string; anomalyId?: string; description: string; photoId?: string }) =>
    http.post<WorkOrder>(`${site(siteId)}/work-orders`, body),
  act: (siteId: string, id: string, action: 'accept' | 'start' | 'resume' | 'verify') => http.post<WorkOrder>(`${order(siteId, id)}/${action}`, {}),
  arrive: (siteId: string, id: string, body: { code: string; lat?: number; lng?: number; at?: number }) =>
    http.post<WorkOrder>(`${order(siteId, id)}/arrive`, body),
  pause: (siteId: string, id: string, reason: string) => http.post<WorkOrder>(`${order(siteId, id)}/pause`, { reason }),
  done: (siteId: string, id: string, body: { note: string; afterPhotoId?: string }) => http.post<WorkOrder>(`${order(siteId, id)}/done`, body),
  reopen: (siteId: string, id: string, reason: string) => http.post<WorkOrder>(`${order(siteId, id)}/reopen`, { reason }),
  stats: (siteId: string, month: string) => http.get<WorkOrderStats>(`${site(siteId)}/work-orders/stats`, { month }),
  publicAsset: (code: string) => http.get<PublicAsset>(`/public/assets/${encodeURIComponent(code)}`),
  /** The label's code as ids, for a signed-in member of the asset's site (404 for anyone else). */
  lookUpCode: (code: string) => http.get<AssetCodeLookup>(`/asset-codes/${encodeURIComponent(code)}`),
  publicReport: (code: string, body: { id: string; description: string }) =>
    http.post<PublicReportReceipt>(`/public/assets/${encodeURIComponent(code)}/reports`, body),
};

export const equipmentKeys = {
  root: (siteId: string) => ['site', siteId, 'equipment'] as const,
  assets: (siteId: string, filter: { zoneId?: string; category?: string } = {}) =>
    ['site', siteId, 'equipment', 'assets', filter.zoneId ?? '', filter.category ?? ''] as const,
  maintenance: (siteId: string, dueOnly: boolean) => ['site', siteId, 'equipment', 'maintenance', dueOnly] as const,
  checks: (siteId: string) => ['site', siteId, 'equipment', 'checks'] as const,
};
export const repairKeys = {
  root: (siteId: string) => ['site', siteId, 'work-orders'] as const,
  list: (siteId: string, filter: WorkOrderFilter, assetId?: string) => ['site', siteId, 'work-orders', 'list', filter, assetId ?? ''] as const,
  stats: (siteId: string, month: string) => ['site', siteId, 'work-orders', 'stats', month] as const,
};

export function useAssets(siteId: string, filter: { zoneId?: string; category?: string } = {}, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...equipmentKeys.assets(siteId, filter), pageSize],
    queryFn: ({ pageParam }) => equipmentApi.assets(siteId, { cursor: pageParam, limit: pageSize, ...filter }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every asset of the site, for pickers and the daily check (a site has tens, not thousands). */
export function useAllAssets(siteId: string) {
  return useQuery({
    queryKey: [...equipmentKeys.assets(siteId), 'all'],
    queryFn: async () => {
      const all: Asset[] = [];
      let cursor: string | null = null;
      do {
        const page: PageOf<Asset> = await equipmentApi.assets(siteId, { cursor, limit: 200 });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });
}

export function useMaintenance(siteId: string, dueOnly: boolean, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...equipmentKeys.maintenance(siteId, dueOnly), pageSize],
    queryFn: ({ pageParam }) => equipmentApi.maintenance(siteId, { cursor: pageParam, limit: pageSize, ...(dueOnly ? { dueWithinDays: 7 } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useWorkOrders(siteId: string, filter: WorkOrderFilter, opts: { assetId?: string; pageSize?: number; enabled?: boolean } = {}) {
  const pageSize = opts.pageSize ?? 30;
  return useInfiniteQuery({
    queryKey: [...repairKeys.list(siteId, filter, opts.assetId), pageSize],
    queryFn: ({ pageParam }) => repairsApi.list(siteId, { cursor: pageParam, limit: pageSize, filter, assetId: opts.assetId }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: opts.enabled ?? true,
  });
}

/** A write that refreshes the equipment and work-order lists after it, success or not (a 409 means our copy is stale). */
export function useRepairMutation<I, O>(siteId: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: repairKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: equipmentKeys.root(siteId) });
    },
  });
}

/** Sends the photo first (if any) under the id the draft chose, so a retry stores it once. */
export async function uploadPhotoIfAny(siteId: string, photo: { id: string; blob: Blob } | null): Promise<string | undefined> {
  if (!photo) return undefined;
  await photosApi.upload(siteId, photo.id, photo.blob);
  return photo.id;
}

export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['reported', 'accepted', 'arrived', 'working', 'paused', 'reopened'];
export const assetQrUrl = (code: string): string => `${window.location.origin}/m/q/a/${code}`;
export const assetName = (a: { nameZh: string | null; nameEn: string | null }, locale: string): string =>
  (locale.startsWith('en') ? a.nameEn : a.nameZh) ?? '';

/** "3 分 20 秒" style durations for response and arrival times. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}′${String(s).padStart(2, '0')}″` : `${s}″`;
}

export const repairInvalidations: FeatureInvalidations = {
  'asset.changed': onSite((siteId) => [equipmentKeys.root(siteId)]),
  // The ledger shows each asset's open work orders.
  'work_order.changed': onSite((siteId) => [repairKeys.root(siteId), equipmentKeys.root(siteId)]),
  'work_order.escalated': onSite((siteId) => [repairKeys.root(siteId), equipmentKeys.root(siteId)]),
};
