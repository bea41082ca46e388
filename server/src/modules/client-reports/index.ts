export { registerClientReportRoutes } from './client-reports.routes.js';
export { registerClientReportTimers, scheduleClientReport, scheduleClientReports, CLIENT_REPORT_TIMER } from './client-reports.jobs.js';
