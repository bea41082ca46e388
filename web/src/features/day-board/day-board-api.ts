/** The day board (who is where, today or another day) through the API. */
import type { DayBoard } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const dayBoardKeys = {
  root: (siteId: string) => ['site', siteId, 'day-board'] as const,
  day: (siteId: string, date: string) => ['site', siteId, 'day-board', date] as const,
};

export const dayBoardApi = {
  get: (siteId: string, date?: string) => http.get<DayBoard>(`${sitePath(siteId)}/day-board`, { date }),
  // `lang`: the workbook is written in the reader's UI language.
  exportUrl: (siteId: string, date: string, lang: string) => `/api${sitePath(siteId)}/day-board/export?date=${date}&lang=${lang}`,
};

// The board shows shifts against the roster, the day's anomalies and hand-offs nobody took.
const boardChanged = onSite((siteId) => [dayBoardKeys.root(siteId)]);

export const dayBoardInvalidations: FeatureInvalidations = {
  'roster.changed': boardChanged,
  'shift.changed': boardChanged,
  'anomaly.created': boardChanged,
  'anomaly.updated': boardChanged,
  'visit.handoff_unanswered': boardChanged,
  'visits.day_end_closed': boardChanged,
};
