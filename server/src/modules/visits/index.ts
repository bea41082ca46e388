export type { GuestPresence } from './guest-presence.js';
export { registerVisitRoutes } from './visits.routes.js';
export { visitGuestPresence } from './visits.service.js';
export { findVisitRow as findVisitRecord, findVisitRows as findVisitRecords } from './visits.repository.js';
export { maskPlate } from './visits.rules.js';
export { registerCustomerRetention, scheduleCustomerRetention, purgeCustomerData } from './customer-retention.jobs.js';
export { listVisitsArrivedBetween, listHallVisits, openVisitsAmong, setVisitSeat } from './visits.repository.js';
export { listVisitsOfPeriod, listHandoffsOfPeriod } from './visits.repository.js';
export { stageDurations, type StageEntry } from './visits.rules.js';
export { visitServiceOf, type VisitServiceStep } from './visits.service.js';
export { checkPlate } from './plate.js';
export {
  registerVisitChainTimers,
  scheduleDayEndClose,
  scheduleDayEndCloses,
  rebookDayEnd,
  readChainSettings,
  dayEndTimerId,
  ringTimerId,
  escalateTimerId,
} from './handoff-limits.js';
export { handoffAckFigures, countVisitsClosedAtDayEnd } from './handoff-figures.js';
