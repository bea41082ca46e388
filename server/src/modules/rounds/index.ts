export { registerRoundRoutes } from './rounds.routes.js';
export { addOneOffTask, createScheduleFor, planSiteDay, planTimerId, registerRoundTimers, slotTimerId } from './rounds.service.js';
export { slotsFor, recurrenceProblem, type PlannedSlot } from './rounds.planner.js';
export { hasActiveRoundAt, listSlotsOfWeather, listDecidedSlots } from './rounds.repository.js';
