/**
 * Typed reads for the site's care posts shown on the live board: the hall's seats and the
 * sand-table waiting list, the bar's queue, the shuttle trips and the open incidents.
 */
import type { DrinkOrder, Hall, Incident, PageOf, ShuttleTrip } from '@anchang/contracts';
import { http } from './client';
import type { PageParams } from './endpoints';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

export const siteCareApi = {
  hall: (siteId: string) => http.get<Hall>(`${site(siteId)}/hall`),
  barQueue: (siteId: string) => http.get<DrinkOrder[]>(`${site(siteId)}/bar/queue`),
  shuttleTrips: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<ShuttleTrip>>(`${site(siteId)}/shuttle/trips`, { limit: p.limit, cursor: p.cursor ?? undefined }),
  incidents: (siteId: string, p: PageParams & { status?: 'open' | 'closed' } = {}) =>
    http.get<PageOf<Incident>>(`${site(siteId)}/incidents`, { limit: p.limit, cursor: p.cursor ?? undefined, status: p.status }),
};
