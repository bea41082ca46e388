import type { Role } from '@anchang/contracts';
import { ROLE_GROUPS } from '@anchang/contracts';
/** Who works on repairs: the technicians (staff on the TECH post) and their superiors. */
export const TECHNICIAN_ROLES: readonly Role[] = [...ROLE_GROUPS.overseers, 'staff'];
/** Who may check a repair as fixed or send it back besides the reporter. */
export const REPAIR_VERIFIERS = ROLE_GROUPS.overseers;
