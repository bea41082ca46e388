/**
 * Training and the fact sheet through the API. Everything lives under ['site', siteId, 'training']
 * and ['site', siteId, 'fact-sheet'], which the realtime `training.changed` / `fact_sheet.published`
 * events invalidate.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Certificate,
  CertificateKind,
  CreateSessionBody,
  FactSheet,
  FactSheetContent,
  MyTrainingSession,
  PageOf,
  QuizResult,
  TrainingCourse,
  TrainingKind,
  TrainingMonth,
  TrainingSessionDetail,
  TrainingSessionSummary,
  TrainingSettings,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/query-keys';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const trainingKeys = {
  root: (siteId: string) => ['site', siteId, 'training'] as const,
  courses: (siteId: string) => ['site', siteId, 'training', 'courses'] as const,
  sessions: (siteId: string) => ['site', siteId, 'training', 'sessions'] as const,
  session: (siteId: string, id: string) => ['site', siteId, 'training', 'session', id] as const,
  mine: (siteId: string) => ['site', siteId, 'training', 'mine'] as const,
  month: (siteId: string, month: string | null) => ['site', siteId, 'training', 'month', month ?? 'current'] as const,
  settings: (siteId: string) => ['site', siteId, 'training', 'settings'] as const,
  certificates: (siteId: string) => ['site', siteId, 'training', 'certificates'] as const,
  factSheet: (siteId: string) => ['site', siteId, 'fact-sheet'] as const,
};

export type CreateSessionInput = Omit<CreateSessionBody, 'material' | 'photoIds'> & { material?: string; photoIds?: string[] };

export const trainingApi = {
  factSheet: (siteId: string) => http.get<FactSheet>(`${site(siteId)}/fact-sheet`),
  publishFactSheet: (siteId: string, body: { baseVersion: number; content: FactSheetContent; changeNote: string }) =>
    http.post<FactSheet>(`${site(siteId)}/fact-sheet`, body),
  courses: (siteId: string) => http.get<TrainingCourse[]>(`${site(siteId)}/training/courses`),
  createCourse: (siteId: string, body: { kind: TrainingKind; nameZh: string; nameEn: string }) =>
    http.post<TrainingCourse>(`${site(siteId)}/training/courses`, body),
  sessions: (siteId: string, cursor: string | null) =>
    http.get<PageOf<TrainingSessionSummary>>(`${site(siteId)}/training/sessions`, { limit: 20, cursor: cursor ?? undefined }),
  session: (siteId: string, id: string) => http.get<TrainingSessionDetail>(`${site(siteId)}/training/sessions/${encodeURIComponent(id)}`),
  createSession: (siteId: string, body: CreateSessionInput) => http.post<TrainingSessionDetail>(`${site(siteId)}/training/sessions`, body),
  mine: (siteId: string, cursor: string | null) =>
    http.get<PageOf<MyTrainingSession>>(`${site(siteId)}/training/my-sessions`, { limit: 20, cursor: cursor ?? undefined }),
  confirm: (siteId: string, id: string) => http.post<{ confirmedAt: number }>(`${site(siteId)}/training/sessions/${encodeURIComponent(id)}/confirm`),
  submitQuiz: (siteId: string, id: string, answers: number[]) =>
    http.post<QuizResult>(`${site(siteId)}/training/sessions/${encodeURIComponent(id)}/quiz`, { answers }),
  month: (siteId: string, month: string | null) => http.get<TrainingMonth>(`${site(siteId)}/training/month`, { month: month ?? undefined }),
  settings: (siteId: string) => http.get<TrainingSettings>(`${site(siteId)}/training/settings`),
  saveSettings: (siteId: string, body: TrainingSettings) => http.put<TrainingSettings>(`${site(siteId)}/training/settings`, body),
  certificates: (siteId: string, cursor: string | null) =>
    http.get<PageOf<Certificate>>(`${site(siteId)}/certificates`, { limit: 50, cursor: cursor ?? undefined }),
  addCertificate: (siteId: string, body: { personId: string; kind: CertificateKind; number: string; expiresOn: string }) =>
    http.post<Certificate>(`${site(siteId)}/certificates`, body),
  removeCertificate: (siteId: string, id: string) => http.delete(`${site(siteId)}/certificates/${encodeURIComponent(id)}`),
};

export const useFactSheet = (siteId: string) => useQuery({ queryKey: trainingKeys.factSheet(siteId), queryFn: () => trainingApi.factSheet(siteId) });
export const useCourses = (siteId: string) => useQuery({ queryKey: trainingKeys.courses(siteId), queryFn: () => trainingApi.courses(siteId) });
export const useTrainingMonth = (siteId: string, month: string | null) =>
  useQuery({ queryKey: trainingKeys.month(siteId, month), queryFn: () => trainingApi.month(siteId, month) });
export const useTrainingSettings = (siteId: string) =>
  useQuery({ queryKey: trainingKeys.settings(siteId), queryFn: () => trainingApi.settings(siteId) });
export const useSession = (siteId: string, id: string | null) =>
  useQuery({ queryKey: trainingKeys.session(siteId, id ?? ''), queryFn: () => trainingApi.session(siteId, id!), enabled: !!id });

const paged = <T>(key: readonly unknown[], fetch: (cursor: string | null) => Promise<PageOf<T>>) => ({
  queryKey: key,
  queryFn: ({ pageParam }: { pageParam: string | null }) => fetch(pageParam),
  initialPageParam: null as string | null,
  getNextPageParam: (last: PageOf<T>) => last.nextCursor,
});

export const useSessions = (siteId: string) => useInfiniteQuery(paged(trainingKeys.sessions(siteId), (c) => trainingApi.sessions(siteId, c)));
export const useMySessions = (siteId: string) => useInfiniteQuery(paged(trainingKeys.mine(siteId), (c) => trainingApi.mine(siteId, c)));
export const useCertificates = (siteId: string) =>
  useInfiniteQuery(paged(trainingKeys.certificates(siteId), (c) => trainingApi.certificates(siteId, c)));

/** Every mutation refreshes the module's reads; certificates and the gate also change the roster's conflicts. */
export function useTrainingMutation<I, O>(siteId: string, fn: (input: I) => Promise<O>, alsoRoster = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: trainingKeys.factSheet(siteId) });
      if (alsoRoster) void queryClient.invalidateQueries({ queryKey: queryKeys.rosterRoot(siteId) });
    },
  });
}

/**
 * A question drawn from the fact sheet or the standards is written "中文 / English" (the server
 * generates both); the phone and the console show the reader's half. A manager's own question is
 * shown as written.
 */
export function promptIn(q: { prompt: string; source: string }, locale: string): string {
  if (q.source === 'manual') return q.prompt;
  const at = q.prompt.indexOf(' / ');
  if (at < 0) return q.prompt;
  return locale === 'en-US' ? q.prompt.slice(at + 3) : q.prompt.slice(0, at);
}
