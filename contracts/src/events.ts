/**
 * Realtime events: small messages (ids, kind, version). Clients refetch or patch on receipt.
 * Rooms: `site:<siteId>` and `user:<personId>`.
 */
export interface EventMap {
  'zone.changed': { zoneId: string; action: 'created' | 'updated' | 'deleted' };
  'post.changed': { postId: string; action: 'created' | 'updated' | 'deleted' };
  'person.changed': { personId: string; action: 'created' | 'updated' | 'removed' };
  'site.changed': { siteId: string };
  'notification.created': { notificationId: string; title: string; body: string; fromName: string };
  /** Someone's roles, sites, account or sessions changed (null: anyone's): cached sessions are reloaded. */
  'access.changed': { personId: string | null };
  'standard.changed': { postKind: string; version: number };
  'roster.changed': { dates: string[] };
  'shift.changed': { shiftId: string; postId: string; personId: string; action: 'clocked_in' | 'checklist' | 'clocked_out' };
  'anomaly.created': {
    anomalyId: string;
    postId: string | null;
    postName: string | null;
    itemId: string | null;
    note: string;
    reportedByName: string;
  };
  'anomaly.updated': { anomalyId: string; status: string };
  'requisition.changed': { requisitionId: string; status: string };
  'opinion.created': { opinionId: string; postId: string | null };
  'visit.arrived': { visitId: string; partySize: number; arrivalMode: 'car' | 'walk_in'; plateMasked: string | null; isReturning: boolean };
  'visit.handoff': {
    visitId: string;
    handoffId: string;
    to: string;
    toPostKind: string | null;
    toPersonId: string | null;
    partySize: number;
    note: string;
    fromName: string;
  };
  'visit.acked': { visitId: string; handoffId: string; ackedByName: string };
  'visit.closed': { visitId: string };
  'carpark.full': { occupied: number; capacity: number };
  'lost_item.changed': { lostItemId: string; status: string; openPendingBy: string | null };
  'incident.created': { incidentId: string; kind: string; severity: string; description: string; reportedByName: string };
  'incident.updated': { incidentId: string; status: string; policeDecision: string | null };
  'hall.changed': { visitId: string | null };
  'drink.changed': { orderId: string; visitId: string; status: string };
  /** HALL-DRINK-4: time to go and ask the table whether they would like more. */
  'drink.refill_prompt': { orderId: string; visitId: string; tableName: string | null };
  'shuttle.changed': { tripId: string; status: string; vehicle: string };
  'visit.interest': { visitId: string; noteId: string; interests: string | null; byName: string };
  'checkpoint.scanned': { checkpointId: string; zoneId: string; personId: string; at: number; flags: string[] };
  'patrol.round_changed': { roundId: string; routeId: string; status: string };
  'asset.changed': { assetId: string; action: 'created' | 'updated' | 'retired' | 'code' };
  'work_order.changed': { workOrderId: string; status: string; assetId: string | null; zoneId: string; description: string };
  /** TECH-3: nobody reached the repair in time; level 1 alerts the supervisor, level 2 the manager. */
  'work_order.escalated': { workOrderId: string; level: number; description: string };
  /** A round schedule or one of its slots changed (null ids: the whole day changed). */
  'round.changed': { scheduleId: string | null; slotId: string | null; status: string | null };
  /** A slot's grace window ended without proof: the supervisor is alerted. */
  'round.slot_missed': { slotId: string; scheduleId: string | null; postKind: string; labelZh: string; labelEn: string; dueAt: number };
  'weather.changed': { declarationId: string; kind: string; status: 'declared' | 'ended' };
  /** Stock moved in a store (a receipt, an issue or a count). */
  'supplies.changed': { storeId: string; batchId: string; kind: string };
  /** On-hand of an item in a store fell to or below its threshold: once per crossing. */
  'supplies.low_stock': { storeId: string; storeName: string; itemId: string; itemName: string; onHand: number; threshold: number };
  'model_room.checked': { zoneId: string; checkId: string; phase: string; missing: number; damaged: number; byName: string };
}
export type EventType = keyof EventMap;

export interface RealtimeEvent<T extends EventType = EventType> {
  type: T;
  room: string;
  siteId: string | null;
  payload: EventMap[T];
  at: number;
  /**
   * The event's number in its room: 1, 2, 3… with no gaps, in commit order. A client keeps the
   * last one it saw per room and sends it back when it reconnects, to get what it missed.
   */
  seq: number;
}

/**
 * Messages a client sends over the socket. `since`: the last seq the client saw in that room;
 * the server first sends the room's events after it (or `resync` when there are too many).
 */
export type ClientMessage =
  | { type: 'subscribe'; siteId: string; since?: number }
  | { type: 'unsubscribe'; siteId: string }
  /** The person's own room (joined at connect): what was missed there since `since`. */
  | { type: 'resume'; since: number }
  | { type: 'ping' };

/** Messages the server sends over the socket. */
export type ServerMessage =
  /** `seq`: the person's room is followed from here on (the `since` of a later `resume`). */
  | { type: 'hello'; personId: string; seq: number }
  /** After the replay of a subscribe: the site room's events after `seq` follow live. */
  | { type: 'subscribed'; siteId: string; seq: number }
  /** After the replay of a resume: the person's room's events after `seq` follow live. */
  | { type: 'resumed'; seq: number }
  /** Too much was missed in `room` (or it was pruned): refetch everything; live events follow. */
  | { type: 'resync'; room: string }
  | { type: 'error'; code: string; siteId?: string }
  | { type: 'pong' }
  | { type: 'event'; event: RealtimeEvent };
