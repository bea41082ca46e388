import { ROLE_GROUPS } from '@anchang/contracts';
/** The audit log is for the people who answer for the site. */
export const AUDIT_READERS = ROLE_GROUPS.auditReaders;
