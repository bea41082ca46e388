import { ROLE_GROUPS } from '@anchang/contracts';
/** The site's copy of the standards is the manager's to edit; everyone on the site reads it. */
export const STANDARD_EDITORS = ROLE_GROUPS.siteManagers;
