/**
 * What each role is offered, described once for the server's policies, the console menu, the phone's
 * tab bar and home, and the test that walks them: an entry names the roles (and, on the phone, the
 * posts) it is offered to and the API reads its screen makes, so the menu can be checked against
 * what the server answers instead of being kept in step by hand.
 */
import type { PostKind, Role } from './domain.js';
import { POST_DUTIES, ROLE_GROUPS } from './rules.js';
import { ACTION_ITEM_OWNERS } from './meetings.js';
import { COMPLAINT_FILERS, COMPLAINT_READERS } from './complaints.js';

/** One read a screen makes when it opens: a GET under `/api`, `:siteId` standing for the site and `:companyId` for the reader's company. */
export interface ScreenRead {
  path: string;
  /** `:today` (YYYY-MM-DD) and `:month` (YYYY-MM) stand for the site's current day and month. */
  query?: Readonly<Record<string, string>>;
  /** Made only for these roles (a part of the screen the others are not shown). */
  roles?: readonly Role[];
}

/** The console menu's groups, in the order they are shown. */
export const CONSOLE_SECTIONS = ['live', 'operations', 'supplies', 'people', 'settings'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

export type ConsoleMenuKey =
  | 'overview'
  | 'site-board'
  | 'day-board'
  | 'anomalies'
  | 'incidents'
  | 'lost-found'
  | 'handovers'
  | 'rounds'
  | 'patrols'
  | 'checkpoints'
  | 'repairs'
  | 'opinions'
  | 'customers'
  | 'supplies'
  | 'requisitions'
  | 'equipment'
  | 'model-rooms'
  | 'roster'
  | 'people'
  | 'notices'
  | 'standards'
  | 'zones'
  | 'posts'
  | 'settings'
  | 'audit'
  | 'meetings'
  | 'inspections'
  // training (issue 12)
  | 'training'
  | 'fact-sheet'
  | 'assessment'
  | 'assessment-scheme'
  | 'assessment-recommendations'
  | 'client-reports'
  // figures (issue 13)
  | 'visitor-history'
  | 'company-dashboard'
  // satisfaction surveys (issue 13)
  | 'satisfaction'
  | 'complaints'
  // customer feedback (issue 13)
  | 'feedback-forms'
  | 'customer-summary'
  // notifications where managers are (issue 13)
  | 'channels';

export interface ConsoleMenuEntry {
  /** The route under `/sites/:siteId/`. */
  key: ConsoleMenuKey;
  section: ConsoleSection;
  roles: readonly Role[];
  reads: readonly ScreenRead[];
}

const site = (path = ''): ScreenRead => ({ path: `/sites/:siteId${path}` });
const siteQuery = (path: string, query: Record<string, string>): ScreenRead => ({ path: `/sites/:siteId${path}`, query });

/** The console is for those who look after a site; front-line staff and consultants work on the phone. */
export const CONSOLE_ROLES: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'client_viewer'];

