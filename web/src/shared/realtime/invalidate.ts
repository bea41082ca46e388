/** Which cached queries a realtime event makes stale. Events carry ids only; we refetch. */
import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEvent } from '@anchang/contracts';
import { queryKeys } from '../api/query-keys';

export function invalidateForEvent(queryClient: QueryClient, event: RealtimeEvent, myId: string | null): void {
  const siteId = event.siteId;
  const invalidate = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
  if (siteId) invalidate(queryKeys.auditRoot(siteId)); // every change writes an audit entry

  switch (event.type) {
    case 'zone.changed':
      if (siteId) invalidate(queryKeys.zones(siteId));
      break;
    case 'post.changed':
      if (siteId) invalidate(queryKeys.posts(siteId));
      invalidate(queryKeys.me); // me.sites[].posts carries post names
      break;
    case 'person.changed': {
      if (siteId) invalidate(queryKeys.people(siteId));
      const payload = event.payload as RealtimeEvent<'person.changed'>['payload'];
      if (payload.personId === myId) invalidate(queryKeys.me); // my role or posts changed
      if (siteId) {
        // Recording training announces itself as a person change; it clears roster conflicts too.
        invalidate(queryKeys.training(siteId, payload.personId));
        invalidate(queryKeys.rosterRoot(siteId));
      }
      break;
    }
    case 'site.changed':
      if (siteId) invalidate(queryKeys.site(siteId));
      invalidate(queryKeys.sites);
      invalidate(queryKeys.me); // site names and time zones live in me.sites
      break;
    case 'notification.created':
      // A notice to one person travels in their user room, where the event has no siteId.
      if (siteId) invalidate(queryKeys.notifications(siteId));
      else void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'site' && q.queryKey[2] === 'notifications' });
      break;
    case 'access.changed':
      invalidate(queryKeys.me); // my roles or sites may have changed
      invalidate(queryKeys.sites);
      break;
    case 'standard.changed':
      if (siteId) {
        invalidate(queryKeys.standards(siteId));
        invalidate(queryKeys.standardSettings(siteId));
      }
      break;
    case 'roster.changed':
      if (siteId) {
        invalidate(queryKeys.rosterRoot(siteId));
        invalidate(queryKeys.dayBoardRoot(siteId));
        invalidate(queryKeys.myDay(siteId));
      }
      break;
    case 'shift.changed':
      if (siteId) {
        invalidate(queryKeys.dayBoardRoot(siteId));
        const payload = event.payload as RealtimeEvent<'shift.changed'>['payload'];
        invalidate(queryKeys.shift(siteId, payload.shiftId));
        if (payload.personId === myId) invalidate(queryKeys.myDay(siteId)); // not every phone on every tick
      }
      break;
    case 'anomaly.created':
    case 'anomaly.updated':
      if (siteId) {
        invalidate(queryKeys.anomaliesRoot(siteId));
        invalidate(queryKeys.dayBoardRoot(siteId));
        invalidate(queryKeys.shiftRoot(siteId));
      }
      break;
    case 'requisition.changed':
      if (siteId) {
        invalidate(queryKeys.requisitionsRoot(siteId));
        invalidate(['site', siteId, 'supplies']); // approved ones wait to be issued from a store
      }
      break;
    case 'inspection.submitted':
    case 'rectification.changed':
      if (siteId) invalidate(['site', siteId, 'inspections']);
      break;
    case 'opinion.created':
      if (siteId) {
        invalidate(queryKeys.opinionsRoot(siteId));
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
        invalidate(queryKeys.visitsRoot(siteId));
        invalidate(queryKeys.visitorCounts(siteId));
        invalidate(queryKeys.shiftRoot(siteId)); // guests on site, for the clock-out guard
      }
      break;
    // A hand-off nobody took (the supervisor's alert) and the day's unclosed visits closed at day end.
    case 'visit.handoff_unanswered':
    case 'visits.day_end_closed':
      if (siteId) {
        invalidate(queryKeys.visitsRoot(siteId));
        invalidate(queryKeys.dayBoardRoot(siteId));
        invalidate(queryKeys.shiftRoot(siteId));
      }
      break;
    case 'lost_item.changed':
      if (siteId) invalidate(queryKeys.lostItems(siteId));
      break;
    case 'incident.created':
    case 'incident.updated':
      if (siteId) invalidate(queryKeys.incidents(siteId));
      break;
    case 'hall.changed':
      if (siteId) invalidate(queryKeys.hall(siteId));
      break;
    case 'drink.changed':
      if (siteId) invalidate(queryKeys.barQueue(siteId));
      break;
    case 'shuttle.changed':
      if (siteId) invalidate(queryKeys.shuttleTrips(siteId));
      if (siteId) invalidate(['site', siteId, 'shuttle-calls']); // a trip may answer a call
      break;
    case 'shuttle.called':
    case 'shuttle.call_changed':
    case 'shuttle.call_overdue':
      if (siteId) invalidate(['site', siteId, 'shuttle-calls']); // shuttleKeys.openCalls
      break;
    case 'visit.interest':
      if (siteId) invalidate(queryKeys.visitsRoot(siteId));
      break;
    case 'question.asked':
    case 'question.answered':
      if (siteId) invalidate(['site', siteId, 'questions']); // questionKeys.root
      break;
    case 'round.changed':
    case 'round.slot_missed':
      if (siteId) invalidate(['site', siteId, 'rounds']);
      break;
    case 'weather.changed':
      if (siteId) {
        invalidate(['site', siteId, 'weather']);
        invalidate(['site', siteId, 'rounds']); // a declaration adds tasks to the posts' days
      }
      break;
    case 'checkpoint.scanned':
      if (siteId) {
        invalidate(['site', siteId, 'checkpoints']); // last scan times
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
        invalidate(['site', siteId, 'equipment']); // open work orders per asset
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
      break; // a prompt to the hall's phones, shown where it arrives; nothing cached changes
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
