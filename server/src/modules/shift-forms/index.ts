export { registerShiftFormRoutes } from './shift-forms.routes.js';
export { listOpinionsOn } from './shift-forms.repository.js';
export { listOpinionsOfPeriod } from './shift-forms.repository.js';
// The store reads the approved requisitions and marks them issued.
export { findRequisitionRow, listApprovedRequisitionRows, markRequisitionIssued } from './shift-forms.repository.js';
