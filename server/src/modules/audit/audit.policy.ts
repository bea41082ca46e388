import type { Role } from '@anchang/contracts';
/** The audit log is for the people who answer for the site. */
export const AUDIT_READERS: readonly Role[] = ['company_admin', 'site_manager'];
