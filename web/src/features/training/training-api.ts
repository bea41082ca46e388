/**
 * Training and the fact sheet through the API. Everything lives under ['site', siteId, 'training']
 * and ['site', siteId, 'fact-sheet'], which the realtime `training.changed` / `fact_sheet.published`
 * events invalidate.
 */
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
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

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

export const trainingInvalidations: FeatureInvalidations = {
  'training.changed': onSite((siteId) => [trainingKeys.root(siteId)]),
  'fact_sheet.published': onSite((siteId) => [trainingKeys.factSheet(siteId)]),
};
