/**
 * Which live events make the phone ring (sound and vibration): guests handed to my post or to me,
 * a shuttle call to the drivers, an urgent incident, a missed round for those who oversee, and a
 * handover left for my post. One rule per event type: a new kind of call (the shuttle call's
 * event) is one line in ATTENTION_RULES. Pure, so the unit test checks it without a browser.
 */
import type { PostKind, RealtimeEvent, Role } from '@anchang/contracts';

export type AttentionKind = 'handoff' | 'shuttle' | 'incident' | 'round' | 'handover';

export interface AttentionContext {
  siteId: string;
  personId: string;
  name: string;
  role: Role;
  postIds: readonly string[];
  postKinds: readonly PostKind[];
}

/** What one rule answers: ring for this kind (deduplicated by `key`), or stay quiet. */
export interface Ring {
  kind: AttentionKind;
  /** The same call may arrive in two rooms (the site's and mine): it rings once. */
  key: string;
}

type Rule = (payload: Record<string, unknown>, ctx: AttentionContext) => Ring | null;

const OVERSEERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Keyed by event type (a string, so a type another branch adds needs no change here but its line). */
export const ATTENTION_RULES: Readonly<Record<string, Rule>> = {
  'visit.handoff': (p, ctx) => {
    const toPersonId = str(p.toPersonId);
    const isForMe = toPersonId ? toPersonId === ctx.personId : ctx.postKinds.includes(str(p.toPostKind) as PostKind);
    // A hand-off nobody took rings again (ring 2): a key of its own, so it is not taken for a repeat.
    return isForMe ? { kind: 'handoff', key: `handoff:${str(p.handoffId)}:${typeof p.ring === 'number' ? p.ring : 1}` } : null;
  },
  // The concierge's shuttle call (GUARD-IN-8) rings the drivers; past the site's limit (GUARD-IN-9) the concierge's phone.
  'shuttle.called': (p, ctx) => (ctx.postKinds.includes('SHUTTLE') ? { kind: 'shuttle', key: `shuttle:${str(p.callId)}` } : null),
  'shuttle.call_overdue': (p, ctx) => (ctx.postKinds.includes('GUARD') ? { kind: 'shuttle', key: `shuttle-overdue:${str(p.callId)}` } : null),
  'incident.created': (p, ctx) =>
    p.severity === 'high' && p.reportedByName !== ctx.name ? { kind: 'incident', key: `incident:${str(p.incidentId)}` } : null,
  'round.slot_missed': (p, ctx) => (OVERSEERS.includes(ctx.role) ? { kind: 'round', key: `round:${str(p.slotId)}` } : null),
  // A handover written on my post (the writer's own phone marks its id as already rung).
  'handover.changed': (p, ctx) =>
    p.status === 'written' && ctx.postIds.includes(str(p.postId) ?? '') ? { kind: 'handover', key: `handover:${str(p.handoverId)}` } : null,
};

/** Whether `event` rings this phone. Events of another site, and anything malformed, stay quiet. */
export function ringFor(event: RealtimeEvent, ctx: AttentionContext, rules: Readonly<Record<string, Rule>> = ATTENTION_RULES): Ring | null {
  if (event.siteId !== null && event.siteId !== ctx.siteId) return null;
  const rule = rules[event.type];
  if (!rule || typeof event.payload !== 'object' || event.payload === null) return null;
  try {
    return rule(event.payload, ctx);
  } catch {
    return null; // no listener may throw
  }
}

/** Vibration patterns (ms): a hand-off or a call is short and double; an incident long. */
export const VIBRATION: Record<AttentionKind, number[]> = {
  handoff: [160, 80, 160],
  shuttle: [160, 80, 160, 80, 160],
  incident: [400, 120, 400, 120, 400],
  round: [300, 100, 300],
  handover: [160, 80, 160],
};
