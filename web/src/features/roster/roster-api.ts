/** The weekly roster through the API, with the conflicts the server finds in it. */
import type { CopyWeekBody, CreateRosterEntryBody, RosterEntry, RosterWeek } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const rosterKeys = {
  root: (siteId: string) => ['site', siteId, 'roster'] as const,
  week: (siteId: string, weekStart: string) => ['site', siteId, 'roster', weekStart] as const,
};

export const rosterApi = {
  week: (siteId: string, week: string) => http.get<RosterWeek>(`${sitePath(siteId)}/roster`, { week }),
  add: (siteId: string, input: CreateRosterEntryBody) => http.post<RosterEntry>(`${sitePath(siteId)}/roster`, input),
  remove: (siteId: string, entryId: string) => http.delete(`${sitePath(siteId)}/roster/${entryId}`),
  copyWeek: (siteId: string, input: CopyWeekBody) => http.post<RosterWeek>(`${sitePath(siteId)}/roster/copy-week`, input),
};

const rosterChanged = onSite((siteId) => [rosterKeys.root(siteId)]);

export const rosterInvalidations: FeatureInvalidations = {
  'roster.changed': rosterChanged,
  // Recording training announces itself as a person change; it clears roster conflicts too.
  'person.changed': rosterChanged,
};
