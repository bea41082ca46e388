/**
 * Realtime events: small messages (ids, kind, version). Clients refetch or patch on receipt.
 * Rooms: `site:<siteId>` and `user:<personId>`.
 *
 * A site room holds every role of the site, from the manager to the client's viewer: a payload
 * there carries only what every one of them may read over HTTP. Anything narrower (a note only
 * the overseers see, who scanned what) stays out; clients that may read it refetch by id.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './api.js';

export interface EventMap {
  'zone.changed': { zoneId: string; action: 'created' | 'updated' | 'deleted' };
  'post.changed': { postId: string; action: 'created' | 'updated' | 'deleted' };
  'person.changed': { personId: string; action: 'created' | 'updated' | 'removed' };
  'site.changed': { siteId: string };
  'notification.created': { notificationId: string; title: string; body: string; fromName: string };
  /**
   * Someone's roles, sites, account or sessions changed (null: anyone's): cached sessions are
   * reloaded, and that person's sockets re-checked (a socket whose session ended closes, a site
   * room whose role is gone is left). `closeSockets`: every socket of the person closes, even
   * those of a session that remains (a password change).
   */
  'access.changed': { personId: string | null; closeSockets?: boolean };
  'standard.changed': { postKind: string; version: number };
  'roster.changed': { dates: string[] };
  'shift.changed': { shiftId: string; postId: string; personId: string; action: 'clocked_in' | 'checklist' | 'clocked_out' };
  /** Staff see only the anomalies they reported: the overseers fetch the rest by id. */
  'anomaly.created': { anomalyId: string; postId: string | null };
  'anomaly.updated': { anomalyId: string; status: string };
  'requisition.changed': { requisitionId: string; status: string };
  'opinion.created': { opinionId: string; postId: string | null };
  'feedback_form.created': { formId: string; kind: 'model_room' | 'parking'; postId: string | null };
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
    /** 2 when nobody took it within the site's limit and the post's phones ring again; the rotation's next consultant is asked with 1. */
    ring?: number;
  };
  /** Nobody took a hand-off in twice the site's limit: the supervisor is alerted (in their own room). */
  'visit.handoff_unanswered': { visitId: string; handoffId: string; toPostKind: string | null };
  /** The day-end timer closed the site's still-open visits. */
  'visits.day_end_closed': { date: string; count: number };
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
  /** GUARD-IN-8: the site's room, and the SHUTTLE post's phones ring: where to pick up, how many. */
  'shuttle.called': { callId: string; pickup: string; guests: number; fromName: string };
  /** A driver took the call (or started the trip): the other drivers' phones stop ringing. */
  'shuttle.call_changed': { callId: string; status: string; takenByName: string | null };
  /** GUARD-IN-9: the limit passed and no driver took the call; the concierge apologises (电瓶车马上就到). */
  'shuttle.call_overdue': { callId: string; pickup: string; guests: number; waitedMs: number };
  'visit.interest': { visitId: string; noteId: string; interests: string | null; byName: string };
  /** Who scanned, when and with which flags is for the checkpoint keepers: they refetch. */
  'checkpoint.scanned': { checkpointId: string; zoneId: string };
  'patrol.round_changed': { roundId: string; routeId: string; status: string };
  'asset.changed': { assetId: string; action: 'created' | 'updated' | 'retired' | 'code' };
  'work_order.changed': { workOrderId: string; status: string; assetId: string | null; zoneId: string; description: string };
  /** TECH-3: nobody reached the repair in time; level 1 alerts the supervisor, level 2 the manager. */
  'work_order.escalated': { workOrderId: string; level: number; description: string };
  /** A round schedule or one of its slots changed (null ids: the whole day changed). */
  'round.changed': { scheduleId: string | null; slotId: string | null; status: string | null };
  /** A slot's grace window ended without proof: the supervisor is alerted (in their own room). Staff see only their posts' slots. */
  'round.slot_missed': { slotId: string; scheduleId: string | null };
  /** Declarations are the overseers' to read; staff see only the round tasks one adds to their posts. */
  'weather.changed': { declarationId: string; status: 'declared' | 'ended' };
  /** Stock moved in a store (a receipt, an issue or a count). */
  'supplies.changed': { storeId: string; batchId: string; kind: string };
  /** On-hand of an item in a store fell to or below its threshold: once per crossing. */
  'supplies.low_stock': { storeId: string; storeName: string; itemId: string; itemName: string; onHand: number; threshold: number };
  /** GUARD-IN-7: a question for sales; `toPersonId` null rings every consultant. Ids only: the text is read over HTTP. */
  'question.asked': { questionId: string; visitId: string; toPersonId: string | null };
  'question.answered': { questionId: string; visitId: string; askedBy: string };
  'model_room.checked': { zoneId: string; checkId: string; phase: string; missing: number; damaged: number; byName: string };
  /** One switch of the closing routine (GUARD-IN-11) was confirmed off: the day and which one. */
  'model_room.closing_confirmed': { date: string; switch: 'water' | 'power' | 'cctv' };
  /** A debrief or weekly review, its attendance or its action items changed (meetings module). */
  'meeting.changed': { meetingId: string; kind: string; date: string };
  /** A robot or webhook was added, changed or removed (integrations module). */
  'channel.changed': { channelId: string; action: 'created' | 'updated' | 'deleted' };
  /** A delivery (robot, webhook, SMS) was queued or tried: the console's log refetches. */
  'delivery.changed': { deliveryId: string; status: string };
  /** An action item was given, done or fell overdue: told in the owner's room and the site's. */
  'action_item.changed': { itemId: string; meetingId: string; status: string };
  /** An inspection was submitted: ids only, the overseers and the inspected person refetch. */
  'inspection.submitted': { inspectionId: string; postId: string };
  /** A rectification moved: ids and status only (to the site, the person and the inspector). */
  'rectification.changed': { rectificationId: string; inspectionId: string; status: string };
  /** Training: a session, an attendance or a quiz changed (ids only); the fact sheet carries its version. */
  'training.changed': { sessionId: string | null; personId: string | null };
  'fact_sheet.published': { version: number };
  /** A month's assessments changed (computed, adjusted, signed, appealed): to the site's room, and to the person's own. The month only: the figures are read over HTTP. */
  'assessment.changed': { month: string };
  /** Two failing months: a dismissal recommendation waits for the company admin (their own rooms). */
  'assessment.recommendation': { recommendationId: string };
  /** A visitor answered a satisfaction survey: the id only (the site's screens refetch what their role may read). */
  'survey.answered': { answerId: string };
  /** A complaint was filed, moved, noted or escalated: ids, status and version only (the text and the complainant are read over HTTP). */
  'complaint.changed': { complaintId: string; status: string; version: number };
  /** A monthly client report was published or acknowledged (site room), or its draft changed (the managers' own rooms). Ids only. */
  'client_report.changed': { reportId: string };
  /** A handover was written, confirmed or fell overdue: ids and status only (the text is read over HTTP). */
  'handover.changed': { handoverId: string; postId: string; status: 'written' | 'confirmed' | 'overdue' };
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

