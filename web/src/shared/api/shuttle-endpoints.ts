/**
 * Typed calls for the shuttle and the model room on the staff phone: trips (depart, arrive with
 * the items-left check, the log), the vehicle's handover and end-of-day record, and the model
 * room's notes (shoe covers, the customer's points of interest). Ids of creates are made on the
 * phone, so a retried tap does not make a second trip or note.
 */
import type {
  CallShuttleBody,
  ModelRoomNote,
  PageOf,
  ShuttleCall,
  ShuttleDriver,
  ShuttleTrip,
  VehicleEvent,
  VehicleEventBody,
} from '@anchang/contracts';
import { http } from './client';
import type { PageParams } from './endpoints';
import { queryKeys } from './query-keys';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const visitNotes = (siteId: string, visitId: string) => `${site(siteId)}/visits/${encodeURIComponent(visitId)}/model-room-notes`;

export interface StartTripInput {
  id: string;
  vehicle: string;
  destination: ShuttleTrip['destination'];
  visitIds: string[];
  /** The concierge's call this trip answers (GUARD-IN-8). */
  callId?: string;
}

export const shuttleApi = {
  trips: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<ShuttleTrip>>(`${site(siteId)}/shuttle/trips`, { limit: p.limit, cursor: p.cursor ?? undefined }),
  depart: (siteId: string, body: StartTripInput) => http.post<ShuttleTrip>(`${site(siteId)}/shuttle/trips`, body),
  arrive: (siteId: string, tripId: string, body: { itemsLeft: boolean; itemsNote?: string }) =>
    http.post<ShuttleTrip>(`${site(siteId)}/shuttle/trips/${encodeURIComponent(tripId)}/arrive`, body),
  /** The handovers made to me, newest first. */
  handoversToMe: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<VehicleEvent>>(`${site(siteId)}/shuttle/vehicle-events`, { to: 'me', limit: p.limit, cursor: p.cursor ?? undefined }),
  vehicleEvent: (siteId: string, body: VehicleEventBody) => http.post<VehicleEvent>(`${site(siteId)}/shuttle/vehicle-events`, body),
  /** Whom the vehicle can be handed to: the site's active staff by name. */
  drivers: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<ShuttleDriver>>(`${site(siteId)}/shuttle/drivers`, { limit: p.limit, cursor: p.cursor ?? undefined }),
  /** GUARD-IN-8: the concierge calls the shuttle; the drivers take the call. */
  call: (siteId: string, body: CallShuttleBody) => http.post<ShuttleCall>(`${site(siteId)}/shuttle/calls`, body),
  takeCall: (siteId: string, callId: string) => http.post<ShuttleCall>(`${site(siteId)}/shuttle/calls/${encodeURIComponent(callId)}/take`),
  openCalls: (siteId: string) => http.get<PageOf<ShuttleCall>>(`${site(siteId)}/shuttle/calls`, { status: 'open', limit: 50 }),
  modelRoomNotes: (siteId: string, visitId: string, p: PageParams = {}) =>
    http.get<PageOf<ModelRoomNote>>(visitNotes(siteId, visitId), { limit: p.limit, cursor: p.cursor ?? undefined }),
  recordModelRoomNote: (siteId: string, visitId: string, body: { id: string; shoeCovers?: number; interests?: string }) =>
    http.post<ModelRoomNote>(visitNotes(siteId, visitId), body),
};

/** Under the trips key (refetched on `shuttle.changed`) and the visits key (refetched on `visit.interest`). */
export const shuttleKeys = {
  trips: (siteId: string) => [...queryKeys.shuttleTrips(siteId), 'phone-log'] as const,
  handoversToMe: (siteId: string) => [...queryKeys.shuttleTrips(siteId), 'handovers-to-me'] as const,
  drivers: (siteId: string) => ['site', siteId, 'shuttle-drivers'] as const,
  /** Refetched on `shuttle.called`, `shuttle.call_changed` and `shuttle.call_overdue`. */
  openCalls: (siteId: string) => ['site', siteId, 'shuttle-calls', 'open'] as const,
  modelRoomNotes: (siteId: string, visitId: string) => [...queryKeys.visitsRoot(siteId), visitId, 'model-room-notes'] as const,
};
