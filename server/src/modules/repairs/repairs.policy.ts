import { ROLE_GROUPS } from '@anchang/contracts';
/** Who works on repairs: the technicians (staff on the TECH post) and their superiors. */
export const TECHNICIAN_ROLES = ROLE_GROUPS.technicians;
/** Who reports a broken thing while signed in (a client viewer looks, and reports through the asset's QR like any visitor). */
export const REPAIR_REPORTERS = ROLE_GROUPS.repairReporters;
/** Who may check a repair as fixed or send it back besides the reporter. */
export const REPAIR_VERIFIERS = ROLE_GROUPS.overseers;
