import type { Role } from '@anchang/contracts';
/** The superiors every anomaly is reported to: they see all of a site's and handle them. */
export const ANOMALY_HANDLERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
