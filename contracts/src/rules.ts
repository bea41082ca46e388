/**
 * Rules the server enforces and the web app shows before sending: one definition for both.
 */
import type { PostKind, Role, ZoneKind } from './domain.js';

/** The groups of roles that decide each feature. The server's policies check these; the console
 *  menu and the phone (access.ts) offer a screen to the same groups, so the UI hides what they refuse. */
type RoleGroup =
  | 'siteManagers'
  | 'auditReaders'
  | 'overseers'
  | 'noticeSenders'
  | 'peopleReaders'
  | 'anomalyHandlers'
  | 'patrolPlanners'
  | 'stockKeepers'
  | 'customerDataKeepers'
  | 'technicians'
  | 'incidentDeciders'
  | 'incidentReporters'
  | 'repairReporters'
  | 'visitWriters'
  | 'visitClaimers'
  | 'figureReaders';
const managers: readonly Role[] = ['company_admin', 'site_manager'];
const overseers: readonly Role[] = ['company_admin', 'site_manager', 'supervisor'];
export const ROLE_GROUPS: Readonly<Record<RoleGroup, readonly Role[]>> = {
  /** Settings, zones, posts, people, standards, rosters. */
  siteManagers: managers,
  /** The audit log (and the overview's activity feed built on it). */
  auditReaders: managers,
  /** Rosters; the day board; the whole site's shifts, rounds, forms and equipment ledger. */
  overseers,
  /** Notices to the site's phones. */
  noticeSenders: overseers,
  /** Who works on the site. */
  peopleReaders: overseers,
  /** Anomalies of the whole site are reported to them and handled by them. */
  anomalyHandlers: overseers,
  /** Patrol routes, schedules and checkpoints. */
  patrolPlanners: overseers,
  /** Supplies: stock, movements, requisitions to issue; the model-room lists. */
  stockKeepers: overseers,
  /** Customers' personal data (lookup, export, erasure). */
  customerDataKeepers: managers,
  /** Repairs and equipment checks: the technicians (staff on the TECH post) and their superiors. */
  technicians: [...overseers, 'staff'],
  /** Who decides an incident (acknowledge, resolve). */
  incidentDeciders: [...overseers, 'sales_consultant'],
  /** Who reports an incident from the phone. */
  incidentReporters: [...overseers, 'staff', 'sales_consultant'],
  /** Who reports a broken thing from the phone. */
  repairReporters: [...overseers, 'staff', 'sales_consultant'],
  /** Who receives guests and records their visits. */
  visitWriters: [...overseers, 'staff', 'sales_consultant'],
  /** Who takes waiting guests as their own (HALL-IN-3's acceptance); the hall names one through a hand-off instead. */
  visitClaimers: ['sales_consultant'],
  /** A site's figures and visitor history: those who oversee it, and the developer client's viewer (甲方). */
  figureReaders: [...overseers, 'client_viewer'],
};

/**
 * Duties done on a post: the roles that may do them anywhere, and the posts whose holders do
 * them (the technician's daily equipment check, the model-room guide's check). The server
 * refuses anyone else with 403 NOT_ON_POST; the phone offers the entry by the same rule (access.ts).
 */
export interface PostDuty {
  roles: readonly Role[];
  posts: readonly PostKind[];
}
export const POST_DUTIES = {
  equipmentCheck: { roles: overseers, posts: ['TECH'] },
  // The guide at opening and closing (MODEL-IN-1, MODEL-POST-2); the concierge at the end of the day (GUARD-IN-10).
  modelRoomCheck: { roles: overseers, posts: ['MODEL', 'MODELSVC', 'GUARD'] },
  // The closing routine after the shift (GUARD-IN-11): model room water, power and CCTV off, each confirmed.
  modelRoomClosing: { roles: overseers, posts: ['GUARD'] },
  // 样板房客户反馈表 and 车场岗客户信息反馈表: filed by the post that met the customer, or a manager for them.
  modelRoomFeedback: { roles: overseers, posts: ['MODEL', 'MODELSVC'] },
  parkingFeedback: { roles: overseers, posts: ['PARK'] },
} as const satisfies Record<string, PostDuty>;

export const hasRole = (group: readonly Role[], role: Role | null | undefined): boolean => !!role && group.includes(role);

/** Zone kinds whose capacity must be given (hall seats, parking spaces). */
export const ZONE_CAPACITY_REQUIRED: readonly ZoneKind[] = ['SALES_HALL', 'CAR_PARK'];

/** Passwords: 8+ characters with a letter and a digit, what staff can remember and type on a phone. */
export const PASSWORD_MIN_LENGTH = 8;
export const isStrongPassword = (password: string): boolean =>
  password.length >= PASSWORD_MIN_LENGTH && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
