export { registerShiftRoutes } from './shifts.routes.js';
export type { ShiftDeps } from './shifts.service.js';
export { findShiftRow, listShiftsOn, listResultsOfShifts, listShiftsOfPeriod, countChecklistResultsOfPeriod } from './shifts.repository.js';
export { isLate, SERVICE_POSTS } from './shift.rules.js';
export { isRosterEntryWorked, listDebriefAnswersOn, photosCitedByChecklists } from './shifts.repository.js';
