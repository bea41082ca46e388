/**
 * The visit chain's writes in the phone's outbox: arrivals, hand-offs and their 接待, seating and
 * drinks, the shuttle's trips and the concierge's call for it, and the car park's signed vehicle check. Ids are made at the tap;
 * trips and the vehicle check carry the tap's time too (the server keeps it).
 */
import type { CallShuttleBody, HandoffBody, RegisterVisitBody, VehicleCheck, VehicleCheckBody } from '@anchang/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import { shuttleApi, shuttleKeys, type StartTripInput, visitKeys, visitsApi } from './visits-api';
import '../../shared/offline/photo-outbox';

/** 登记到访 at the car park or the door (the visit's id made on the phone). */
export interface VisitRegisterOp {
  kind: 'visitRegister';
  siteId: string;
  body: RegisterVisitBody;
}
/** Guests handed on to the next post (the hand-off's id made on the phone). */
export interface VisitHandoffOp {
  kind: 'visitHandoff';
  siteId: string;
  visitId: string;
  body: HandoffBody;
  /** For the waiting list on screen: how many guests. */
  partySize: number;
}
/** 接待: the receiving post takes the guests. */
export interface VisitAckOp {
  kind: 'visitAck';
  siteId: string;
  visitId: string;
  handoffId: string;
  partySize: number;
}
/** 入座: the hall seats a party at a table, or puts it on the sand-table waiting list (HALL-IN-7). */
export interface HallSeatOp {
  kind: 'hallSeat';
  siteId: string;
  visitId: string;
  body: { tableId?: string };
  partySize: number;
}
/** 点饮品: the hall orders drinks for a seated party (the order's id made on the phone). */
export interface DrinkOrderOp {
  kind: 'drinkOrder';
  siteId: string;
  visitId: string;
  body: { id: string; lines: { name: string; quantity: number }[] };
}
/** 制作完成 at the bar. */
export interface DrinkMadeOp {
  kind: 'drinkMade';
  siteId: string;
  orderId: string;
  tableName: string | null;
}
/** 已上桌 / 代为上桌 (BAR-IN-1: the hall serves when the bar is busy). */
export interface DrinkServedOp {
  kind: 'drinkServed';
  siteId: string;
  orderId: string;
  body: { by: 'BAR' | 'HALL' };
  tableName: string | null;
}
export type VisitOp = VisitRegisterOp | VisitHandoffOp | VisitAckOp;
export type HallBarOp = HallSeatOp | DrinkOrderOp | DrinkMadeOp | DrinkServedOp;

/** 发车: the driver leaves with guests (the trip's id made on the phone, `at` the tap). */
export interface TripDepartOp {
  kind: 'tripDepart';
  siteId: string;
  body: StartTripInput & { at: number };
  guests: number;
}
/** 到达: the trip arrives, with the items-left check. */
export interface TripArriveOp {
  kind: 'tripArrive';
  siteId: string;
  tripId: string;
  body: { itemsLeft: boolean; itemsNote?: string; at: number };
}
/** 车辆检查: the signed check of a parked car; its photos wait beside it and go first. */
export interface VehicleCheckOp {
  kind: 'vehicleCheck';
  siteId: string;
  visitId: string;
  body: VehicleCheckBody & { at: number };
  plate: string | null;
}
/** 叫电瓶车: the concierge calls the shuttle for guests leaving the model room (the call's id made on the phone). */
export interface ShuttleCallOp {
  kind: 'shuttleCall';
  siteId: string;
  body: CallShuttleBody;
  guests: number;
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    visitRegister: VisitRegisterOp;
    visitHandoff: VisitHandoffOp;
    visitAck: VisitAckOp;
    hallSeat: HallSeatOp;
    drinkOrder: DrinkOrderOp;
    drinkMade: DrinkMadeOp;
    drinkServed: DrinkServedOp;
    tripDepart: TripDepartOp;
    tripArrive: TripArriveOp;
    vehicleCheck: VehicleCheckOp;
    shuttleCall: ShuttleCallOp;
  }
}

export const vehicleCheckPath = (siteId: string, visitId: string) =>
  `/sites/${encodeURIComponent(siteId)}/visits/${encodeURIComponent(visitId)}/vehicle-check`;
/**
 * Kept outside the visits key on purpose: every visit event invalidates that one, and a car park
 * full of rows would each refetch their check for someone else's hand-off.
 */
export const vehicleCheckKey = (siteId: string, visitId: string) => ['site', siteId, 'vehicle-check', visitId] as const;

function withoutAt<Op extends { body: { at?: number } }>(op: Op): Op {
  const { at: _at, ...body } = op.body;
  return { ...op, body };
}

