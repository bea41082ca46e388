export { registerRoundRoutes } from './rounds.routes.js';
export { createScheduleFor } from './round-schedules.service.js';
export { addOneOffTask } from './round-slots.service.js';
export { planSiteDay, planTimerId, registerRoundTimers, slotTimerId } from './rounds.jobs.js';
export { slotsFor, recurrenceProblem, type PlannedSlot } from './rounds.planner.js';
export { hasActiveRoundAt, listSlotsOfWeather, listDecidedSlots } from './rounds.repository.js';
export { isCheckpointOnActiveRound, isCheckpointOnAnyRound } from './rounds.repository.js';
