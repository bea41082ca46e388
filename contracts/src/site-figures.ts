/**
 * A site's figures for any period (来访与服务数据): what the visitor history, the company
 * dashboard and the monthly client report show. Dates are site-local `YYYY-MM-DD`, both ends
 * included. A rate is a share between 0 and 1, or null when nothing was due (no division by
 * zero, no invented 100 %). Times are milliseconds.
 *
 * Later additions only add fields (the report reads this shape).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './api.js';
import { LocalDate } from './standards.js';

/** The longest range one request may ask for: a year, with a leap day. */
export const FIGURES_MAX_DAYS = 366;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Ms = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const StageTime = Type.Object({
  /** A stage of the visit (car_park, hall, shuttle, concierge, model_room, departing). */
  stage: Type.String(),
  /** Closed visits that passed through the stage. */
  visits: Type.Integer(),
  averageMs: Ms,
  medianMs: Ms,
});
export type StageTime = Static<typeof StageTime>;

export const HandoffTime = Type.Object({
  /** Where the visit was handed to (hall, consultant, bar, shuttle, concierge, model_room, departure). */
  to: Type.String(),
  handoffs: Type.Integer(),
  acknowledged: Type.Integer(),
  /** From sending the hand-off to the receiving post taking it. */
  averageAckMs: Ms,
});
export type HandoffTime = Static<typeof HandoffTime>;

export const VisitorFigures = Type.Object({
  visits: Type.Integer(),
  guests: Type.Integer(),
  /** Every date of the period, zeros included, so a chart has no gaps. */
  byDay: Type.Array(Type.Object({ date: LocalDate, visits: Type.Integer(), guests: Type.Integer() })),
  /** Hours 0–23 of the site's clock, zeros included. */
  byHour: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), visits: Type.Integer(), guests: Type.Integer() })),
  /** Time per stage of closed visits, in the chain's order. */
  stageTimes: Type.Array(StageTime),
  /** Average time on site of closed visits, arrival to departure. */
  averageVisitMs: Ms,
  handoffTimes: Type.Array(HandoffTime),
  /** Visits by a known customer (phone left with consent). */
  identifiedVisits: Type.Integer(),
  /** Of those, visits by a customer seen before (before the period or earlier in it). */
  returningVisits: Type.Integer(),
  /** returningVisits / identifiedVisits. */
  returningShare: Rate,
  /** How visitors came: by car (the car park registered them) or on foot. Appointments are not recorded. */
  byArrivalMode: Type.Object({ car: Type.Integer(), walkIn: Type.Integer() }),
  /**
   * GUARD-IN-8/9: the concierge's calls for the shuttle. `averageTakeMs`: call → a driver takes it;
   * `averagePickupMs`: call → the trip starts. `waits`: calls no driver took within the site's limit
   * (the concierge apologised); `averageWaitMs`: how long those guests waited for a driver.
   */
  shuttleCalls: Type.Optional(
    Type.Object({
      calls: Type.Integer(),
      taken: Type.Integer(),
      started: Type.Integer(),
      averageTakeMs: Ms,
      averagePickupMs: Ms,
      waits: Type.Integer(),
      averageWaitMs: Ms,
    }),
  ),
  /** GUARD-IN-7: questions handed to sales, and how long sales took to answer. */
  questions: Type.Optional(Type.Object({ asked: Type.Integer(), answered: Type.Integer(), averageAnswerMs: Ms })),
});
export type VisitorFigures = Static<typeof VisitorFigures>;

export const ServiceFigures = Type.Object({
  checklist: Type.Object({ expected: Type.Integer(), done: Type.Integer(), rate: Rate }),
  /** Rostered lines already started, shifts clocked in on time (within the late grace), late, and absences (no shift, grace passed). */
  punctuality: Type.Object({ rostered: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), absences: Type.Integer(), rate: Rate }),
  /** Timed rounds (toilet rounds and the like): due = decided slots; done = met + late. */
  rounds: Type.Object({ due: Type.Integer(), met: Type.Integer(), late: Type.Integer(), missed: Type.Integer(), rate: Rate }),
  patrols: Type.Object({ due: Type.Integer(), done: Type.Integer(), late: Type.Integer(), missed: Type.Integer(), rate: Rate }),
  repairs: Type.Object({
    opened: Type.Integer(),
    /** Finished (done or verified) in the period, whenever opened. */
    closed: Type.Integer(),
    /** Repairs reported in the period with a technician, arrived or not. */
    dispatched: Type.Integer(),
    arrived: Type.Integer(),
    averageArrivalMs: Ms,
    /** Arrived within the 5-minute rule (TECH-3) among those dispatched; a technician who never came counts against it. */
    withinRule: Type.Integer(),
    withinRuleShare: Rate,
  }),
  incidents: Type.Object({
    total: Type.Integer(),
    byKind: Type.Record(Type.String(), Type.Integer()),
    bySeverity: Type.Record(Type.String(), Type.Integer()),
  }),
  /** Supervisor inspections (服务监督) of the site dated in the period, whoever was inspected. */
  inspections: Type.Object({
    count: Type.Integer(),
    /** Items checked across those inspections. */
    items: Type.Integer(),
    failedItems: Type.Integer(),
    deductionPoints: Type.Number(),
    /** Average deduction points per inspection; null without inspections. */
    averageDeduction: Type.Union([Type.Number(), Type.Null()]),
    /** Rectifications raised in the period: closed since (done, or closed with the deduction) and still open. */
    rectificationsRaised: Type.Integer(),
    rectificationsClosed: Type.Integer(),
    rectificationsOpen: Type.Integer(),
    /** Of the people rostered or working in the period, rectifications of theirs that went past the deadline. */
    rectificationsOverdue: Type.Integer(),
  }),
  training: Type.Object({
    /** Sessions the site held on dates in the period, per kind (pre_job, on_job). */
    sessionsHeld: Type.Record(Type.String(), Type.Integer()),
    /** People rostered or working at the site in the period who attended at least one on-job session (在岗培训). */
    peopleTrainedOnJob: Type.Integer(),
    people: Type.Integer(),
    quizzesTaken: Type.Integer(),
    quizzesPassed: Type.Integer(),
  }),
  equipment: Type.Object({
    activeAssets: Type.Integer(),
    /** Repairs reported in the period against an asset. */
    faults: Type.Integer(),
    /** Maintenance schedules whose last completion falls in the period (a lower bound: a schedule done twice counts once). */
    maintenanceDone: Type.Integer(),
    /** Schedules due before the period's last day (or today, for a running period) and not done. */
    maintenanceOverdue: Type.Integer(),
  }),
  supplies: Type.Object({
    /** Quantities issued (领用) per item, largest first. */
    issued: Type.Array(
      Type.Object({
        itemId: Id,
        nameZh: Type.String(),
        nameEn: Type.String(),
        unit: Type.String(),
        category: Type.String(),
        quantity: Type.Number(),
      }),
    ),
    byCategory: Type.Record(Type.String(), Type.Number()),
  }),
});
export type ServiceFigures = Static<typeof ServiceFigures>;

