import type { Role } from '@anchang/contracts';
/** The site's copy of the standards is the manager's to edit; everyone on the site reads it. */
export const STANDARD_EDITORS: readonly Role[] = ['company_admin', 'site_manager'];
