export { registerPeopleRoutes } from './people.routes.js';
export { maskPhone } from './mask.js';
export { isSiteMember, findPersonNames, findActiveCompanyAdminIds } from './people.repository.js';
