/**
 * Pure rules of the handover: who is coming next on the post per the roster, and when the
 * supervisor hears of a handover nobody confirmed.
 */

export interface RosterSpan {
  personId: string;
  startsAt: number;
  endsAt: number;
}

/**
 * How long before the handover the incoming shift may already have begun and still count as
 * "the next shift": the outgoing person often writes after the relief has arrived.
 */
export const INCOMING_STARTED_GRACE_MS = 2 * 60 * 60_000;

/** The next shift on the post by someone else: the earliest that has not ended and began at most the grace ago. */
export function findIncomingShift(spans: readonly RosterSpan[], writerId: string, now: number): RosterSpan | null {
  const candidates = spans
    .filter((s) => s.personId !== writerId && s.endsAt > now && s.startsAt >= now - INCOMING_STARTED_GRACE_MS)
    .sort((a, b) => a.startsAt - b.startsAt || a.personId.localeCompare(b.personId));
  return candidates[0] ?? null;
}

/** The limit runs from the incoming shift's start (not before the handover is written), or from writing when nobody is known. */
export function confirmDeadline(writtenAt: number, incomingStartsAt: number | null, confirmMinutes: number): number {
  return Math.max(writtenAt, incomingStartsAt ?? writtenAt) + confirmMinutes * 60_000;
}
