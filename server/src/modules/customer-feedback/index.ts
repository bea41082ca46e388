export { registerCustomerFeedbackRoutes } from './customer-feedback.routes.js';
export { feedbackFormFiguresOfPeriod, type FeedbackFormFigures, type TopicRatingFigures } from './feedback-figures.js';
export { buildDailyCustomerSummary, SUMMARY_SECTIONS, type SummaryDay, type SummarySectionBuilder } from './customer-summary.js';
export {
  registerCustomerSummaryTimers,
  scheduleDailyCustomerSummaries,
  scheduleDailyCustomerSummary,
  sendDailyCustomerSummary,
  dailySummaryTimerId,
  DAILY_SUMMARY_TIMER,
} from './customer-summary.jobs.js';