/** Every console page, in menu order. A page's reads are what it loads for the role it is offered to. */
export const CONSOLE_MENU: readonly ConsoleMenuEntry[] = [
  {
    key: 'overview',
    section: 'live',
    roles: CONSOLE_ROLES,
    reads: [
      site(),
      site('/zones'),
      site('/posts'),
      site('/incidents'),
      { ...site('/people'), roles: ROLE_GROUPS.peopleReaders },
      { ...site('/audit'), roles: ROLE_GROUPS.auditReaders },
    ],
  },
  {
    key: 'site-board',
    section: 'live',
    roles: CONSOLE_ROLES,
    reads: [site('/hall'), site('/visits'), site('/visitor-counts'), site('/incidents'), siteQuery('/shuttle/calls', { status: 'open' })],
  },
  { key: 'day-board', section: 'live', roles: ROLE_GROUPS.overseers, reads: [site('/day-board')] },
  { key: 'anomalies', section: 'live', roles: ROLE_GROUPS.anomalyHandlers, reads: [site('/anomalies'), site('/people')] },
  { key: 'incidents', section: 'live', roles: CONSOLE_ROLES, reads: [site('/incidents')] },
  { key: 'lost-found', section: 'live', roles: CONSOLE_ROLES, reads: [site('/lost-items')] },
  // The night-shift handovers of a day (交接班), and the site's handover settings.
  {
    key: 'handovers',
    section: 'live',
    roles: ROLE_GROUPS.overseers,
    reads: [siteQuery('/handovers', { date: ':today' }), site('/handover-settings')],
  },
  { key: 'rounds', section: 'operations', roles: CONSOLE_ROLES, reads: [siteQuery('/rounds/day', { scope: 'all' })] },
  {
    key: 'patrols',
    section: 'operations',
    roles: ROLE_GROUPS.patrolPlanners,
    reads: [site('/patrol-routes'), site('/patrol-schedules'), site('/patrol-rounds'), site('/checkpoints')],
  },
  { key: 'checkpoints', section: 'operations', roles: ROLE_GROUPS.patrolPlanners, reads: [site('/checkpoints'), site('/zones')] },
  {
    key: 'repairs',
    section: 'operations',
    roles: CONSOLE_ROLES,
    reads: [
      site('/work-orders'),
      { ...siteQuery('/work-orders/stats', { month: ':month' }), roles: ROLE_GROUPS.overseers },
      site('/assets'),
      site('/zones'),
    ],
  },
  // Satisfaction by QR (满意度): the client's viewer reads the figures only; the overseers the answers and the posters.
  {
    key: 'satisfaction',
    section: 'operations',
    roles: CONSOLE_ROLES,
    reads: [
      siteQuery('/survey-summary', { from: ':today', to: ':today' }),
      { ...site('/survey-answers'), roles: ROLE_GROUPS.overseers },
      { ...site('/survey-posters'), roles: ROLE_GROUPS.overseers },
    ],
  },
  { key: 'opinions', section: 'operations', roles: ROLE_GROUPS.overseers, reads: [siteQuery('/opinions/daily', { date: ':today' })] },
  // The two feedback forms (样板房客户反馈表, 车场岗客户信息反馈表) and the day's customer summary.
  { key: 'feedback-forms', section: 'operations', roles: ROLE_GROUPS.overseers, reads: [site('/feedback-forms'), site('/posts')] },
  { key: 'customer-summary', section: 'operations', roles: ROLE_GROUPS.overseers, reads: [siteQuery('/customer-summary', { date: ':today' })] },
  { key: 'customers', section: 'operations', roles: ROLE_GROUPS.customerDataKeepers, reads: [site('/customers')] },
  {
    key: 'supplies',
    section: 'supplies',
    roles: ROLE_GROUPS.stockKeepers,
    reads: [site('/supplies/stock'), site('/supplies/stores'), site('/supplies/movements')],
  },
  { key: 'requisitions', section: 'supplies', roles: ROLE_GROUPS.overseers, reads: [site('/requisitions'), site('/supplies/requisitions')] },
  { key: 'equipment', section: 'supplies', roles: CONSOLE_ROLES, reads: [site('/assets'), site('/maintenance'), site('/zones')] },
  { key: 'model-rooms', section: 'supplies', roles: CONSOLE_ROLES, reads: [site('/model-rooms')] },
  {
    key: 'roster',
    section: 'people',
    roles: ROLE_GROUPS.overseers,
    reads: [siteQuery('/roster', { week: ':today' }), site('/people'), site('/posts')],
  },
  { key: 'people', section: 'people', roles: ROLE_GROUPS.peopleReaders, reads: [site('/people'), site('/posts')] },
  { key: 'notices', section: 'people', roles: ROLE_GROUPS.noticeSenders, reads: [site('/notifications'), site('/people')] },
  { key: 'standards', section: 'settings', roles: CONSOLE_ROLES, reads: [site('/standards'), site('/standard-settings'), site('/posts')] },
  { key: 'zones', section: 'settings', roles: CONSOLE_ROLES, reads: [site('/zones'), site('/posts')] },
  { key: 'posts', section: 'settings', roles: CONSOLE_ROLES, reads: [site('/posts'), site('/zones')] },
  { key: 'settings', section: 'settings', roles: CONSOLE_ROLES, reads: [site()] },
  { key: 'audit', section: 'settings', roles: ROLE_GROUPS.auditReaders, reads: [site('/audit')] },
  // 通知渠道: group robots, webhooks and the delivery log (integrations module); their URLs reach outside the company.
  { key: 'channels', section: 'settings', roles: ROLE_GROUPS.siteManagers, reads: [site('/channels'), site('/deliveries')] },
  // The daily debrief and the weekly review (meetings module); the list opens on this month's gaps.
  {
    key: 'meetings',
    section: 'people',
    roles: ROLE_GROUPS.overseers,
    reads: [site('/meetings'), siteQuery('/meetings/compliance', { month: ':month' })],
  },
  // Supervisor inspections (服务监督): the list, the rectifications board, the daily plan and its compliance.
  {
    key: 'inspections',
    section: 'people',
    roles: ROLE_GROUPS.overseers,
    reads: [
      site('/inspections'),
      siteQuery('/rectifications', { scope: 'all' }),
      siteQuery('/inspection-plan/day', { date: ':today' }),
      site('/inspection-settings'),
      site('/posts'),
    ],
  },
  // training (issue 12): sessions, the month's on-job count, courses, certificates, the pre-job gate; the fact sheet (GUARD-IN-1).
  {
    key: 'training',
    section: 'people',
    roles: ROLE_GROUPS.overseers,
    reads: [
      site('/training/sessions'),
      site('/training/courses'),
      siteQuery('/training/month', { month: ':month' }),
      site('/training/settings'),
      site('/certificates'),
    ],
  },
  { key: 'fact-sheet', section: 'settings', roles: CONSOLE_ROLES, reads: [site('/fact-sheet')] },
  // The monthly assessment (考核): the month per site, the company's scheme, the dismissal recommendations.
  { key: 'assessment', section: 'people', roles: ROLE_GROUPS.overseers, reads: [siteQuery('/assessments', { month: ':month' })] },
  // Read by those who assess; only the company admin saves a scheme or decides a recommendation.
  { key: 'assessment-scheme', section: 'people', roles: ROLE_GROUPS.overseers, reads: [site('/assessment-scheme')] },
  { key: 'assessment-recommendations', section: 'people', roles: ROLE_GROUPS.siteManagers, reads: [site('/assessment-recommendations')] },
  // The monthly report to the developer client: the manager writes it, the client's viewer reads the published archive.
  { key: 'client-reports', section: 'live', roles: [...ROLE_GROUPS.siteManagers, 'client_viewer'], reads: [site('/client-reports')] },
  // Figures (issue 13): the site's visitor history over any range (the last 30 days when it opens);
  // the company dashboard across every site of the company, for its admin (this month when it opens).
  { key: 'visitor-history', section: 'live', roles: ROLE_GROUPS.figureReaders, reads: [site('/figures')] },
  { key: 'company-dashboard', section: 'live', roles: ['company_admin'], reads: [{ path: '/companies/:companyId/dashboard' }] },
  // Complaints (投诉): the list, this month's figures, the deadlines per severity and (for handlers) the people an owner is chosen from.
  {
    key: 'complaints',
    section: 'operations',
    roles: COMPLAINT_READERS,
    reads: [
      site('/complaints'),
      siteQuery('/complaint-figures', { month: ':month' }),
      site('/complaint-settings'),
      { ...site('/people'), roles: ['site_manager', 'supervisor'] },
    ],
  },
];