/** A client's position in the event sequence: the last one it saw. */
const Sequence = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const message = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false });

/**
 * Messages a client sends over the socket; the server validates each against this schema and
 * answers anything else with an error frame.
 * - `ping` → `pong`.
 * - `subscribe`: follow a site's room (the role is checked now, from current data); `since` is
 *   the last event sequence the client saw there.
 * - `unsubscribe`: leave it.
 * - `resume`: the person's own room, from the last sequence seen there.
 */
export const ClientMessageSchema = Type.Union([
  message({ type: Type.Literal('ping') }),
  message({ type: Type.Literal('subscribe'), siteId: Id, since: Type.Optional(Sequence) }),
  message({ type: Type.Literal('unsubscribe'), siteId: Id }),
  message({ type: Type.Literal('resume'), since: Sequence }),
]);
export type ClientMessage = Static<typeof ClientMessageSchema>;

/**
 * Codes of the error frames. The socket stays open after one: the client sent something the
 * server does not take (`SITE_NOT_FOUND` also when a role on the site has ended).
 */
export type SocketErrorCode = 'MALFORMED_JSON' | 'VALIDATION_FAILED' | 'SOCKET_BINARY_NOT_ACCEPTED' | 'SOCKET_TEXT_NOT_UTF8' | 'SITE_NOT_FOUND';

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
  | { type: 'error'; code: SocketErrorCode; siteId?: string }
  | { type: 'pong' }
  | { type: 'event'; event: RealtimeEvent }
  /**
   * Several live events in one frame: what a commit (or a read of the log) brought this socket
   * at once, in the order they happened. Read it as that many `event` messages.
   */
  | { type: 'events'; events: RealtimeEvent[] };

/**
 * Why the server closes a socket, and what the client does next. 4xxx codes follow the HTTP
 * status they resemble.
 */
export const SOCKET_CLOSE = {
  /** "Service restart": the server shuts down or restarts; reconnect with backoff (to another instance, or this one once back). */
  SERVER_SHUTDOWN: 1012,
  /** The client broke the protocol's limits (a flood of messages, a reader too slow for its rooms): reconnect with backoff. */
  POLICY: 1008,
  /** A frame larger than the server takes. */
  TOO_BIG: 1009,
  /** Who the person is changed (their password, on this very session): reconnect at once. */
  ACCESS_CHANGED: 4000,
  /** The session ended (logout, expiry, account disabled, signed out by a password change): log in again; never reconnect. */
  SESSION_ENDED: 4401,
  /** A newer socket of the same session took this one's place (too many open): reconnect only when the tab is used again. */
  REPLACED: 4409,
  /** More messages per second than allowed. */
  RATE_LIMITED: 4429,
} as const;
export type SocketCloseCode = (typeof SOCKET_CLOSE)[keyof typeof SOCKET_CLOSE];
