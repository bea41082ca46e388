/**
 * Typed calls for the service standards, rosters, shifts, anomalies and post-shift forms.
 * Writes from the phone take an `id` the phone generates (crypto.randomUUID), so the
 * offline outbox can resend them safely.
 */
import type {
  AdoptLibraryUpdateBody,
  Anomaly,
  ClockInBody,
  ClockOutBody,
  CopyWeekBody,
  CreateOpinionBody,
  CreateRequisitionBody,
  CreateRosterEntryBody,
  CustomerOpinion,
  DayBoard,
  DecideRequisitionBody,
  MyDay,
  OpinionDaySummary,
  PageOf,
  Photo,
  PostKind,
  PostStandard,
  RecordResultBody,
  Requisition,
  RosterEntry,
  RosterWeek,
  ShiftDetail,
  StandardSettings,
  StandardSummary,
  UpdateAnomalyBody,
  UpdateStandardBody,
} from '@anchang/contracts';
import { http, request } from './client';
import type { PageParams } from './endpoints';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export interface StandardVersionInfo {
  versionId: string;
  version: number;
  changeNote: string;
  createdAt: number;
  createdBy: string | null;
}

export interface TrainingRecord {
  id: string;
  personId: string;
  kind: 'pre_job' | 'on_job';
  topic: string;
  completedAt: number;
}

export const shiftsApi = {
  standards: {
    list: (siteId: string) => http.get<StandardSummary[]>(`${site(siteId)}/standards`),
    adopt: (siteId: string) => http.post<StandardSummary[]>(`${site(siteId)}/standards/adopt`),
    adoptUpdate: (siteId: string, input: AdoptLibraryUpdateBody) => http.post<StandardSummary[]>(`${site(siteId)}/standards/library-update`, input),
    get: (siteId: string, postKind: PostKind) => http.get<PostStandard>(`${site(siteId)}/standards/${postKind}`),
    versions: (siteId: string, postKind: PostKind) => http.get<StandardVersionInfo[]>(`${site(siteId)}/standards/${postKind}/versions`),
    save: (siteId: string, postKind: PostKind, input: UpdateStandardBody) => http.put<PostStandard>(`${site(siteId)}/standards/${postKind}`, input),
    settings: (siteId: string) => http.get<StandardSettings>(`${site(siteId)}/standard-settings`),
    saveSettings: (siteId: string, input: StandardSettings) => http.put<StandardSettings>(`${site(siteId)}/standard-settings`, input),
  },
  roster: {
    week: (siteId: string, week: string) => http.get<RosterWeek>(`${site(siteId)}/roster`, { week }),
    add: (siteId: string, input: CreateRosterEntryBody) => http.post<RosterEntry>(`${site(siteId)}/roster`, input),
    remove: (siteId: string, entryId: string) => http.delete(`${site(siteId)}/roster/${entryId}`),
    copyWeek: (siteId: string, input: CopyWeekBody) => http.post<RosterWeek>(`${site(siteId)}/roster/copy-week`, input),
  },
  training: {
    list: (siteId: string, personId: string) => http.get<TrainingRecord[]>(`${site(siteId)}/people/${personId}/training`),
    record: (siteId: string, personId: string, input: { kind: 'pre_job' | 'on_job'; topic: string }) =>
      http.post<TrainingRecord>(`${site(siteId)}/people/${personId}/training`, input),
  },
  shifts: {
    myDay: (siteId: string) => http.get<MyDay>(`${site(siteId)}/my-day`),
    get: (siteId: string, shiftId: string) => http.get<ShiftDetail>(`${site(siteId)}/shifts/${shiftId}`),
    clockIn: (siteId: string, input: ClockInBody) => http.post<ShiftDetail>(`${site(siteId)}/shifts`, input),
    recordResult: (siteId: string, shiftId: string, input: RecordResultBody) =>
      http.post<ShiftDetail>(`${site(siteId)}/shifts/${shiftId}/results`, input),
    clockOut: (siteId: string, shiftId: string, input: ClockOutBody) => http.post<ShiftDetail>(`${site(siteId)}/shifts/${shiftId}/clock-out`, input),
  },
  photos: {
    upload: (siteId: string, photoId: string, file: Blob) => request<Photo>('PUT', `${site(siteId)}/photos/${photoId}`, { rawBody: file }),
    url: (siteId: string, photoId: string) => `/api${site(siteId)}/photos/${photoId}`,
  },
  anomalies: {
    list: (siteId: string, p: PageParams & { status?: string; mine?: boolean } = {}) =>
      http.get<PageOf<Anomaly>>(`${site(siteId)}/anomalies`, { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status, mine: p.mine }),
    get: (siteId: string, anomalyId: string) => http.get<Anomaly>(`${site(siteId)}/anomalies/${anomalyId}`),
    report: (siteId: string, input: { postId?: string; category: Anomaly['category']; note: string; photoId?: string }) =>
      http.post<Anomaly>(`${site(siteId)}/anomalies`, input),
    handle: (siteId: string, anomalyId: string, input: UpdateAnomalyBody) => http.patch<Anomaly>(`${site(siteId)}/anomalies/${anomalyId}`, input),
  },
  dayBoard: {
    get: (siteId: string, date?: string) => http.get<DayBoard>(`${site(siteId)}/day-board`, { date }),
    // `lang`: the workbook is written in the reader's UI language.
    exportUrl: (siteId: string, date: string, lang: string) => `/api${site(siteId)}/day-board/export?date=${date}&lang=${lang}`,
  },
  requisitions: {
    create: (siteId: string, input: CreateRequisitionBody) => http.post<Requisition>(`${site(siteId)}/requisitions`, input),
    list: (siteId: string, p: PageParams & { status?: string } = {}) =>
      http.get<PageOf<Requisition>>(`${site(siteId)}/requisitions`, { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status }),
    decide: (siteId: string, id: string, input: DecideRequisitionBody) =>
      http.post<Requisition>(`${site(siteId)}/requisitions/${id}/decision`, input),
  },
  opinions: {
    create: (siteId: string, input: CreateOpinionBody) => http.post<CustomerOpinion>(`${site(siteId)}/opinions`, input),
    daily: (siteId: string, date: string) => http.get<OpinionDaySummary>(`${site(siteId)}/opinions/daily`, { date }),
  },
};