/** The reads a screen makes for this role. */
export const readsFor = (reads: readonly ScreenRead[], role: Role | null | undefined): ScreenRead[] =>
  reads.filter((r) => !r.roles || (!!role && r.roles.includes(role)));

export const consoleMenuFor = (role: Role | null | undefined): ConsoleMenuEntry[] =>
  role ? CONSOLE_MENU.filter((entry) => entry.roles.includes(role)) : [];

/** Whether a console page is offered to a role (the route guard and the menu ask the same). */
export const consoleOffers = (key: ConsoleMenuKey, role: Role | null | undefined): boolean =>
  !!role && !!CONSOLE_MENU.find((entry) => entry.key === key)?.roles.includes(role);

export interface PhoneEntry {
  /** The route under `/m`. */
  path: string;
  /** Offered to these roles whatever their posts. */
  roles: readonly Role[];
  /** Also offered to anyone who holds one of these posts on the site. */
  posts?: readonly PostKind[];
  reads: readonly ScreenRead[];
}

/** Who is rostered on posts and so has shifts to clock, check lists and rounds. */
const ROSTERED: readonly Role[] = ['site_manager', 'supervisor', 'staff'];
const EVERYONE: readonly Role[] = ['company_admin', 'site_manager', 'supervisor', 'staff', 'sales_consultant', 'client_viewer'];

/** The phone's tab bar, left to right. */
export const PHONE_TABS: readonly PhoneEntry[] = [
  { path: '/', roles: EVERYONE, reads: [{ path: '/auth/me' }, site('/notifications')] },
  { path: '/shift', roles: ROSTERED, reads: [site('/my-day')] },
  {
    path: '/visits',
    roles: ROLE_GROUPS.visitWriters,
    reads: [site('/visits'), site('/visitor-counts'), site('/consultants'), siteQuery('/shuttle/calls', { status: 'open' })],
  },
  { path: '/notices', roles: EVERYONE, reads: [site('/notifications')] },
  { path: '/me', roles: EVERYONE, reads: [{ path: '/auth/me' }] },
];

