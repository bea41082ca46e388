import { ROLE_GROUPS } from '@anchang/contracts';
/** Who lays out routes and schedules: the site's managers and supervisors. */
export const PATROL_PLANNERS = ROLE_GROUPS.patrolPlanners;
