import { describe, expect, it } from 'vitest';
import type { Handoff, ShuttleTrip, Visit } from '@anchang/contracts';
import {
  arrivalHandoffs,
  arrivalTarget,
  elapsedText,
  guestsOf,
  itemsCheckProblem,
  suggestedDestination,
  tripLogView,
  tripsSince,
  waitingForShuttle,
} from './shuttle-rules';

const handoff = (over: Partial<Handoff>): Handoff => ({
  id: 'h1',
  to: 'shuttle',
  toPostKind: 'SHUTTLE',
  toPersonId: null,
  fromStage: 'hall',
  sentBy: 'p1',
  sentByName: '王晓婷',
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
  plateMasked: null,
  isNewEnergy: false,
  customer: null,
  consultantId: null,
  consultantName: null,
  stage: 'hall',
  status: 'open',
  arrivedAt: 500,
  closedAt: null,
  closedReason: null,
  hasVehicleCheck: false,
  stageDurations: {},
  handoffs: [],
  ...over,
});
const trip = (over: Partial<ShuttleTrip>): ShuttleTrip => ({
  id: 't1',
  siteId: 's1',
  vehicle: '1 号车',
  driverId: 'd1',
  driverName: '赵强',
  destination: 'model_room',
  visitIds: [],
  guests: 0,
  status: 'arrived',
  departedAt: 2000,
  arrivedAt: 2500,
  itemsLeft: false,
  itemsNote: null,
  ...over,
});

describe('waitingForShuttle', () => {
  const handedToShuttle = visit({ id: 'a', handoffs: [handoff({ id: 'ha', sentAt: 1500 })] });
  const onShuttleStage = visit({ id: 'b', stage: 'shuttle', handoffs: [handoff({ id: 'hb', ackedAt: 1200, ackedBy: 'd1' })] });
  const backToHall = visit({
    id: 'c',
    stage: 'model_room',
    handoffs: [handoff({ id: 'hc', to: 'hall', toPostKind: 'HALL', fromStage: 'model_room', sentAt: 3000 })],
  });
  const inHall = visit({ id: 'd' });
  const closed = visit({ id: 'e', status: 'closed', stage: 'shuttle' });

  it('offers visits handed to the shuttle or sent back to the hall, oldest first, and nobody else', () => {
    const waiting = waitingForShuttle([handedToShuttle, onShuttleStage, backToHall, inHall, closed], [], new Set());
    expect(waiting.map((w) => [w.visit.id, w.destination, w.toAcknowledge?.id ?? null])).toEqual([
      ['b', 'model_room', null],
      ['a', 'model_room', 'ha'],
      ['c', 'hall', null],
    ]);
  });

  it('leaves out visits on a trip en route, or carried since they began waiting', () => {
    const trips = [trip({ id: 't1', status: 'en_route', visitIds: ['a'] }), trip({ id: 't2', departedAt: 3500, visitIds: ['c'] })];
    expect(waitingForShuttle([handedToShuttle, backToHall, onShuttleStage], trips, new Set()).map((w) => w.visit.id)).toEqual(['b']);
    // A trip that left before the model room sent them back does not count.
    expect(waitingForShuttle([backToHall], [trip({ departedAt: 2000, visitIds: ['c'] })], new Set()).map((w) => w.visit.id)).toEqual(['c']);
  });

  it('does not ask to acknowledge a hand-off this phone already took', () => {
    expect(waitingForShuttle([handedToShuttle], [], new Set(['ha']))[0]!.toAcknowledge).toBeNull();
    expect(waitingForShuttle([handedToShuttle], [], new Set(['ha']))[0]!.fromName).toBe('王晓婷');
  });
});

describe('the trip', () => {
  const w = (id: string, partySize: number, destination: ShuttleTrip['destination']) => ({
    visit: visit({ id, partySize }),
    toAcknowledge: null,
    destination,
    since: 0,
    fromName: null,
  });

  it('counts the guests and suggests where most of them go', () => {
    expect(guestsOf([w('a', 3, 'model_room'), w('b', 2, 'hall')])).toBe(5);
    expect(suggestedDestination([w('a', 3, 'hall'), w('b', 2, 'hall'), w('c', 1, 'model_room')])).toBe('hall');
    expect(suggestedDestination([w('a', 3, 'hall'), w('b', 2, 'model_room')])).toBe('model_room');
  });

  it('hands arriving guests to the destination, except those a hand-off there already waits for', () => {
    const out = visit({ id: 'a', stage: 'shuttle' });
    const back = visit({ id: 'b', stage: 'model_room', handoffs: [handoff({ to: 'hall', toPostKind: 'HALL', fromStage: 'model_room' })] });
    const gone = visit({ id: 'c', status: 'closed' });
    expect(arrivalHandoffs({ destination: 'model_room', visitIds: ['a', 'c'] }, [out, gone])).toEqual(['a']);
    expect(arrivalHandoffs({ destination: 'hall', visitIds: ['a', 'b'] }, [out, back])).toEqual(['a']);
  });

  it('hands guests arriving at the model room to the concierge where the site has one', () => {
    expect(arrivalTarget('model_room', true)).toBe('concierge');
    expect(arrivalTarget('model_room', false)).toBe('model_room');
    expect(arrivalTarget('hall', true)).toBe('hall');
    // Guests the concierge handed to the shuttle on their way out ride back to the hall.
    const leaving = visit({ id: 'd', stage: 'concierge', handoffs: [handoff({ to: 'shuttle', toPostKind: 'SHUTTLE', fromStage: 'concierge' })] });
    expect(waitingForShuttle([leaving], [], new Set()).map((x) => x.destination)).toEqual(['hall']);
  });

  it('needs an answer to the items-left check, and a note when something was left', () => {
    expect(itemsCheckProblem(null, '')).toBe('answer');
    expect(itemsCheckProblem(true, '  ')).toBe('note');
    expect(itemsCheckProblem(true, '一把雨伞')).toBeNull();
    expect(itemsCheckProblem(false, '')).toBeNull();
  });

  it("keeps today's trips and shows the time on the road", () => {
    expect(tripsSince([trip({ id: 'x', departedAt: 5000 }), trip({ id: 'y', departedAt: 100 })], 1000).map((t) => t.id)).toEqual(['x']);
    expect(elapsedText(65_000)).toBe('1:05');
    expect(elapsedText(3_723_000)).toBe('1:02:03');
    expect(elapsedText(-5)).toBe('0:00');
  });

  it('lists the trips made on this phone even when the log could not load (a reload without signal)', () => {
    const offline = { isError: true, hasData: false, isLoading: false };
    expect(tripLogView(offline, 1)).toBe('trips');
    expect(tripLogView(offline, 0)).toBe('error');
    expect(tripLogView({ isError: false, hasData: false, isLoading: true }, 0)).toBe('loading');
    expect(tripLogView({ isError: false, hasData: true, isLoading: false }, 0)).toBe('empty');
    // A failed refetch keeps the trips already loaded.
    expect(tripLogView({ isError: true, hasData: true, isLoading: false }, 0)).toBe('empty');
  });
});
