import { ROLE_GROUPS } from '@anchang/contracts';
/** Who may change a site's settings, zones, posts and people. */
export const SITE_MANAGERS = ROLE_GROUPS.siteManagers;
