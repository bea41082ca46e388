export { registerShiftFormRoutes } from './shift-forms.routes.js';
export { listOpinionsOfPeriod } from './shift-forms.repository.js';
