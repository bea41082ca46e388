import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import { ringFor, type AttentionContext } from './attention-rules';
import { isAttentionOn, setAttentionOn } from './attention-settings';

const ctx: AttentionContext = { siteId: 's1', personId: 'p1', name: '张三', role: 'staff', postIds: ['post-guard'], postKinds: ['GUARD'] };
const event = (type: string, payload: Record<string, unknown>, siteId: string | null = 's1') =>
  ({ type, room: 'site:s1', siteId, payload, at: 0, seq: 1 }) as unknown as RealtimeEvent;

describe('which events ring the phone', () => {
  it('rings for guests handed to my post or to me by name, not to others', () => {
    expect(ringFor(event('visit.handoff', { handoffId: 'h1', toPostKind: 'GUARD', toPersonId: null }), ctx)).toEqual({
      kind: 'handoff',
      key: 'handoff:h1:1',
    });
    // A hand-off nobody took rings again at the limit: not taken for a repeat of the first ring.
    expect(ringFor(event('visit.handoff', { handoffId: 'h1', toPostKind: 'GUARD', toPersonId: null, ring: 2 }), ctx)?.key).toBe('handoff:h1:2');
    expect(ringFor(event('visit.handoff', { handoffId: 'h2', toPostKind: 'MODEL', toPersonId: null }), ctx)).toBeNull();
    expect(ringFor(event('visit.handoff', { handoffId: 'h3', toPostKind: 'GUARD', toPersonId: 'p2' }), ctx)).toBeNull();
    expect(ringFor(event('visit.handoff', { handoffId: 'h4', toPostKind: null, toPersonId: 'p1' }, null), ctx)?.kind).toBe('handoff');
  });
  it('rings for an urgent incident someone else reported, and not for a minor one', () => {
    expect(ringFor(event('incident.created', { incidentId: 'i1', severity: 'high', reportedByName: '李四' }), ctx)?.kind).toBe('incident');
    expect(ringFor(event('incident.created', { incidentId: 'i2', severity: 'medium', reportedByName: '李四' }), ctx)).toBeNull();
    expect(ringFor(event('incident.created', { incidentId: 'i3', severity: 'high', reportedByName: '张三' }), ctx)).toBeNull();
  });
  it('rings those who oversee for a missed round, not the staff', () => {
    expect(ringFor(event('round.slot_missed', { slotId: 'r1', scheduleId: null }), ctx)).toBeNull();
    expect(ringFor(event('round.slot_missed', { slotId: 'r1', scheduleId: null }), { ...ctx, role: 'supervisor' })?.kind).toBe('round');
  });
  it('rings for a handover written on my post; stays quiet for other sites, other events and malformed ones', () => {
    expect(ringFor(event('handover.changed', { handoverId: 'x', postId: 'post-guard', status: 'written' }), ctx)?.kind).toBe('handover');
    expect(ringFor(event('handover.changed', { handoverId: 'x', postId: 'post-guard', status: 'confirmed' }), ctx)).toBeNull();
    expect(ringFor(event('visit.handoff', { handoffId: 'h1', toPostKind: 'GUARD' }, 'other-site'), ctx)).toBeNull();
    expect(ringFor(event('drink.changed', { orderId: 'o' }), ctx)).toBeNull();
    expect(ringFor({ ...event('visit.handoff', {}), payload: null } as unknown as RealtimeEvent, ctx)).toBeNull();
  });
  it("rings the drivers for the concierge's shuttle call, and the concierge when nobody took it in time", () => {
    expect(ringFor(event('shuttle.called', { callId: 'c1' }), { ...ctx, postKinds: ['SHUTTLE'] })?.kind).toBe('shuttle');
    expect(ringFor(event('shuttle.called', { callId: 'c1' }), ctx)).toBeNull();
    expect(ringFor(event('shuttle.call_overdue', { callId: 'c1' }), ctx)?.key).toBe('shuttle-overdue:c1');
    expect(ringFor(event('shuttle.call_overdue', { callId: 'c1' }), { ...ctx, postKinds: ['SHUTTLE'] })).toBeNull();
  });
});

describe("the phone's switch", () => {
  it('is on until turned off, and remembers', () => {
    expect(isAttentionOn()).toBe(true);
    setAttentionOn(false);
    expect(isAttentionOn()).toBe(false);
    setAttentionOn(true);
    expect(isAttentionOn()).toBe(true);
  });
});
