export { registerPeopleRoutes } from './people.routes.js';
export { maskPhone } from './mask.js';
export { personNamesOf } from './person-names.js';
export { requirePostDuty } from './post-duty.js';
export { isSiteMember, findPersonNames, findActiveCompanyAdminIds, personIdsOnPostKind, insertPerson } from './people.repository.js';
export { deleteAssignmentsOfPost, listActiveMembersOfSite, postIdsByPerson } from './people.repository.js';
export { listActiveMembersPage, listActivePeopleOnPostKind } from './people.repository.js';
export { findPersonLocales, postKindsOfPerson, siteOverseerIds, worksPostKind } from './people.repository.js';
export { findPersonById, findPersonByLogin, listPostIdsOfPerson, updatePasswordHash } from './people.repository.js';