const Score = Type.Union([Type.Number(), Type.Null()]);

export const SatisfactionFigures = Type.Object({
  /** Survey answers given in the period. */
  answers: Type.Integer(),
  /** Post ratings (1–5) inside those answers. */
  ratings: Type.Integer(),
  averageRating: Score,
  /** Net promoter score, −100..100; null without answers. */
  nps: Score,
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  /** Average rating per post rated in the period. */
  byPost: Type.Array(Type.Object({ postId: Id, postKind: Type.String(), ratings: Type.Integer(), average: Type.Number() })),
  /** Site-local days with answers only. */
  byDay: Type.Array(Type.Object({ date: LocalDate, answers: Type.Integer(), averageRating: Score, nps: Score })),
});
export type SatisfactionFigures = Static<typeof SatisfactionFigures>;

export const ComplaintPeriodFigures = Type.Object({
  received: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
  bySeverity: Type.Record(Type.String(), Type.Integer()),
  /** Of those received in the period, closed by the time of computing. */
  closed: Type.Integer(),
  /** Of those received in the period, the deadline passed before a result went back. */
  overdue: Type.Integer(),
  averageHoursToResult: Score,
  followUps: Type.Integer(),
  /** Satisfied follow-ups over all follow-ups (0..1); null when none. */
  satisfiedShare: Rate,
  reopened: Type.Integer(),
});
export type ComplaintPeriodFigures = Static<typeof ComplaintPeriodFigures>;

export const SiteFigures = Type.Object({
  siteId: Id,
  from: LocalDate,
  to: LocalDate,
  timeZone: Type.String(),
  days: Type.Integer(),
  /** When the figures were computed; a period that has not ended is counted up to here. */
  computedAt: Type.Integer(),
  visitors: VisitorFigures,
  service: ServiceFigures,
  /**
   * Customer surveys answered in the period (满意度与NPS). Optional only because reports frozen
   * before the surveys existed lack it; every fresh computation fills it.
   */
  satisfaction: Type.Optional(SatisfactionFigures),
  /** Complaints received in the period (客诉), and the follow-ups and reopenings done in it. Optional for the same reason. */
  complaints: Type.Optional(ComplaintPeriodFigures),
});
export type SiteFigures = Static<typeof SiteFigures>;

export const FiguresQuery = Type.Object({ from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) }, { additionalProperties: false });
export type FiguresQuery = Static<typeof FiguresQuery>;

// ---- the company dashboard ----

/**
 * A site's line in the company ranking. The service index (服务指数, 0–100) is the plain
 * average of the four service rates the site had something due for — checklist completion,
 * punctuality, round compliance (rounds and patrols together) and repair arrival within
 * 5 minutes — times 100; null when none was due. Equal weights keep it explainable to a
 * client; a rate with nothing due is left out rather than counted as perfect.
 */
export const DashboardSite = Type.Object({
  siteId: Id,
  name: Type.String(),
  visits: Type.Integer(),
  guests: Type.Integer(),
  returningShare: Rate,
  checklistRate: Rate,
  punctualityRate: Rate,
  roundRate: Rate,
  repairWithinRuleShare: Rate,
  incidents: Type.Integer(),
  serviceIndex: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
  /** Survey average rating (1–5) and NPS of the period; null without answers. Not part of the service index. */
  averageRating: Score,
  nps: Score,
});
export type DashboardSite = Static<typeof DashboardSite>;

export const CompanyDashboard = Type.Object({
  companyId: Id,
  from: LocalDate,
  to: LocalDate,
  computedAt: Type.Integer(),
  totals: Type.Object({
    sites: Type.Integer(),
    visits: Type.Integer(),
    guests: Type.Integer(),
    returningShare: Rate,
    checklistRate: Rate,
    punctualityRate: Rate,
    roundRate: Rate,
    repairWithinRuleShare: Rate,
    incidents: Type.Integer(),
    serviceIndex: Type.Union([Type.Number(), Type.Null()]),
    /** Over every rating and every answer of the company's sites, not an average of averages. */
    averageRating: Score,
    nps: Score,
  }),
  /** Visits per date across all sites (dates are each site's own local dates). */
  byDay: Type.Array(Type.Object({ date: LocalDate, visits: Type.Integer() })),
  sites: Type.Array(DashboardSite),
});
export type CompanyDashboard = Static<typeof CompanyDashboard>;

export const CompanyParams = Type.Object({ companyId: Id });