/** The phone home's entries (cards and links), top to bottom. */
export const PHONE_HOME: readonly PhoneEntry[] = [
  { path: '/incidents', roles: ROLE_GROUPS.incidentReporters, reads: [site('/incidents')] },
  { path: '/repairs', roles: ROLE_GROUPS.repairReporters, reads: [site('/work-orders'), site('/assets')] },
  { path: '/repairs/checks', ...POST_DUTIES.equipmentCheck, reads: [site('/equipment-checks'), site('/assets')] },
  { path: '/model-room-check', ...POST_DUTIES.modelRoomCheck, reads: [site('/model-rooms')] },
  { path: '/model-room-closing', ...POST_DUTIES.modelRoomClosing, reads: [site('/model-room-closing'), site('/model-rooms')] },
  // The feedback forms, each on the post that meets the customer; the page lists the sender's own today.
  {
    path: '/feedback/model-room',
    ...POST_DUTIES.modelRoomFeedback,
    reads: [siteQuery('/feedback-forms', { kind: 'model_room', from: ':today' }), site('/visits'), site('/my-day')],
  },
  {
    path: '/feedback/parking',
    ...POST_DUTIES.parkingFeedback,
    reads: [siteQuery('/feedback-forms', { kind: 'parking', from: ':today' }), site('/visits'), site('/my-day')],
  },
  { path: '/supplies', roles: ROSTERED, reads: [site('/supplies/stock'), site('/supplies/stores')] },
  { path: '/patrols', roles: [], posts: ['SECURITY'], reads: [site('/patrol-rounds/mine')] },
  // The night-shift handover: writing one for my posts that hand over, confirming one left for me.
  { path: '/handover', roles: ROSTERED, reads: [site('/handovers/mine')] },
  { path: '/rounds', roles: ROSTERED, reads: [siteQuery('/rounds/day', { scope: 'mine' })] },
  // training (issue 12): my invited sessions with their quizzes, and the project fact sheet.
  { path: '/training', roles: ROSTERED, reads: [site('/training/my-sessions')] },
  { path: '/fact-sheet', roles: ROSTERED, reads: [site('/fact-sheet')] },
  // The site manager's and supervisor's phone screens (features/manager-phone), as on the console.
  { path: '/manage/anomalies', roles: ROLE_GROUPS.anomalyHandlers, reads: [site('/anomalies'), site('/people')] },
  { path: '/manage/day-board', roles: ROLE_GROUPS.overseers, reads: [site('/day-board')] },
  {
    path: '/manage/site-board',
    roles: ROLE_GROUPS.overseers,
    reads: [site('/hall'), site('/visits'), site('/visitor-counts'), site('/incidents'), siteQuery('/shuttle/calls', { status: 'open' })],
  },
  { path: '/manage/approvals', roles: ROLE_GROUPS.overseers, reads: [site('/requisitions')] },
  { path: '/manage/repairs', roles: ROLE_GROUPS.overseers, reads: [site('/work-orders')] },
  // Meetings: the own action items of anyone who works on the site; the manager's view of today's debrief.
  { path: '/action-items', roles: ACTION_ITEM_OWNERS, reads: [site('/action-items/mine')] },
  { path: '/manage/debrief', roles: ROLE_GROUPS.overseers, reads: [site('/meetings/today')] },
  // Supervisor inspections: the inspector's plan and re-checks; everyone rostered fixes their own rectifications.
  {
    path: '/inspect',
    roles: ROLE_GROUPS.overseers,
    reads: [siteQuery('/inspection-plan/day', { date: ':today' }), siteQuery('/rectifications', { scope: 'to_recheck' })],
  },
  { path: '/rectifications', roles: ROSTERED, reads: [siteQuery('/rectifications', { scope: 'mine' })] },
  // Everyone rostered sees their own monthly assessment and may appeal it.
  { path: '/assessment', roles: ROSTERED, reads: [site('/my-assessments')] },
  // Complaints: anyone working on the site files one; the list shows what they filed and what they own.
  // (The developer's people file theirs in the console, where they read the site's complaints.)
  { path: '/complaints', roles: COMPLAINT_FILERS.filter((r) => r !== 'client_viewer'), reads: [siteQuery('/complaints', { scope: 'mine' })] },
];

/** Posts whose standard greets guests by the time of day (HALL-IN-5; the model-room service post keeps the hall's items): the phone home's greeting card is theirs. */
export const GREETING_POST_KINDS: readonly PostKind[] = ['HALL', 'MODELSVC'];

export const phoneOffers = (entry: PhoneEntry, role: Role | null | undefined, postKinds: readonly PostKind[]): boolean =>
  (!!role && entry.roles.includes(role)) || !!entry.posts?.some((kind) => postKinds.includes(kind));

export const phoneTabsFor = (role: Role | null | undefined, postKinds: readonly PostKind[]): PhoneEntry[] =>
  PHONE_TABS.filter((entry) => phoneOffers(entry, role, postKinds));

export const phoneHomeFor = (role: Role | null | undefined, postKinds: readonly PostKind[]): PhoneEntry[] =>
  PHONE_HOME.filter((entry) => phoneOffers(entry, role, postKinds));

export const phoneHomeOffers = (path: string, role: Role | null | undefined, postKinds: readonly PostKind[]): boolean => {
  const entry = PHONE_HOME.find((e) => e.path === path);
  return !!entry && phoneOffers(entry, role, postKinds);
};
