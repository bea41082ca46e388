/**
 * Inspections through the API. Everything lives under ['site', id, 'inspections'], which the
 * realtime `inspection.submitted` and `rectification.changed` events invalidate, so the phone's
 * rectifications and the console's board refresh on their own.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Inspection,
  InspectionCompliance,
  InspectionForm,
  InspectionPlanDay,
  InspectionSettings,
  InspectionSummary,
  PageOf,
  Rectification,
  RectificationAction,
  RectificationStatus,
  SubmitInspectionBody,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';
import { photosApi } from '../../shared/api/photos';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const inspectionKeys = {
  root: (siteId: string) => ['site', siteId, 'inspections'] as const,
  list: (siteId: string, filter: InspectionFilter) => ['site', siteId, 'inspections', 'list', filter] as const,
  one: (siteId: string, id: string) => ['site', siteId, 'inspections', 'one', id] as const,
  form: (siteId: string, postId: string) => ['site', siteId, 'inspections', 'form', postId] as const,
  plan: (siteId: string, date: string | null) => ['site', siteId, 'inspections', 'plan', date ?? 'today'] as const,
  compliance: (siteId: string, from: string, to: string) => ['site', siteId, 'inspections', 'compliance', from, to] as const,
  settings: (siteId: string) => ['site', siteId, 'inspections', 'settings'] as const,
  rectifications: (siteId: string, scope: RectificationScope, status: RectificationStatus | 'open' | null) =>
    ['site', siteId, 'inspections', 'rectifications', scope, status ?? 'any'] as const,
};

export type RectificationScope = 'mine' | 'to_recheck' | 'all';
export interface InspectionFilter {
  postId?: string;
  from?: string;
  to?: string;
  mystery?: boolean;
  failed?: boolean;
}

export const inspectionsApi = {
  list: (siteId: string, filter: InspectionFilter, cursor: string | null) =>
    http.get<PageOf<InspectionSummary>>(`${site(siteId)}/inspections`, { ...filter, limit: 20, cursor: cursor ?? undefined }),
  one: (siteId: string, id: string) => http.get<Inspection>(`${site(siteId)}/inspections/${encodeURIComponent(id)}`),
  form: (siteId: string, postId: string) => http.get<InspectionForm>(`${site(siteId)}/inspection-form`, { postId }),
  submit: (siteId: string, body: SubmitInspectionBody) => http.post<Inspection>(`${site(siteId)}/inspections`, body),
  plan: (siteId: string, date: string | null) => http.get<InspectionPlanDay>(`${site(siteId)}/inspection-plan/day`, { date: date ?? undefined }),
  compliance: (siteId: string, from: string, to: string) =>
    http.get<InspectionCompliance>(`${site(siteId)}/inspection-plan/compliance`, { from, to }),
  settings: (siteId: string) => http.get<InspectionSettings>(`${site(siteId)}/inspection-settings`),
  saveSettings: (siteId: string, body: InspectionSettings) => http.put<InspectionSettings>(`${site(siteId)}/inspection-settings`, body),
  rectifications: (siteId: string, scope: RectificationScope, status: RectificationStatus | 'open' | null, cursor: string | null) =>
    http.get<PageOf<Rectification>>(`${site(siteId)}/rectifications`, { scope, status: status ?? undefined, limit: 30, cursor: cursor ?? undefined }),
  move: (siteId: string, id: string, action: RectificationAction, body: { note?: string; photoId?: string }) =>
    http.post<Rectification>(`${site(siteId)}/rectifications/${encodeURIComponent(id)}/${action}`, body),
};

export function useInspections(siteId: string, filter: InspectionFilter) {
  return useInfiniteQuery({
    queryKey: inspectionKeys.list(siteId, filter),
    queryFn: ({ pageParam }) => inspectionsApi.list(siteId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useInspection = (siteId: string, id: string | null) =>
  useQuery({ queryKey: inspectionKeys.one(siteId, id ?? ''), queryFn: () => inspectionsApi.one(siteId, id!), enabled: !!id });

export const useInspectionForm = (siteId: string, postId: string) =>
  useQuery({ queryKey: inspectionKeys.form(siteId, postId), queryFn: () => inspectionsApi.form(siteId, postId) });

export const useInspectionPlan = (siteId: string, date: string | null) =>
  useQuery({ queryKey: inspectionKeys.plan(siteId, date), queryFn: () => inspectionsApi.plan(siteId, date) });

export const useInspectionCompliance = (siteId: string, from: string, to: string) =>
  useQuery({ queryKey: inspectionKeys.compliance(siteId, from, to), queryFn: () => inspectionsApi.compliance(siteId, from, to) });

export const useInspectionSettings = (siteId: string) =>
  useQuery({ queryKey: inspectionKeys.settings(siteId), queryFn: () => inspectionsApi.settings(siteId) });

export function useRectifications(siteId: string, scope: RectificationScope, status: RectificationStatus | 'open' | null = null, enabled = true) {
  return useInfiniteQuery({
    queryKey: inspectionKeys.rectifications(siteId, scope, status),
    queryFn: ({ pageParam }) => inspectionsApi.rectifications(siteId, scope, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** Any write here changes what the lists show: refresh them all. */
export function useInspectionMutation<V, R>(siteId: string, fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inspectionKeys.root(siteId) }),
  });
}

export async function uploadPhotoIfAny(siteId: string, photo: { id: string; blob: Blob } | null): Promise<string | undefined> {
  if (!photo) return undefined;
  await photosApi.upload(siteId, photo.id, photo.blob);
  return photo.id;
}

export const photoUrl = (siteId: string, photoId: string) => photosApi.url(siteId, photoId);

export const RECTIFICATION_COLORS: Record<RectificationStatus, string> = {
  to_rectify: 'orange',
  to_recheck: 'blue',
  done: 'green',
  second_rectify: 'volcano',
  closed_deducted: 'default',
};

const inspectionsChanged = onSite((siteId) => [inspectionKeys.root(siteId)]);

export const inspectionInvalidations: FeatureInvalidations = {
  'inspection.submitted': inspectionsChanged,
  'rectification.changed': inspectionsChanged,
};
