/**
 * Replay on reconnect: a client says the last seq it saw in a room (`since`); before the room's
 * live events it gets the ones it missed, in order, none twice, then an ack with the seq it is at.
 * When it missed too many, or some were pruned, it gets `resync` instead and refetches.
 *
 * While the replay is read and sent, the hub holds the socket's live events (hub.ts); they are
 * sent after it, minus what the replay already covered. The replay reads the log after the hold
 * began, and the hub gets events in seq order, so the held events and the replay leave no gap.
 */
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { RealtimeEvent, ServerMessage } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import { readAfter, readHead } from '../events/event-store.js';
import { sendEvents, sendMessage, type Member } from './hub.js';

/**
 * The most events one replay sends. Past this, refetching the screens costs less than replaying
 * (and a phone's handlers would replay a long backlog of prompts nobody needs any more).
 */
export const REPLAY_LIMIT = 500;

export interface FollowRequest {
  /** The last seq the client saw in the room; absent: follow from now. */
  since?: number;
  /** The message that closes the replay, given the seq the socket is now at. */
  ack: (seq: number) => ServerMessage;
}

export interface ReplayPlan {
  resync: boolean;
  /** Events to send now, in order. */
  replay: RealtimeEvent[];
  /** The socket's stream after the replay: every event after `liveFrom` up to `seq` sent. */
  liveFrom: number;
  seq: number;
}

/**
 * What a socket is sent when it asks for the room's events after `since`.
 *
 * - `head`: the room's last seq, read after the hold began; `rows`: the room's events after
 *   `since` (at most REPLAY_LIMIT + 1), read after `head`.
 * - `sent`: what this socket was already sent in the room, when it follows it already (a
 *   `resume` of the person's room joined at connect).
 */
export function planReplay(input: {
  since: number | undefined;
  head: number;
  rows: readonly RealtimeEvent[];
  sent: { liveFrom: number; upTo: number } | null;
}): ReplayPlan {
  const { since, head, rows, sent } = input;
  if (since === undefined) {
    return sent ? { resync: false, replay: [], liveFrom: sent.liveFrom, seq: sent.upTo } : { resync: false, replay: [], liveFrom: head, seq: head };
  }
  const resync = (): ReplayPlan => {
    const seq = Math.max(head, sent?.upTo ?? 0);
    return { resync: true, replay: [], liveFrom: seq, seq };
  };
  // A seq the log never reached: the client's state comes from another database.
  if (since > head) return resync();
  if (head - since > REPLAY_LIMIT || rows.length > REPLAY_LIMIT) return resync();
  // Every seq after `since` must be there; a missing one was pruned.
  if (rows.length < head - since || rows.some((r, i) => r.seq !== since + 1 + i)) return resync();
  if (sent && since < sent.liveFrom && sent.upTo > sent.liveFrom) {
    // Live events went out after `liveFrom`; the older missed ones would now arrive after them.
    return resync();
  }
  const alreadySent = (seq: number) => sent !== null && seq > sent.liveFrom && seq <= sent.upTo;
  const replay = rows.filter((r) => !alreadySent(r.seq));
  const seq = Math.max(since, sent?.upTo ?? since, rows.at(-1)?.seq ?? since);
  return { resync: false, replay, liveFrom: sent ? Math.min(since, sent.liveFrom) : since, seq };
}

/**
 * One follow of one socket in one room (the hub runs a member's follows one at a time):
 * hold live events, read, send the replay (or `resync`) and the ack, then the held events.
 * `isMember` turns false when the socket left the room meanwhile: nothing more is sent.
 */
export async function followRoom(
  db: Kysely<DB>,
  socket: WebSocket,
  room: string,
  member: Member,
  request: FollowRequest,
  isMember: () => boolean,
): Promise<void> {
  // A member the hub just created has been held since then, and was never sent anything.
  const sent = member.sentUpTo < 0 ? null : { liveFrom: member.liveFrom, upTo: member.sentUpTo };
  member.held ??= [];
  const { since } = request;
  const head = await readHead(db, room);
  const rows = since !== undefined && since < head && head - since <= REPLAY_LIMIT ? await readAfter(db, room, since, REPLAY_LIMIT + 1) : [];
  if (!isMember()) return;
  const plan = planReplay({ since, head, rows, sent });
  if (plan.resync) sendMessage(socket, { type: 'resync', room });
  sendEvents(socket, plan.replay);
  sendMessage(socket, request.ack(plan.seq));
  member.liveFrom = plan.liveFrom;
  member.sentUpTo = plan.seq;
  const held = member.held.filter((event) => event.seq > member.sentUpTo);
  member.held = null;
  if (held.length > 0) member.sentUpTo = held.at(-1)!.seq;
  sendEvents(socket, held);
}
