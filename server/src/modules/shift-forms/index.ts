export { registerShiftFormRoutes } from './shift-forms.routes.js';
export { listOpinionsOn } from './shift-forms.repository.js';
export { listOpinionsOfPeriod } from './shift-forms.repository.js';
