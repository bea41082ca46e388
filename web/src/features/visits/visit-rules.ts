/**
 * The visitor journey as the phone sees it: which stage a post looks after, where it may hand
 * guests on, and which hand-offs wait for me. Pure functions, unit-tested.
 */
import type { Handoff, HandoffTarget, PostKind, Visit, VisitStage } from '@anchang/contracts';

/** Posts that receive guests handed on to them. */
export const RECEIVING_POSTS: readonly PostKind[] = ['HALL', 'GUARD', 'SHUTTLE', 'MODEL', 'BAR'];

const POST_STAGE: Partial<Record<PostKind, VisitStage>> = {
  PARK: 'car_park',
  HALL: 'hall',
  SHUTTLE: 'shuttle',
  GUARD: 'concierge',
  MODEL: 'model_room',
};

/** Where each post hands its guests on (SOP order: hall → consultant/bar/shuttle/model → farewell). */
const POST_TARGETS: Partial<Record<PostKind, HandoffTarget[]>> = {
  HALL: ['consultant', 'bar', 'shuttle', 'model_room', 'departure'],
  // The show-area concierge (GUARD) takes guests into the model room and sees them out of it.
  GUARD: ['model_room', 'shuttle', 'departure'],
  MODEL: ['concierge', 'hall', 'departure'],
  SHUTTLE: ['concierge', 'model_room', 'hall'],
};

/** The stage whose guests a post has in hand (null: the post only receives, e.g. the bar). */
export const stageOfPost = (kind: PostKind): VisitStage | null => POST_STAGE[kind] ?? null;

export const handOnTargets = (kind: PostKind): HandoffTarget[] => POST_TARGETS[kind] ?? [];

/** Hand-offs that move the guests: while one waits, the guests are on their way. */
export const MOVING_TARGETS: ReadonlySet<HandoffTarget> = new Set(['hall', 'shuttle', 'concierge', 'model_room', 'departure']);

export interface Incoming {
  visit: Visit;
  handoff: Handoff;
}

/**
 * Unacknowledged hand-offs to my posts (or to me by name), newest first; `skip` holds the ids of
 * hand-offs I already took on this phone (their 接待 waits in the outbox).
 */
export function incomingFor(visits: readonly Visit[], kinds: readonly PostKind[], personId: string, skip: ReadonlySet<string>): Incoming[] {
  const mine = new Set<string>(kinds);
  return visits
    .filter((v) => v.status === 'open')
    .flatMap((visit) =>
      visit.handoffs
        .filter((h) => h.ackedAt === null && !skip.has(h.id))
        .filter((h) => (h.toPersonId ? h.toPersonId === personId : h.toPostKind !== null && mine.has(h.toPostKind)))
        .map((handoff) => ({ visit, handoff })),
    )
    .sort((a, b) => b.handoff.sentAt - a.handoff.sentAt);
}

/** A hand-off of this visit still waiting for its receiver, that moves the guests on. */
export function pendingMove(visit: Visit): Handoff | null {
  return visit.handoffs.find((h) => h.ackedAt === null && MOVING_TARGETS.has(h.to)) ?? null;
}

/** The plate as typed: province character plus the rest, upper-case, no spaces or dots. */
export function composePlate(province: string, rest: string): string {
  return `${province}${rest.replace(/[\s·.-]/g, '').toUpperCase()}`;
}

export const isMobilePhone = (phone: string): boolean => /^1[3-9]\d{9}$/.test(phone);

/** 省份简称, the first character of a mainland plate; the most used first as quick chips. */
export const QUICK_PROVINCES = ['浙', '沪', '苏', '皖', '京', '粤'] as const;
export const ALL_PROVINCES = [...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'] as const;

/** When the guests reached their current stage: the last received hand-off that moved them, else arrival. */
export function stageSince(visit: Visit): number {
  const moves = visit.handoffs.filter((h) => h.ackedAt !== null && MOVING_TARGETS.has(h.to)).map((h) => h.ackedAt!);
  return moves.length ? Math.max(...moves) : visit.arrivedAt;
}
