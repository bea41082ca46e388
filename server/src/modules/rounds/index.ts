export { registerRoundRoutes } from './rounds.routes.js';
export { addOneOffTask, createScheduleFor, planSiteDay, planTimerId, registerRoundTimers, slotTimerId } from './rounds.service.js';
export { slotsFor, recurrenceProblem, type PlannedSlot } from './rounds.planner.js';
export { hasActiveRoundAt, listSlotsOfWeather, listDecidedSlotsOfPeriod } from './rounds.repository.js';
