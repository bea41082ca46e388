import { describe, expect, it } from 'vitest';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { EventType, RealtimeEvent } from '@anchang/contracts';
import { invalidateForEvent, staleQueriesFor } from './event-invalidations';

/** Every event type of the contracts: a type added there and missing here fails to compile. */
const EVENT_TYPES = Object.keys({
  'zone.changed': true,
  'post.changed': true,
  'person.changed': true,
  'site.changed': true,
  'notification.created': true,
  'access.changed': true,
  'standard.changed': true,
  'roster.changed': true,
  'shift.changed': true,
  'anomaly.created': true,
  'anomaly.updated': true,
  'requisition.changed': true,
  'opinion.created': true,
  'feedback_form.created': true,
  'visit.arrived': true,
  'visit.handoff': true,
  'visit.handoff_unanswered': true,
  'visits.day_end_closed': true,
  'visit.acked': true,
  'visit.closed': true,
  'carpark.full': true,
  'lost_item.changed': true,
  'incident.created': true,
  'incident.updated': true,
  'hall.changed': true,
  'drink.changed': true,
  'drink.refill_prompt': true,
  'shuttle.changed': true,
  'shuttle.called': true,
  'shuttle.call_changed': true,
  'shuttle.call_overdue': true,
  'visit.interest': true,
  'checkpoint.scanned': true,
  'patrol.round_changed': true,
  'asset.changed': true,
  'work_order.changed': true,
  'work_order.escalated': true,
  'round.changed': true,
  'round.slot_missed': true,
  'weather.changed': true,
  'supplies.changed': true,
  'supplies.low_stock': true,
  'question.asked': true,
  'question.answered': true,
  'model_room.checked': true,
  'model_room.closing_confirmed': true,
  'meeting.changed': true,
  'channel.changed': true,
  'delivery.changed': true,
  'action_item.changed': true,
  'inspection.submitted': true,
  'rectification.changed': true,
  'training.changed': true,
  'fact_sheet.published': true,
  'assessment.changed': true,
  'assessment.recommendation': true,
  'survey.answered': true,
  'complaint.changed': true,
  'client_report.changed': true,
  'handover.changed': true,
} satisfies Record<EventType, true>) as EventType[];

type Invalidate = (filters: { queryKey?: QueryKey; predicate?: (query: { queryKey: QueryKey }) => boolean }) => void;

/**
 * The central switch this registry replaced, kept as the reference: every feature's rules together
 * must make exactly these keys stale. Its keys are spelled out, so a changed key value fails too.
 */
