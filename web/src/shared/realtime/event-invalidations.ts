/**
 * Which cached queries a realtime event makes stale. Events carry ids only; we refetch. Each
 * feature declares its own rules next to its query keys (in its api file); this registry applies
 * every feature's rules for the event's type, plus the rules for keys no feature owns.
 *
 * The registry imports every feature's rules itself rather than each feature registering them
 * when its (lazy) page loads: an event must refresh a feature's cached queries whichever page
 * fetched them (a home card, or a page opened before and left). use-realtime.ts loads this file
 * beside the first screen, not in it.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { EventType, RealtimeEvent } from '@anchang/contracts';
import { queryKeys } from '../api/query-keys';
import { anomalyInvalidations } from '../../features/anomalies/anomalies-api';
import { assessmentInvalidations } from '../../features/assessment/assessment-api';
import { auditKeys } from '../../features/audit/audit-api';
import { checkpointInvalidations } from '../../features/checkpoints/checkpoints-api';
import { clientReportInvalidations } from '../../features/client-reports/client-reports-api';
import { complaintInvalidations } from '../../features/complaints/complaints-api';
import { feedbackInvalidations } from '../../features/customer-feedback/feedback-api';
import { dayBoardInvalidations } from '../../features/day-board/day-board-api';
import { formInvalidations } from '../../features/forms/forms-api';
import { handoverInvalidations } from '../../features/handovers/handovers-api';
import { incidentInvalidations } from '../../features/incidents/incidents-api';
import { inspectionInvalidations } from '../../features/inspections/inspections-api';
import { integrationInvalidations } from '../../features/integrations/integrations-api';
import { lostItemInvalidations } from '../../features/lost-found/lost-found-api';
import { meetingInvalidations } from '../../features/meetings/meetings-api';
import { modelRoomInvalidations } from '../../features/model-room-inventory/model-rooms-api';
import { noticeInvalidations } from '../../features/notices/notices-api';
import { patrolInvalidations } from '../../features/patrols/patrols-api';
import { peopleInvalidations } from '../../features/people/people-api';
import { postInvalidations } from '../../features/posts/posts-api';
import { questionInvalidations } from '../../features/questions/questions-api';
import { repairInvalidations } from '../../features/repairs/repairs-api';
import { rosterInvalidations } from '../../features/roster/roster-api';
import { roundInvalidations } from '../../features/rounds/rounds-api';
import { shiftInvalidations } from '../../features/shift/shift-api';
import { siteInvalidations } from '../../features/sites/sites-api';
import { standardInvalidations } from '../../features/standards/standards-api';
import { supplyInvalidations } from '../../features/supplies/supplies-api';
import { surveyInvalidations } from '../../features/surveys/surveys-api';
import { trainingInvalidations } from '../../features/training/training-api';
import { visitInvalidations } from '../../features/visits/visits-api';
import { zoneInvalidations } from '../../features/zones/zones-api';
import type { FeatureInvalidations, InvalidationContext, InvalidationRule, StaleQueries } from './invalidation-rules';

/** Keys of the whole session rather than of one feature. */
const sessionInvalidations: FeatureInvalidations = {
  // My roles or sites may have changed.
  'access.changed': () => [queryKeys.me, queryKeys.sites],
};

export const FEATURE_INVALIDATIONS: readonly FeatureInvalidations[] = [
  sessionInvalidations,
  anomalyInvalidations,
  assessmentInvalidations,
  checkpointInvalidations,
  clientReportInvalidations,
  complaintInvalidations,
  dayBoardInvalidations,
  feedbackInvalidations,
  formInvalidations,
  handoverInvalidations,
  incidentInvalidations,
  inspectionInvalidations,
  integrationInvalidations,
  lostItemInvalidations,
  meetingInvalidations,
  modelRoomInvalidations,
  noticeInvalidations,
  patrolInvalidations,
  peopleInvalidations,
  postInvalidations,
  questionInvalidations,
  repairInvalidations,
  rosterInvalidations,
  roundInvalidations,
  shiftInvalidations,
  siteInvalidations,
  standardInvalidations,
  supplyInvalidations,
  surveyInvalidations,
  trainingInvalidations,
  visitInvalidations,
  zoneInvalidations,
];

/** What the event makes stale: the site's audit log (every change writes an entry), then each feature's rules, each key once. */
export function staleQueriesFor(
  event: RealtimeEvent,
  myId: string | null,
  features: readonly FeatureInvalidations[] = FEATURE_INVALIDATIONS,
): StaleQueries[] {
  const ctx: InvalidationContext = { siteId: event.siteId, payload: event.payload, myId };
  const stale: StaleQueries[] = event.siteId ? [auditKeys.root(event.siteId)] : [];
  for (const feature of features) {
    // The map's type ties each rule to its own event type; this event's type is only known here at run time.
    const rule = feature[event.type] as InvalidationRule<EventType> | undefined;
    if (rule) stale.push(...rule(ctx));
  }
  // Invalidating a key twice would cancel its first refetch and start another.
  const seen = new Set<string>();
  return stale.filter((s) => {
    if (!isKey(s)) return true;
    const id = JSON.stringify(s);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function invalidateForEvent(queryClient: QueryClient, event: RealtimeEvent, myId: string | null): void {
  for (const stale of staleQueriesFor(event, myId)) {
    if (isKey(stale)) void queryClient.invalidateQueries({ queryKey: stale });
    else void queryClient.invalidateQueries({ predicate: (query) => stale.matches(query.queryKey) });
  }
}

const isKey = (stale: StaleQueries): stale is QueryKey => Array.isArray(stale);
