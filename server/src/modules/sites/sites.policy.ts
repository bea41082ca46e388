import type { Role } from '@anchang/contracts';
/** Who may change a site's settings, zones, posts and people. */
export const SITE_MANAGERS: readonly Role[] = ['company_admin', 'site_manager'];
