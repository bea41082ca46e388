export { registerAssessmentRoutes } from './assessment.routes.js';
export { registerAssessmentTimers, scheduleAssessmentClose, closePreviousMonths, ASSESSMENT_CLOSE_KIND } from './assessment.jobs.js';
export { seedAssessmentDemoHistory } from './assessment.demo.js';
