import { ROLE_GROUPS } from '@anchang/contracts';
/** Who inspects posts (on the phone) and re-checks rectifications: the supervisors and managers. */
export const INSPECTORS = ROLE_GROUPS.overseers;
/** Who sets the rectification hours, the waiver and the daily plan. */
export const INSPECTION_PLANNERS = ROLE_GROUPS.siteManagers;
