/**
 * The monthly client report through the API. Everything lives under ['site', siteId,
 * 'client-reports'], which the realtime `client_report.changed` event invalidates. Sections come
 * in the reader's language, so the language is part of a report's key.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClientReport, ClientReportSummary, PageOf, SaveClientReportBody } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/client-reports`;

export const clientReportKeys = {
  root: (siteId: string) => ['site', siteId, 'client-reports'] as const,
  list: (siteId: string) => ['site', siteId, 'client-reports', 'list'] as const,
  one: (siteId: string, reportId: string, lang: string) => ['site', siteId, 'client-reports', 'one', reportId, lang] as const,
};

export const clientReportsApi = {
  list: (siteId: string) => http.get<PageOf<ClientReportSummary>>(base(siteId), { limit: 100 }),
  one: (siteId: string, reportId: string, lang: string) => http.get<ClientReport>(`${base(siteId)}/${encodeURIComponent(reportId)}`, { lang }),
  generate: (siteId: string, month: string, lang: string) => http.post<ClientReport>(`${base(siteId)}?lang=${encodeURIComponent(lang)}`, { month }),
  save: (siteId: string, reportId: string, body: SaveClientReportBody, lang: string) =>
    http.put<ClientReport>(`${base(siteId)}/${encodeURIComponent(reportId)}?lang=${encodeURIComponent(lang)}`, body),
  regenerate: (siteId: string, reportId: string, lang: string) =>
    http.post<ClientReport>(`${base(siteId)}/${encodeURIComponent(reportId)}/regenerate?lang=${encodeURIComponent(lang)}`),
  publish: (siteId: string, reportId: string, lang: string) =>
    http.post<ClientReport>(`${base(siteId)}/${encodeURIComponent(reportId)}/publish?lang=${encodeURIComponent(lang)}`),
  acknowledge: (siteId: string, reportId: string, lang: string) =>
    http.post<ClientReport>(`${base(siteId)}/${encodeURIComponent(reportId)}/acknowledge?lang=${encodeURIComponent(lang)}`),
  /** Where the browser downloads the file from (a plain link: the session cookie goes along). */
  downloadUrl: (siteId: string, reportId: string, kind: 'pdf' | 'xlsx', lang: string) =>
    `/api${base(siteId)}/${encodeURIComponent(reportId)}/export.${kind}?lang=${encodeURIComponent(lang)}`,
};

export const useClientReports = (siteId: string) =>
  useQuery({ queryKey: clientReportKeys.list(siteId), queryFn: () => clientReportsApi.list(siteId) });
export const useClientReport = (siteId: string, reportId: string, lang: string) =>
  useQuery({ queryKey: clientReportKeys.one(siteId, reportId, lang), queryFn: () => clientReportsApi.one(siteId, reportId, lang) });

/** A write that answers the whole report: the cache gets it at once, the list refetches. */
export function useClientReportWrite<I>(siteId: string, lang: string, run: (input: I) => Promise<ClientReport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (report) => {
      queryClient.setQueryData(clientReportKeys.one(siteId, report.id, lang), report);
      void queryClient.invalidateQueries({ queryKey: clientReportKeys.list(siteId) });
    },
  });
}

export const clientReportInvalidations: FeatureInvalidations = {
  'client_report.changed': onSite((siteId) => [clientReportKeys.root(siteId)]),
};
