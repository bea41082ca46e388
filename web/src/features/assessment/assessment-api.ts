/**
 * The monthly assessment through the API. Everything lives under ['site', siteId, 'assessment'],
 * which the realtime `assessment.*` events invalidate.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdjustLineBody,
  AppealDecisionBody,
  Assessment,
  AssessmentMonthView,
  AssessmentScheme,
  DismissalRecommendation,
  RecommendationDecisionBody,
  SaveSchemeBody,
} from '@anchang/contracts';
import { ApiError, http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const assessmentKeys = {
  root: (siteId: string) => ['site', siteId, 'assessment'] as const,
  month: (siteId: string, month: string) => ['site', siteId, 'assessment', 'month', month] as const,
  mine: (siteId: string) => ['site', siteId, 'assessment', 'mine'] as const,
  scheme: (siteId: string) => ['site', siteId, 'assessment', 'scheme'] as const,
  recommendations: (siteId: string) => ['site', siteId, 'assessment', 'recommendations'] as const,
};

export const assessmentApi = {
  month: (siteId: string, month: string) => http.get<AssessmentMonthView>(`${site(siteId)}/assessments`, { month }),
  mine: (siteId: string) => http.get<Assessment[]>(`${site(siteId)}/my-assessments`),
  compute: (siteId: string, month: string) => http.post<{ computed: number }>(`${site(siteId)}/assessments/compute`, { month }),
  adjust: (siteId: string, id: string, body: AdjustLineBody) =>
    http.post<Assessment>(`${site(siteId)}/assessments/${encodeURIComponent(id)}/adjust`, body),
  sign: (siteId: string, id: string) => http.post<Assessment>(`${site(siteId)}/assessments/${encodeURIComponent(id)}/sign`),
  appeal: (siteId: string, id: string, text: string) =>
    http.post<Assessment>(`${site(siteId)}/assessments/${encodeURIComponent(id)}/appeal`, { text }),
  decideAppeal: (siteId: string, id: string, body: AppealDecisionBody) =>
    http.post<Assessment>(`${site(siteId)}/assessments/${encodeURIComponent(id)}/appeal-decision`, body),
  scheme: (siteId: string) => http.get<AssessmentScheme>(`${site(siteId)}/assessment-scheme`),
  saveScheme: (siteId: string, body: SaveSchemeBody) => http.put<AssessmentScheme>(`${site(siteId)}/assessment-scheme`, body),
  recommendations: (siteId: string) => http.get<DismissalRecommendation[]>(`${site(siteId)}/assessment-recommendations`),
  decideRecommendation: (siteId: string, id: string, body: RecommendationDecisionBody) =>
    http.post<DismissalRecommendation>(`${site(siteId)}/assessment-recommendations/${encodeURIComponent(id)}/decision`, body),
  /**
   * The month's workbook, read as it arrives so the page can show how far along it is
   * (`onProgress` gets 0..1, or null while the size is unknown).
   */
  async exportXlsx(
    siteId: string,
    q: { month: string; lang: string; scope: 'site' | 'company' },
    onProgress: (share: number | null) => void,
  ): Promise<Blob> {
    const params = new URLSearchParams({ month: q.month, lang: q.lang, scope: q.scope });
    const res = await fetch(`/api${site(siteId)}/assessments/export?${params.toString()}`, { credentials: 'same-origin' });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(res.status, body?.error?.code ?? 'UNKNOWN', {}, body?.error?.message ?? res.statusText);
    }
    const size = Number(res.headers.get('content-length') ?? 0);
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(size > 0 ? received / size : null);
    }
    return new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  },
};

export const useAssessmentMonth = (siteId: string, month: string) =>
  useQuery({ queryKey: assessmentKeys.month(siteId, month), queryFn: () => assessmentApi.month(siteId, month) });
export const useMyAssessments = (siteId: string) => useQuery({ queryKey: assessmentKeys.mine(siteId), queryFn: () => assessmentApi.mine(siteId) });
export const useAssessmentScheme = (siteId: string) =>
  useQuery({ queryKey: assessmentKeys.scheme(siteId), queryFn: () => assessmentApi.scheme(siteId) });
export const useRecommendations = (siteId: string) =>
  useQuery({ queryKey: assessmentKeys.recommendations(siteId), queryFn: () => assessmentApi.recommendations(siteId) });

/** Any write: the whole assessment cache of the site is stale afterwards. */
export function useAssessmentWrite<I, O>(siteId: string, run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.root(siteId) }) });
}

const assessmentChanged = onSite((siteId) => [assessmentKeys.root(siteId)]);

export const assessmentInvalidations: FeatureInvalidations = {
  'assessment.changed': assessmentChanged,
  'assessment.recommendation': assessmentChanged,
};
