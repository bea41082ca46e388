import type { Role } from '@anchang/contracts';
/** Supervisors see who works on the site; only managers change it. */
export const PEOPLE_READERS: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
