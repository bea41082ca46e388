/**
 * A person's day and shifts through the API: my day, clocking in and out, the checklist's
 * results. Writes from the phone take an `id` the phone generates (crypto.randomUUID), so the
 * offline outbox can resend them safely.
 */
import type { ClockInBody, ClockOutBody, MyDay, RecordResultBody, ShiftDetail } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const shiftKeys = {
  myDay: (siteId: string) => ['site', siteId, 'my-day'] as const,
  root: (siteId: string) => ['site', siteId, 'shift'] as const,
  one: (siteId: string, shiftId: string) => ['site', siteId, 'shift', shiftId] as const,
};

export const shiftApi = {
  myDay: (siteId: string) => http.get<MyDay>(`${sitePath(siteId)}/my-day`),
  get: (siteId: string, shiftId: string) => http.get<ShiftDetail>(`${sitePath(siteId)}/shifts/${shiftId}`),
  clockIn: (siteId: string, input: ClockInBody) => http.post<ShiftDetail>(`${sitePath(siteId)}/shifts`, input),
  recordResult: (siteId: string, shiftId: string, input: RecordResultBody) =>
    http.post<ShiftDetail>(`${sitePath(siteId)}/shifts/${shiftId}/results`, input),
  clockOut: (siteId: string, shiftId: string, input: ClockOutBody) =>
    http.post<ShiftDetail>(`${sitePath(siteId)}/shifts/${shiftId}/clock-out`, input),
};

// A shift shows its anomalies, and the clock-out guard counts the guests still on site.
const shiftShows = onSite((siteId) => [shiftKeys.root(siteId)]);

export const shiftInvalidations: FeatureInvalidations = {
  'roster.changed': onSite((siteId) => [shiftKeys.myDay(siteId)]),
  'shift.changed': onSite((siteId, { payload, myId }) => [
    shiftKeys.one(siteId, payload.shiftId),
    ...(payload.personId === myId ? [shiftKeys.myDay(siteId)] : []), // not every phone on every tick
  ]),
  'anomaly.created': shiftShows,
  'anomaly.updated': shiftShows,
  'visit.arrived': shiftShows,
  'visit.handoff': shiftShows,
  'visit.acked': shiftShows,
  'visit.closed': shiftShows,
  'carpark.full': shiftShows,
  'visit.handoff_unanswered': shiftShows,
  'visits.day_end_closed': shiftShows,
};