function refreshVisits(queryClient: QueryClient, siteId: string): void {
  void queryClient.invalidateQueries({ queryKey: visitKeys.root(siteId) });
  void queryClient.invalidateQueries({ queryKey: visitKeys.counts(siteId) });
}
function refreshHallBar(queryClient: QueryClient, siteId: string): void {
  void queryClient.invalidateQueries({ queryKey: visitKeys.hall(siteId) });
  void queryClient.invalidateQueries({ queryKey: visitKeys.barQueue(siteId) });
}
function refreshTrips(queryClient: QueryClient, siteId: string): void {
  void queryClient.invalidateQueries({ queryKey: shuttleKeys.tripsRoot(siteId) });
  refreshVisits(queryClient, siteId);
}

registerOutboxKind('visitRegister', {
  key: (op) => op.body.id,
  send: (op) => visitsApi.register(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => refreshVisits(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.register', { count: op.body.partySize }),
  group: 'shiftPhone.outbox.groups.visit',
});
registerOutboxKind('visitHandoff', {
  key: (op) => op.body.id,
  send: (op) => visitsApi.handOff(op.siteId, op.visitId, op.body),
  apply: (op, _r, { queryClient }) => refreshVisits(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.handoff', { count: op.partySize, to: t(`visits.targets.${op.body.to}`) }),
  group: 'shiftPhone.outbox.groups.handoff',
});
registerOutboxKind('visitAck', {
  key: (op) => `ack:${op.handoffId}`,
  send: (op) => visitsApi.acknowledge(op.siteId, op.visitId, op.handoffId),
  apply: (op, _r, { queryClient }) => refreshVisits(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.ack', { count: op.partySize }),
  group: 'shiftPhone.outbox.groups.handoff',
});
registerOutboxKind('hallSeat', {
  key: (op) => `seat:${op.visitId}`,
  send: (op) => visitsApi.seat(op.siteId, op.visitId, op.body),
  apply: (op, _r, { queryClient }) => refreshHallBar(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.seat', { count: op.partySize }),
  group: 'shiftPhone.outbox.groups.hallBar',
});
registerOutboxKind('drinkOrder', {
  key: (op) => op.body.id,
  send: (op) => visitsApi.orderDrinks(op.siteId, op.visitId, op.body),
  apply: (op, _r, { queryClient }) => refreshHallBar(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.drinks', { count: op.body.lines.reduce((n, l) => n + l.quantity, 0) }),
  group: 'shiftPhone.outbox.groups.hallBar',
});
registerOutboxKind('drinkMade', {
  key: (op) => `made:${op.orderId}`,
  send: (op) => visitsApi.drinkMade(op.siteId, op.orderId),
  apply: (op, _r, { queryClient }) => refreshHallBar(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.made', { table: op.tableName ?? '—' }),
  group: 'shiftPhone.outbox.groups.hallBar',
});
registerOutboxKind('drinkServed', {
  key: (op) => `served:${op.orderId}`,
  send: (op) => visitsApi.drinkServed(op.siteId, op.orderId, op.body),
  apply: (op, _r, { queryClient }) => refreshHallBar(queryClient, op.siteId),
  describe: (op, t) => t('visits.outbox.served', { table: op.tableName ?? '—' }),
  group: 'shiftPhone.outbox.groups.hallBar',
});
registerOutboxKind('tripDepart', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => shuttleApi.depart(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => refreshTrips(queryClient, op.siteId),
  describe: (op, t) => t('shiftPhone.outbox.kinds.tripDepart', { vehicle: op.body.vehicle, count: op.guests }),
  group: 'shiftPhone.outbox.groups.trip',
});
registerOutboxKind('tripArrive', {
  key: (op) => `arrive:${op.tripId}`,
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => shuttleApi.arrive(op.siteId, op.tripId, op.body),
  apply: (op, _r, { queryClient }) => refreshTrips(queryClient, op.siteId),
  describe: (_op, t) => t('shiftPhone.outbox.kinds.tripArrive'),
  group: 'shiftPhone.outbox.groups.trip',
});
registerOutboxKind('vehicleCheck', {
  key: (op) => `vehicle-check:${op.visitId}`,
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => http.put<VehicleCheck>(vehicleCheckPath(op.siteId, op.visitId), op.body),
  apply: (op, response, { queryClient }) => queryClient.setQueryData(vehicleCheckKey(op.siteId, op.visitId), response as VehicleCheck),
  describe: (op, t) => t('shiftPhone.outbox.kinds.vehicleCheck', { plate: op.plate ?? '' }),
  group: 'shiftPhone.outbox.groups.vehicleCheck',
  carries: (op) => op.body.photoIds,
});
registerOutboxKind('shuttleCall', {
  key: (op) => op.body.id,
  send: (op) => shuttleApi.call(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: shuttleKeys.openCalls(op.siteId) }),
  describe: (op, t) => t('visits.outbox.shuttleCall', { count: op.guests }),
  group: 'visits.outbox.shuttleCallGroup',
});
