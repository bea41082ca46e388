/**
 * Complaints through the API. Everything lives under ['site', id, 'complaints'], which the
 * realtime `complaint.changed` event invalidates, so the console's list and drawer and the
 * owner's phone follow each other's moves.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Complaint,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintFigures,
  ComplaintSettings,
  ComplaintSeverity,
  ComplaintStatus,
  ComplaintSummary,
  ComplaintVerdict,
  FileComplaintBody,
  PageOf,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';
import { photosApi } from '../../shared/api/photos';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const one = (siteId: string, id: string) => `${site(siteId)}/complaints/${encodeURIComponent(id)}`;

export interface ComplaintFilter {
  scope?: 'mine' | 'all';
  status?: ComplaintStatus | 'open';
  category?: ComplaintCategory;
  severity?: ComplaintSeverity;
  overdue?: boolean;
  from?: string;
  to?: string;
}

export const complaintKeys = {
  root: (siteId: string) => ['site', siteId, 'complaints'] as const,
  list: (siteId: string, filter: ComplaintFilter) => ['site', siteId, 'complaints', 'list', filter] as const,
  one: (siteId: string, id: string) => ['site', siteId, 'complaints', 'one', id] as const,
  figures: (siteId: string, month: string) => ['site', siteId, 'complaints', 'figures', month] as const,
  settings: (siteId: string) => ['site', siteId, 'complaints', 'settings'] as const,
};

export type ComplaintMove =
  | { action: 'assign'; ownerId: string; note?: string }
  | { action: 'note'; note: string }
  | { action: 'report_result'; resultText: string; channel: ComplaintChannel }
  | { action: 'follow_up'; verdict: ComplaintVerdict; note?: string }
  | { action: 'close'; note?: string }
  | { action: 'reopen'; note: string };

const MOVE_PATHS: Record<ComplaintMove['action'], string> = {
  assign: 'assign',
  note: 'notes',
  report_result: 'result',
  follow_up: 'follow-up',
  close: 'close',
  reopen: 'reopen',
};

export const complaintsApi = {
  list: (siteId: string, filter: ComplaintFilter, cursor: string | null) =>
    http.get<PageOf<ComplaintSummary>>(`${site(siteId)}/complaints`, { ...filter, limit: 20, cursor: cursor ?? undefined }),
  one: (siteId: string, id: string) => http.get<Complaint>(one(siteId, id)),
  file: (siteId: string, body: FileComplaintBody) => http.post<Complaint>(`${site(siteId)}/complaints`, body),
  move: (siteId: string, id: string, { action, ...body }: ComplaintMove) => http.post<Complaint>(`${one(siteId, id)}/${MOVE_PATHS[action]}`, body),
  figures: (siteId: string, month: string) => http.get<ComplaintFigures>(`${site(siteId)}/complaint-figures`, { month }),
  settings: (siteId: string) => http.get<ComplaintSettings>(`${site(siteId)}/complaint-settings`),
  saveSettings: (siteId: string, body: ComplaintSettings) => http.put<ComplaintSettings>(`${site(siteId)}/complaint-settings`, body),
};

export function useComplaints(siteId: string, filter: ComplaintFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(siteId, filter),
    queryFn: ({ pageParam }) => complaintsApi.list(siteId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export const useComplaint = (siteId: string, id: string | null) =>
  useQuery({ queryKey: complaintKeys.one(siteId, id ?? ''), queryFn: () => complaintsApi.one(siteId, id!), enabled: !!id });

export const useComplaintFigures = (siteId: string, month: string) =>
  useQuery({ queryKey: complaintKeys.figures(siteId, month), queryFn: () => complaintsApi.figures(siteId, month) });

export const useComplaintSettings = (siteId: string) =>
  useQuery({ queryKey: complaintKeys.settings(siteId), queryFn: () => complaintsApi.settings(siteId) });

/** Any write changes what the lists, the drawer and the figures show: refresh them all. */
export function useComplaintMutation<V, R>(siteId: string, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: complaintKeys.root(siteId) }) });
}

export async function uploadPhotos(siteId: string, photos: readonly { id: string; blob: Blob }[]): Promise<string[]> {
  for (const p of photos) await photosApi.upload(siteId, p.id, p.blob);
  return photos.map((p) => p.id);
}

export const photoUrl = (siteId: string, photoId: string) => photosApi.url(siteId, photoId);

export const STATUS_COLORS: Record<ComplaintStatus, string> = { received: 'gold', handling: 'blue', result_reported: 'cyan', closed: 'default' };
export const SEVERITY_COLORS: Record<ComplaintSeverity, string> = { normal: 'default', serious: 'orange', urgent: 'red' };

export const complaintInvalidations: FeatureInvalidations = {
  'complaint.changed': onSite((siteId) => [complaintKeys.root(siteId)]),
};