function referenceSwitch(invalidateQueries: Invalidate, event: RealtimeEvent, myId: string | null): void {
  const siteId = event.siteId;
  const invalidate = (queryKey: QueryKey) => invalidateQueries({ queryKey });
  if (siteId) invalidate(['site', siteId, 'audit']);
  switch (event.type) {
    case 'zone.changed':
      if (siteId) invalidate(['site', siteId, 'zones']);
      break;
    case 'post.changed':
      if (siteId) invalidate(['site', siteId, 'posts']);
      invalidate(['me']);
      break;
    case 'person.changed': {
      if (siteId) invalidate(['site', siteId, 'people']);
      const payload = event.payload as RealtimeEvent<'person.changed'>['payload'];
      if (payload.personId === myId) invalidate(['me']);
      if (siteId) {
        invalidate(['site', siteId, 'training', payload.personId]);
        invalidate(['site', siteId, 'roster']);
      }
      break;
    }
    case 'site.changed':
      if (siteId) invalidate(['site', siteId, 'detail']);
      invalidate(['sites']);
      invalidate(['me']);
      break;
    case 'notification.created':
      if (siteId) invalidate(['site', siteId, 'notifications']);
      else invalidateQueries({ predicate: (q) => q.queryKey[0] === 'site' && q.queryKey[2] === 'notifications' });
      break;
    case 'access.changed':
      invalidate(['me']);
      invalidate(['sites']);
      break;
    case 'standard.changed':
      if (siteId) {
        invalidate(['site', siteId, 'standards']);
        invalidate(['site', siteId, 'standard-settings']);
      }
      break;
    case 'roster.changed':
      if (siteId) {
        invalidate(['site', siteId, 'roster']);
        invalidate(['site', siteId, 'day-board']);
        invalidate(['site', siteId, 'my-day']);
      }
      break;
    case 'shift.changed':
      if (siteId) {
        invalidate(['site', siteId, 'day-board']);
        const payload = event.payload as RealtimeEvent<'shift.changed'>['payload'];
        invalidate(['site', siteId, 'shift', payload.shiftId]);
        if (payload.personId === myId) invalidate(['site', siteId, 'my-day']);
      }
      break;
    case 'anomaly.created':
    case 'anomaly.updated':
      if (siteId) {
        invalidate(['site', siteId, 'anomalies']);
        invalidate(['site', siteId, 'day-board']);
        invalidate(['site', siteId, 'shift']);
      }
      break;
    case 'requisition.changed':
      if (siteId) {
        invalidate(['site', siteId, 'requisitions']);
        invalidate(['site', siteId, 'supplies']);
      }
      break;
    case 'inspection.submitted':
    case 'rectification.changed':
      if (siteId) invalidate(['site', siteId, 'inspections']);
      break;
    case 'opinion.created':
      if (siteId) {
        invalidate(['site', siteId, 'opinions']);
        invalidate(['site', siteId, 'customer-summary']);
      }
      break;
    case 'feedback_form.created':
      if (siteId) {
        invalidate(['site', siteId, 'feedback-forms']);
        invalidate(['site', siteId, 'customer-summary']);
      }
      break;
    case 'visit.arrived':
    case 'visit.handoff':
    case 'visit.acked':
    case 'visit.closed':
    case 'carpark.full':
      if (siteId) {
        invalidate(['site', siteId, 'visits']);
        invalidate(['site', siteId, 'visitor-counts']);
        invalidate(['site', siteId, 'shift']);
      }
      break;
    case 'visit.handoff_unanswered':
    case 'visits.day_end_closed':
      if (siteId) {
        invalidate(['site', siteId, 'visits']);
        invalidate(['site', siteId, 'day-board']);
        invalidate(['site', siteId, 'shift']);
      }
      break;
    case 'lost_item.changed':
      if (siteId) invalidate(['site', siteId, 'lost-items']);
      break;
    case 'incident.created':
    case 'incident.updated':
      if (siteId) invalidate(['site', siteId, 'incidents']);
      break;
    case 'hall.changed':
      if (siteId) invalidate(['site', siteId, 'hall']);
      break;
    case 'drink.changed':
      if (siteId) invalidate(['site', siteId, 'bar-queue']);
      break;
    case 'shuttle.changed':
      if (siteId) invalidate(['site', siteId, 'shuttle-trips']);
      if (siteId) invalidate(['site', siteId, 'shuttle-calls']);
      break;
    case 'shuttle.called':
    case 'shuttle.call_changed':
    case 'shuttle.call_overdue':
      if (siteId) invalidate(['site', siteId, 'shuttle-calls']);
      break;
    case 'visit.interest':
      if (siteId) invalidate(['site', siteId, 'visits']);
      break;
    case 'question.asked':
    case 'question.answered':
      if (siteId) invalidate(['site', siteId, 'questions']);
      break;
    case 'round.changed':
    case 'round.slot_missed':
      if (siteId) invalidate(['site', siteId, 'rounds']);
      break;
    case 'weather.changed':
      if (siteId) {
        invalidate(['site', siteId, 'weather']);
        invalidate(['site', siteId, 'rounds']);
      }
      break;
    case 'checkpoint.scanned':
      if (siteId) {
        invalidate(['site', siteId, 'checkpoints']);
        invalidate(['site', siteId, 'patrols']);
      }
      break;
    case 'patrol.round_changed':
      if (siteId) invalidate(['site', siteId, 'patrols']);
      break;
    case 'supplies.changed':
    case 'supplies.low_stock':
      if (siteId) invalidate(['site', siteId, 'supplies']);
      break;
    case 'model_room.checked':
    case 'model_room.closing_confirmed':
      if (siteId) invalidate(['site', siteId, 'model-rooms']);
      break;
    case 'asset.changed':
      if (siteId) invalidate(['site', siteId, 'equipment']);
      break;
    case 'work_order.changed':
    case 'work_order.escalated':
      if (siteId) {
        invalidate(['site', siteId, 'work-orders']);
        invalidate(['site', siteId, 'equipment']);
      }
      break;
    case 'meeting.changed':
    case 'action_item.changed':
      if (siteId) {
        invalidate(['site', siteId, 'meetings']);
        invalidate(['site', siteId, 'action-items']);
      }
      break;
    case 'assessment.changed':
    case 'assessment.recommendation':
      if (siteId) invalidate(['site', siteId, 'assessment']);
      break;
    case 'drink.refill_prompt':
      break;
    case 'training.changed':
      if (siteId) invalidate(['site', siteId, 'training']);
      break;
    case 'fact_sheet.published':
      if (siteId) invalidate(['site', siteId, 'fact-sheet']);
      break;
    case 'survey.answered':
      if (siteId) invalidate(['site', siteId, 'surveys']);
      break;
    case 'complaint.changed':
      if (siteId) invalidate(['site', siteId, 'complaints']);
      break;
    case 'channel.changed':
      if (siteId) invalidate(['site', siteId, 'channels']);
      break;
    case 'delivery.changed':
      if (siteId) invalidate(['site', siteId, 'deliveries']);
      break;
    case 'client_report.changed':
      if (siteId) invalidate(['site', siteId, 'client-reports']);
      break;
    case 'handover.changed':
      if (siteId) invalidate(['site', siteId, 'handovers']);
      break;
  }
}

