import type { Migration } from 'kysely';
import * as foundation from './2026-11-28-001-foundation.js';
import * as standardsShifts from './2026-11-28-002-standards-shifts.js';
import * as visits from './2026-11-28-003-visits.js';
import * as siteCare from './2026-11-28-004-site-care.js';
import * as hallBar from './2026-11-28-005-hall-bar.js';
import * as shuttleModelRoom from './2026-11-28-006-shuttle-model-room.js';
import * as checkpoints from './2026-11-28-007-checkpoints.js';
import * as patrols from './2026-11-28-008-patrols.js';
import * as rounds from './2026-11-28-009-rounds.js';
import * as equipmentRepairs from './2026-11-28-010-equipment-repairs.js';
import * as suppliesInventory from './2026-11-28-011-supplies-inventory.js';
import * as visitsParkedIndex from './2026-11-28-012-visits-parked-index.js';
import * as eventLog from './2026-12-03-105-event-log.js';
import * as timerFailures from './2026-12-03-130-timer-failures.js';
import * as customersPerSite from './2026-12-03-120-customers-per-site.js';
import * as customerRetention from './2026-12-03-121-customer-retention.js';
import * as loginThrottle from './2026-12-03-110-login-throttle.js';
import * as firstRun from './2026-12-03-111-first-run.js';
import * as auditCompanyIndex from './2026-12-03-112-audit-company-index.js';
import * as visitQuestions from './2026-12-03-160-visit-questions.js';
import * as patrolAllDay from './2026-12-03-140-patrol-all-day.js';
import * as meetings from './2026-12-04-220-meetings.js';
import * as inspections from './2026-12-04-230-inspections.js';
import * as training from './2026-12-04-210-training.js';
import * as assessment from './2026-12-04-240-assessment.js';
import * as clientReports from './2026-12-05-340-client-reports.js';
import * as figuresIndexes from './2026-12-05-330-figures-indexes.js';
import * as surveys from './2026-12-05-300-surveys.js';
import * as complaints from './2026-12-05-310-complaints.js';
import * as customerFeedback from './2026-12-05-320-customer-feedback.js';
import * as integrations from './2026-12-05-350-integrations.js';
import * as surveyComplaints from './2026-12-05-360-survey-complaints.js';
import * as listIndexes from './2026-12-06-600-list-indexes.js';
import * as consultantAway from './2026-12-07-500-consultant-away.js';
import * as handoffLimits from './2026-12-06-200-handoff-limits.js';
import * as shuttleCalls from './2026-12-06-100-shuttle-calls.js';
import * as handovers from './2026-12-06-300-handovers.js';
import * as modelRoomClosing from './2026-12-07-300-model-room-closing.js';
import * as lostItemPhoto from './2026-12-07-110-lost-item-photo.js';
import * as assignmentPostKind from './2026-12-08-100-assignment-post-kind.js';
import * as requisitionIssuedAt from './2026-12-08-110-requisition-issued-at.js';

/** Every migration, by date-prefixed name. Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-001-foundation': foundation,
  '2026-11-28-002-standards-shifts': standardsShifts,
  '2026-11-28-003-visits': visits,
  '2026-11-28-004-site-care': siteCare,
  '2026-11-28-005-hall-bar': hallBar,
  '2026-11-28-006-shuttle-model-room': shuttleModelRoom,
  '2026-11-28-007-checkpoints': checkpoints,
  '2026-11-28-008-patrols': patrols,
  '2026-11-28-009-rounds': rounds,
  '2026-11-28-010-equipment-repairs': equipmentRepairs,
  '2026-11-28-011-supplies-inventory': suppliesInventory,
  '2026-11-28-012-visits-parked-index': visitsParkedIndex,
  '2026-12-03-105-event-log': eventLog,
  '2026-12-03-130-timer-failures': timerFailures,
  '2026-12-03-120-customers-per-site': customersPerSite,
  '2026-12-03-121-customer-retention': customerRetention,
  '2026-12-03-110-login-throttle': loginThrottle,
  '2026-12-03-111-first-run': firstRun,
  '2026-12-03-112-audit-company-index': auditCompanyIndex,
  '2026-12-03-160-visit-questions': visitQuestions,
  '2026-12-03-140-patrol-all-day': patrolAllDay,
  '2026-12-04-220-meetings': meetings,
  '2026-12-04-230-inspections': inspections,
  '2026-12-04-210-training': training,
  '2026-12-04-240-assessment': assessment,
  '2026-12-05-340-client-reports': clientReports,
  '2026-12-05-330-figures-indexes': figuresIndexes,
  '2026-12-05-300-surveys': surveys,
  '2026-12-05-310-complaints': complaints,
  '2026-12-05-320-customer-feedback': customerFeedback,
  '2026-12-05-350-integrations': integrations,
  '2026-12-05-360-survey-complaints': surveyComplaints,
  '2026-12-06-600-list-indexes': listIndexes,
  '2026-12-07-500-consultant-away': consultantAway,
  '2026-12-06-200-handoff-limits': handoffLimits,
  '2026-12-06-100-shuttle-calls': shuttleCalls,
  '2026-12-06-300-handovers': handovers,
  '2026-12-07-300-model-room-closing': modelRoomClosing,
  '2026-12-07-110-lost-item-photo': lostItemPhoto,
  '2026-12-08-100-assignment-post-kind': assignmentPostKind,
  '2026-12-08-110-requisition-issued-at': requisitionIssuedAt,
};
