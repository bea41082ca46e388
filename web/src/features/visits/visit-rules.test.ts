import { describe, expect, it } from 'vitest';
import type { Handoff, Visit } from '@anchang/contracts';
import { composePlate, handOnTargets, incomingFor, pendingMove, stageOfPost } from './visit-rules';

const handoff = (over: Partial<Handoff>): Handoff => ({
  id: 'h1',
  to: 'hall',
  toPostKind: 'HALL',
  toPersonId: null,
  fromStage: 'car_park',
  sentBy: 'p1',
  sentByName: '张伟',
  sentAt: 1000,
  ackedBy: null,
  ackedByName: null,
  ackedAt: null,
  note: '',
  rotation: false,
  rungAt: null,
  ...over,
});
const visit = (over: Partial<Visit>): Visit => ({
  id: 'v1',
  siteId: 's1',
  partySize: 2,
  arrivalMode: 'car',
  plateMasked: '浙A·1**45',
  isNewEnergy: false,
  customer: null,
  consultantId: null,
  consultantName: null,
  stage: 'car_park',
  status: 'open',
  arrivedAt: 1000,
  closedAt: null,
  closedReason: null,
  hasVehicleCheck: false,
  stageDurations: {},
  handoffs: [],
  ...over,
});

describe('incomingFor', () => {
  it('lists unacked hand-offs to my post, newest first, and not the ones I took already', () => {
    const visits = [
      visit({ id: 'a', handoffs: [handoff({ id: 'x', sentAt: 1 })] }),
      visit({ id: 'b', handoffs: [handoff({ id: 'y', sentAt: 2 })] }),
      visit({ id: 'c', handoffs: [handoff({ id: 'z', toPostKind: 'MODEL', to: 'model_room' })] }),
      visit({ id: 'd', handoffs: [handoff({ id: 'w', ackedAt: 5 })] }),
    ];
    expect(incomingFor(visits, ['HALL'], 'me', new Set()).map((i) => i.handoff.id)).toEqual(['y', 'x']);
    expect(incomingFor(visits, ['HALL'], 'me', new Set(['y'])).map((i) => i.handoff.id)).toEqual(['x']);
  });

  it('gives a consultant only the hand-offs naming them', () => {
    const visits = [
      visit({ handoffs: [handoff({ id: 'm', to: 'consultant', toPostKind: null, toPersonId: 'me' })] }),
      visit({ id: 'v2', handoffs: [handoff({ id: 'o', to: 'consultant', toPostKind: null, toPersonId: 'other' })] }),
    ];
    expect(incomingFor(visits, [], 'me', new Set()).map((i) => i.handoff.id)).toEqual(['m']);
  });
});

describe('hand-on rules', () => {
  it('knows each post’s stage and next steps', () => {
    expect(stageOfPost('MODEL')).toBe('model_room');
    expect(stageOfPost('BAR')).toBeNull();
    expect(handOnTargets('MODEL')).toEqual(['concierge', 'hall', 'departure']);
    // The show-area concierge holds guests at the model room's door, in and out.
    expect(stageOfPost('GUARD')).toBe('concierge');
    expect(handOnTargets('GUARD')).toEqual(['model_room', 'shuttle', 'departure']);
    expect(handOnTargets('SHUTTLE')).toContain('concierge');
    expect(handOnTargets('PARK')).toEqual([]);
  });

  it('sees guests on their way while a moving hand-off waits, not while a drink is ordered', () => {
    expect(pendingMove(visit({ handoffs: [handoff({ to: 'bar', toPostKind: 'BAR' })] }))).toBeNull();
    expect(pendingMove(visit({ handoffs: [handoff({ to: 'model_room', toPostKind: 'MODEL' })] }))?.to).toBe('model_room');
  });

  it('composes a plate from the picker and the keyboard', () => {
    expect(composePlate('浙', ' a1 23-45 ')).toBe('浙A12345');
  });
});