/** Keys a key-less rule (a predicate) is tried on: the predicate's answer is recorded as the keys it matches. */
const SAMPLE_KEYS: QueryKey[] = [
  ['me'],
  ['sites'],
  ['site', 's1', 'notifications'],
  ['site', 's2', 'notifications'],
  ['site', 's1', 'zones'],
  ['company-audit', ''],
];

/** What one way of invalidating asks the query client for, in a comparable form. */
function recorded(run: (invalidateQueries: Invalidate) => void): string[] {
  const calls: string[] = [];
  run(({ queryKey, predicate }) => {
    if (queryKey) calls.push(JSON.stringify(queryKey));
    if (predicate) calls.push(`matching ${JSON.stringify(SAMPLE_KEYS.filter((queryKey) => predicate({ queryKey })))}`);
  });
  return calls.sort();
}

function recordingClient(invalidateQueries: Invalidate): QueryClient {
  return {
    invalidateQueries: (filters: Parameters<Invalidate>[0]) => {
      invalidateQueries(filters);
      return Promise.resolve();
    },
  } as unknown as QueryClient;
}

/** One payload that has every field a rule reads, whatever the type: the rules read ids only. */
const event = (type: EventType, siteId: string | null, personId: string): RealtimeEvent => ({
  type,
  room: siteId ? `site:${siteId}` : 'user:p-me',
  siteId,
  payload: { personId, shiftId: 'shift-1', postId: 'post-1' },
  at: 0,
  seq: 1,
});

describe('invalidateForEvent (the features’ rules, gathered)', () => {
  const cases = EVENT_TYPES.flatMap((type) =>
    [
      { siteId: 's1', personId: 'p-me', myId: 'p-me' },
      { siteId: 's1', personId: 'p-other', myId: 'p-me' },
      { siteId: 's1', personId: 'p-other', myId: null },
      { siteId: null, personId: 'p-me', myId: 'p-me' },
      { siteId: null, personId: 'p-other', myId: 'p-me' },
    ].map((c) => ({ type, ...c })),
  );

  it.each(cases)('$type (site $siteId, about $personId, signed in as $myId): the same keys as the old switch', ({ type, siteId, personId, myId }) => {
    const e = event(type, siteId, personId);
    const expected = recorded((invalidate) => referenceSwitch(invalidate, e, myId));
    const actual = recorded((invalidate) => invalidateForEvent(recordingClient(invalidate), e, myId));
    expect(actual).toEqual(expected);
  });

  it('covers every event type of the contracts', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    // Each site event at least refreshes the site's audit log.
    for (const type of EVENT_TYPES) expect(staleQueriesFor(event(type, 's1', 'p'), null)).toContainEqual(['site', 's1', 'audit']);
  });

  it('marks the matching cached queries stale, and those of other sites and features not', () => {
    const queryClient = new QueryClient();
    const keys: QueryKey[] = [
      ['site', 's1', 'zones'],
      ['site', 's1', 'zones', 'extra'],
      ['site', 's2', 'zones'],
      ['site', 's1', 'posts'],
      ['site', 's1', 'audit', ''],
      ['site', 's1', 'notifications'],
      ['site', 's2', 'notifications'],
      ['me'],
    ];
    for (const key of keys) queryClient.setQueryData(key, 1);
    const stale = () =>
      queryClient
        .getQueryCache()
        .findAll()
        .filter((q) => q.state.isInvalidated)
        .map((q) => JSON.stringify(q.queryKey))
        .sort();

    invalidateForEvent(queryClient, event('zone.changed', 's1', 'p'), null);
    expect(stale()).toEqual(['["site","s1","audit",""]', '["site","s1","zones","extra"]', '["site","s1","zones"]']);

    // A notice in a person's own room (no site) reaches their notices on every site.
    invalidateForEvent(queryClient, event('notification.created', null, 'p'), null);
    expect(stale()).toContain('["site","s2","notifications"]');
    expect(stale()).toContain('["site","s1","notifications"]');
    expect(stale()).not.toContain('["site","s1","posts"]');
    expect(stale()).not.toContain('["me"]');
  });
});
