export { registerSiteRoutes } from './sites.routes.js';
export { SITE_MANAGERS } from './sites.policy.js';
export { DEFAULT_OPENING_HOURS, toSite } from './sites.service.js';
export { findSiteRow, listRetentionSettings, insertSiteRow } from './sites.repository.js';
export { assertTimeZone } from './sites.service.js';
export { listSiteClocks, listSiteHeaders, listSitesOfCompany } from './sites.repository.js';
