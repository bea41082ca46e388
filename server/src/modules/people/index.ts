export { registerPeopleRoutes } from './people.routes.js';
export { maskPhone } from './mask.js';
export { isSiteMember, findPersonNames, personIdsOnPostKind } from './people.repository.js';
