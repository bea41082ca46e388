export { registerShiftFormRoutes } from './shift-forms.routes.js';
