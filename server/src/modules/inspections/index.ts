// replaced at merge by the inspections module's own file.
export { inspectionFiguresOfPeriod, type InspectionPeriodFigures } from './inspection-figures.js';
