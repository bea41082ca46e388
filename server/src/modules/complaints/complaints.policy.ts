import { COMPLAINT_FILERS, COMPLAINT_HANDLERS, COMPLAINT_READERS } from '@anchang/contracts';
/** Read every complaint of the site (the others read what they filed or own). */
export const READERS = COMPLAINT_READERS;
/** Assign, follow up, close, reopen, set the deadlines. */
export const HANDLERS = COMPLAINT_HANDLERS;
export const FILERS = COMPLAINT_FILERS;
/** Who may own a complaint: someone who works on the site. */
export const OWNER_ROLES = ['site_manager', 'supervisor', 'staff'] as const;
/** Who sees the complainant's phone in full: those who may have to call them. */
export const PHONE_READERS = ['company_admin', 'site_manager', 'supervisor'] as const;
