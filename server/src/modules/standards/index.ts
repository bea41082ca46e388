export { registerStandardRoutes } from './standards.routes.js';
export { adoptLibraryInto, currentStandardRow, readStandardSettings, toPostStandard } from './standards.service.js';
export { findVersionById, findVersionsByIds, listCurrentVersions as listCurrentStandardRows } from './standards.repository.js';
export { greetingFor } from './standards.rules.js';
