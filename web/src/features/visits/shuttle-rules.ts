/**
 * The shuttle's rules on the phone, pure and unit-tested: which visits wait for the shuttle (duty
 * 7: customers only, so only visits), where a trip should go, which hand-offs its arrival makes,
 * and the items-left check at drop-off (SHUTTLE-IN-3).
 */
import type { Handoff, HandoffTarget, ShuttleTrip, Visit } from '@anchang/contracts';
import { pendingMove, stageSince } from './visit-rules';

export interface Waiting {
  visit: Visit;
  /** The hand-off to the shuttle this phone must still acknowledge when the guests board. */
  toAcknowledge: Handoff | null;
  /** Where these guests are headed: out to the model room, or back to the hall. */
  destination: ShuttleTrip['destination'];
  /** Since when they wait for the shuttle. */
  since: number;
  /** Who sent them on to the shuttle (or back to the hall). */
  fromName: string | null;
}

/**
 * Visits waiting for the shuttle: handed to the shuttle (acknowledged or not), or handed back to
 * the hall from the model room. A visit already carried since it began waiting (on a trip en route,
 * or one that left after that moment) is not offered again; `acked` holds hand-offs this phone
 * already took (their acknowledgement waits in the outbox).
 */
export function waitingForShuttle(visits: readonly Visit[], trips: readonly ShuttleTrip[], acked: ReadonlySet<string>): Waiting[] {
  const out: Waiting[] = [];
  for (const visit of visits) {
    if (visit.status !== 'open') continue;
    const move = pendingMove(visit);
    let entry: Waiting | null = null;
    if (move?.to === 'shuttle')
      entry = {
        visit,
        toAcknowledge: acked.has(move.id) ? null : move,
        destination: destinationAfter(move.fromStage),
        since: move.sentAt,
        fromName: move.sentByName,
      };
    else if (!move && visit.stage === 'shuttle') {
      const taken = visit.handoffs.filter((h) => h.to === 'shuttle' && h.ackedAt !== null).at(-1);
      entry = { visit, toAcknowledge: null, destination: 'model_room', since: stageSince(visit), fromName: taken?.sentByName ?? null };
    } else if (move?.to === 'hall' && move.fromStage === 'model_room')
      entry = { visit, toAcknowledge: null, destination: 'hall', since: move.sentAt, fromName: move.sentByName };
    if (entry && !carriedSince(trips, visit.id, entry.since)) out.push(entry);
  }
  return out.sort((a, b) => a.since - b.since);
}

/** Guests handed over from the model room (or the concierge at its door) ride back to the hall; everyone else rides out to a model room. */
const destinationAfter = (fromStage: Visit['stage']): ShuttleTrip['destination'] =>
  fromStage === 'model_room' || fromStage === 'concierge' ? 'hall' : 'model_room';

function carriedSince(trips: readonly ShuttleTrip[], visitId: string, since: number): boolean {
  return trips.some((t) => t.visitIds.includes(visitId) && (t.status === 'en_route' || t.departedAt >= since));
}

/** The destination most of the chosen parties are headed for (ties go to the model room). */
export function suggestedDestination(chosen: readonly Waiting[]): ShuttleTrip['destination'] {
  const back = chosen.filter((w) => w.destination === 'hall').length;
  return back > chosen.length - back ? 'hall' : 'model_room';
}

export const guestsOf = (chosen: readonly Pick<Waiting, 'visit'>[]): number => chosen.reduce((n, w) => n + w.visit.partySize, 0);

/**
 * Where a trip's guests are handed on arrival: the hall, or at the model room the show-area
 * concierge when the site has one (GUARD receives them at the door), else the model room itself.
 */
export const arrivalTarget = (destination: ShuttleTrip['destination'], hasConcierge: boolean): HandoffTarget =>
  destination === 'hall' ? 'hall' : hasConcierge ? 'concierge' : 'model_room';

/**
 * On arrival the guests are handed to the post at the destination, unless a hand-off there
 * already waits (guests sent back to the hall by the model room): those visits need none.
 */
export function arrivalHandoffs(trip: Pick<ShuttleTrip, 'destination' | 'visitIds'>, visits: readonly Visit[], hasConcierge = false): string[] {
  const target = arrivalTarget(trip.destination, hasConcierge);
  return trip.visitIds.filter((id) => {
    const visit = visits.find((v) => v.id === id);
    return visit !== undefined && visit.status === 'open' && pendingMove(visit)?.to !== target;
  });
}

/** SHUTTLE-IN-3: a yes needs a note saying what was left; null when the answer can be sent. */
export function itemsCheckProblem(itemsLeft: boolean | null, note: string): 'answer' | 'note' | null {
  if (itemsLeft === null) return 'answer';
  return itemsLeft && note.trim() === '' ? 'note' : null;
}

/** Trips that departed since `dayStart`, as the log lists them (newest first). */
export const tripsSince = (trips: readonly ShuttleTrip[], dayStart: number): ShuttleTrip[] => trips.filter((t) => t.departedAt >= dayStart);

/**
 * What the trip log shows: today's trips whenever there are any (those made on this phone
 * without signal too, laid over a log the server could not send after a reload offline), the
 * load error only when there is nothing else, and nothing while the first page loads.
 */
export function tripLogView(
  log: { isError: boolean; hasData: boolean; isLoading: boolean },
  todayCount: number,
): 'trips' | 'error' | 'loading' | 'empty' {
  if (todayCount > 0) return 'trips';
  if (log.isError && !log.hasData) return 'error';
  return log.isLoading ? 'loading' : 'empty';
}

/** m:ss up to an hour, then h:mm:ss: how long the trip has been on the road. */
export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
