export { registerPeopleRoutes } from './people.routes.js';
export { maskPhone } from './mask.js';
