export { registerComplaintRoutes } from './complaints.routes.js';
export {
  registerComplaintTimers,
  COMPLAINT_DEADLINE_TIMER,
  fileComplaint,
  readComplaintSettings,
  type FileComplaintInput,
} from './complaints.service.js';
export { complaintFiguresOfPeriod, complaintsOfDay, type ComplaintDay } from './complaint-figures.js';
export { seedComplaintsDemoHistory } from './complaints.demo.js';
