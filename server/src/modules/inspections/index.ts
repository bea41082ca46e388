export { registerInspectionRoutes } from './inspections.routes.js';
export { registerInspectionTimers, RECTIFICATION_OVERDUE_TIMER, readInspectionSettings } from './inspections.service.js';
export { inspectionFiguresOfPeriod, type InspectionPeriodFigures } from './inspection-figures.js';
export { seedInspectionsDemoHistory } from './inspections.demo.js';
export { countInspectionsOfPeriod } from './inspections.repository.js';
