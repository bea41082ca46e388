/**
 * The visitor journey (来访) through the API: registering a visit, handing it on and the post that
 * receives it confirming; the hall and the bar; the shuttle (trips, the vehicle's handovers, the
 * concierge's calls) and the model room's notes. Ids of writes are made on the phone, so the
 * outbox resends safely and a retried tap does not make a second trip or note.
 */
import type {
  CallShuttleBody,
  ClaimVisitBody,
  DrinkOrder,
  Hall,
  HandoffBody,
  ModelRoomNote,
  MyConsultantRotation,
  MyConsultantRotationBody,
  PageOf,
  RegisterVisitBody,
  SeatResult,
  ShuttleCall,
  ShuttleDriver,
  ShuttleTrip,
  VehicleEvent,
  VehicleEventBody,
  Visit,
  VisitChainSettings,
  VisitChainSettingsBody,
  VisitListQuery,
  VisitorCounts,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { sitePath, type PageParams } from '../../shared/api/endpoints';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

export const visitKeys = {
  root: (siteId: string) => ['site', siteId, 'visits'] as const,
  counts: (siteId: string) => ['site', siteId, 'visitor-counts'] as const,
  consultants: (siteId: string) => ['site', siteId, 'consultants'] as const,
  hall: (siteId: string) => ['site', siteId, 'hall'] as const,
  barQueue: (siteId: string) => ['site', siteId, 'bar-queue'] as const,
  chainSettings: (siteId: string) => ['site', siteId, 'visit-chain-settings'] as const,
};

/** Trips under one key (refetched on `shuttle.changed`), a visit's notes under the visits key (refetched on `visit.interest`). */
export const shuttleKeys = {
  tripsRoot: (siteId: string) => ['site', siteId, 'shuttle-trips'] as const,
  trips: (siteId: string) => ['site', siteId, 'shuttle-trips', 'phone-log'] as const,
  handoversToMe: (siteId: string) => ['site', siteId, 'shuttle-trips', 'handovers-to-me'] as const,
  drivers: (siteId: string) => ['site', siteId, 'shuttle-drivers'] as const,
  callsRoot: (siteId: string) => ['site', siteId, 'shuttle-calls'] as const,
  /** Refetched on `shuttle.called`, `shuttle.call_changed` and `shuttle.call_overdue`. */
  openCalls: (siteId: string) => ['site', siteId, 'shuttle-calls', 'open'] as const,
  modelRoomNotes: (siteId: string, visitId: string) => ['site', siteId, 'visits', visitId, 'model-room-notes'] as const,
};

const visits = (siteId: string) => `${sitePath(siteId)}/visits`;

export const visitsApi = {
  list: (siteId: string, p: PageParams & Omit<VisitListQuery, 'limit' | 'cursor'> = {}) =>
    http.get<PageOf<Visit>>(visits(siteId), {
      limit: p.limit,
      cursor: p.cursor ?? undefined,
      status: p.status,
      stage: p.stage,
      consultant: p.consultant,
      arrivedSince: p.arrivedSince,
    }),
  chainSettings: (siteId: string) => http.get<VisitChainSettings>(`${sitePath(siteId)}/visit-chain-settings`),
  saveChainSettings: (siteId: string, body: VisitChainSettingsBody) => http.put<VisitChainSettings>(`${sitePath(siteId)}/visit-chain-settings`, body),
  myRotation: (siteId: string) => http.get<MyConsultantRotation>(`${sitePath(siteId)}/consultant-rotation/me`),
  setMyRotation: (siteId: string, body: MyConsultantRotationBody) =>
    http.put<MyConsultantRotation>(`${sitePath(siteId)}/consultant-rotation/me`, body),
  /** A consultant takes guests waiting in the hall with nobody (HALL-IN-3); the id is the hand-off's. */
  claim: (siteId: string, visitId: string, body: ClaimVisitBody) => http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/claim`, body),
  get: (siteId: string, visitId: string) => http.get<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}`),
  register: (siteId: string, body: RegisterVisitBody) => http.post<Visit>(visits(siteId), body),
  handOff: (siteId: string, visitId: string, body: HandoffBody) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs`, body),
  acknowledge: (siteId: string, visitId: string, handoffId: string) =>
    http.post<Visit>(`${visits(siteId)}/${encodeURIComponent(visitId)}/handoffs/${encodeURIComponent(handoffId)}/ack`),
  /** Active consultants by name, readable by everyone on the site (HALL-IN-3). */
  consultants: (siteId: string) => http.get<{ id: string; name: string }[]>(`${sitePath(siteId)}/consultants`),
  /** 入座: a table (the one given, or the server's pick), or the sand-table waiting list (HALL-IN-7). */
  seat: (siteId: string, visitId: string, body: { tableId?: string }) =>
    http.post<SeatResult>(`${visits(siteId)}/${encodeURIComponent(visitId)}/seat`, body),
  orderDrinks: (siteId: string, visitId: string, body: { id: string; lines: { name: string; quantity: number }[] }) =>
    http.post<DrinkOrder>(`${visits(siteId)}/${encodeURIComponent(visitId)}/drinks`, body),
  drinkMade: (siteId: string, orderId: string) => http.post<DrinkOrder>(`${sitePath(siteId)}/bar/orders/${encodeURIComponent(orderId)}/made`),
  /** 已上桌 by the bar, or 代为上桌 by the hall (BAR-IN-1). */
  drinkServed: (siteId: string, orderId: string, body: { by: 'BAR' | 'HALL' }) =>
    http.post<DrinkOrder>(`${sitePath(siteId)}/bar/orders/${encodeURIComponent(orderId)}/served`, body),
  counts: (siteId: string) => http.get<VisitorCounts>(`${sitePath(siteId)}/visitor-counts`),
  /** The hall's seats and the sand-table waiting list. */
  hall: (siteId: string) => http.get<Hall>(`${sitePath(siteId)}/hall`),
  barQueue: (siteId: string) => http.get<DrinkOrder[]>(`${sitePath(siteId)}/bar/queue`),
};

export interface StartTripInput {
  id: string;
  vehicle: string;
  destination: ShuttleTrip['destination'];
  visitIds: string[];
  /** The concierge's call this trip answers (GUARD-IN-8). */
  callId?: string;
}

const visitNotes = (siteId: string, visitId: string) => `${sitePath(siteId)}/visits/${encodeURIComponent(visitId)}/model-room-notes`;

export const shuttleApi = {
  trips: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<ShuttleTrip>>(`${sitePath(siteId)}/shuttle/trips`, { limit: p.limit, cursor: p.cursor ?? undefined }),
  depart: (siteId: string, body: StartTripInput) => http.post<ShuttleTrip>(`${sitePath(siteId)}/shuttle/trips`, body),
  arrive: (siteId: string, tripId: string, body: { itemsLeft: boolean; itemsNote?: string }) =>
    http.post<ShuttleTrip>(`${sitePath(siteId)}/shuttle/trips/${encodeURIComponent(tripId)}/arrive`, body),
  /** The handovers made to me, newest first. */
  handoversToMe: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<VehicleEvent>>(`${sitePath(siteId)}/shuttle/vehicle-events`, { to: 'me', limit: p.limit, cursor: p.cursor ?? undefined }),
  vehicleEvent: (siteId: string, body: VehicleEventBody) => http.post<VehicleEvent>(`${sitePath(siteId)}/shuttle/vehicle-events`, body),
  /** Whom the vehicle can be handed to: the site's active staff by name. */
  drivers: (siteId: string, p: PageParams = {}) =>
    http.get<PageOf<ShuttleDriver>>(`${sitePath(siteId)}/shuttle/drivers`, { limit: p.limit, cursor: p.cursor ?? undefined }),
  /** GUARD-IN-8: the concierge calls the shuttle; the drivers take the call. */
  call: (siteId: string, body: CallShuttleBody) => http.post<ShuttleCall>(`${sitePath(siteId)}/shuttle/calls`, body),
  takeCall: (siteId: string, callId: string) => http.post<ShuttleCall>(`${sitePath(siteId)}/shuttle/calls/${encodeURIComponent(callId)}/take`),
  openCalls: (siteId: string) => http.get<PageOf<ShuttleCall>>(`${sitePath(siteId)}/shuttle/calls`, { status: 'open', limit: 50 }),
  modelRoomNotes: (siteId: string, visitId: string, p: PageParams = {}) =>
    http.get<PageOf<ModelRoomNote>>(visitNotes(siteId, visitId), { limit: p.limit, cursor: p.cursor ?? undefined }),
  recordModelRoomNote: (siteId: string, visitId: string, body: { id: string; shoeCovers?: number; interests?: string }) =>
    http.post<ModelRoomNote>(visitNotes(siteId, visitId), body),
};

const visitMoved = onSite((siteId) => [visitKeys.root(siteId), visitKeys.counts(siteId)]);
const visitsOnly = onSite((siteId) => [visitKeys.root(siteId)]);
const callsChanged = onSite((siteId) => [shuttleKeys.callsRoot(siteId)]);

export const visitInvalidations: FeatureInvalidations = {
  'visit.arrived': visitMoved,
  'visit.handoff': visitMoved,
  'visit.acked': visitMoved,
  'visit.closed': visitMoved,
  'carpark.full': visitMoved,
  // A hand-off nobody took (the supervisor's alert) and the day's unclosed visits closed at day end.
  'visit.handoff_unanswered': visitsOnly,
  'visits.day_end_closed': visitsOnly,
  'visit.interest': visitsOnly,
  'hall.changed': onSite((siteId) => [visitKeys.hall(siteId)]),
  'drink.changed': onSite((siteId) => [visitKeys.barQueue(siteId)]),
  // A prompt to the hall's phones, shown where it arrives; nothing cached changes.
  'drink.refill_prompt': () => [],
  // A trip may answer a call.
  'shuttle.changed': onSite((siteId) => [shuttleKeys.tripsRoot(siteId), shuttleKeys.callsRoot(siteId)]),
  'shuttle.called': callsChanged,
  'shuttle.call_changed': callsChanged,
  'shuttle.call_overdue': callsChanged,
};
