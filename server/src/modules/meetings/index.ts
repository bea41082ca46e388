export { registerMeetingRoutes } from './meetings.routes.js';
export { ACTION_ITEM_OVERDUE_TIMER, meetingFiguresOfPeriod, registerMeetingTimers, type MeetingFiguresOfPeriod } from './meetings.service.js';
export { seedMeetingsDemoHistory } from './meetings.demo.js';
