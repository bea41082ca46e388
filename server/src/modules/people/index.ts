export { registerPeopleRoutes } from './people.routes.js';
export { maskPhone } from './mask.js';
export { isSiteMember, findPersonNames } from './people.repository.js';
export { insertPerson } from './people.repository.js';
