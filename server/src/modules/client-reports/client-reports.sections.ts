/**
 * The report's sections, in order: each turns the frozen figures into its headline figures,
 * charts and table in the reader's language. The console, the workbook and the PDF all show this
 * list, so adding a section (satisfaction and NPS, complaints) is one more entry in SECTIONS.
 * A section with nothing to show for the month returns null and is left out.
 */
import type { Locale, ReportChart, ReportFigure, ReportSection, ReportTable, SiteFigures } from '@anchang/contracts';
import { readSnapshot, type PreviousSatisfaction } from './client-reports.figures.js';

interface SectionContext {
  locale: Locale;
  month: string;
  /** The month before's survey headline, when the snapshot froze one. */
  previousSatisfaction: PreviousSatisfaction | undefined;
  /** Picks the reader's language. */
  t: (zh: string, en: string) => string;
}

interface SectionSpec {
  key: string;
  build(f: SiteFigures, ctx: SectionContext): Omit<ReportSection, 'key'> | null;
}

const pct = (rate: number | null | undefined) => (rate == null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const pctNumber = (rate: number | null | undefined) => (rate == null ? 0 : Math.round(rate * 1000) / 10);

function duration(ms: number | null | undefined, t: SectionContext['t']): string {
  if (ms == null) return '—';
  const seconds = Math.round(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m >= 60) return t(`${Math.floor(m / 60)} 小时 ${m % 60} 分`, `${Math.floor(m / 60)} h ${m % 60} min`);
  return m > 0 ? t(`${m} 分 ${s} 秒`, `${m} min ${s} s`) : t(`${s} 秒`, `${s} s`);
}

const STAGES: Record<string, [string, string]> = {
  car_park: ['车场', 'Car park'],
  hall: ['销售大厅', 'Sales hall'],
  shuttle: ['电瓶车', 'Shuttle'],
  model_room: ['样板房', 'Model room'],
  departing: ['送别', 'Farewell'],
};
const INCIDENT_KINDS: Record<string, [string, string]> = {
  suspicious_person: ['可疑人员', 'Suspicious person'],
  missing_item: ['物品遗失', 'Missing item'],
  unauthorised_photo: ['违规拍照', 'Unauthorised photo'],
  accident: ['意外事故', 'Accident'],
  damage: ['损坏', 'Damage'],
  other: ['其他', 'Other'],
};
const SUPPLY_CATEGORIES: Record<string, [string, string]> = {
  drinks: ['饮品', 'Drinks'],
  snacks: ['茶点', 'Snacks'],
  print: ['印刷品', 'Print'],
  tableware: ['餐具', 'Tableware'],
  guest: ['客用品', 'Guest items'],
  cleaning: ['清洁用品', 'Cleaning'],
  other: ['其他', 'Other'],
};
const POST_KINDS: Record<string, [string, string]> = {
  HALL: ['大堂', 'Hall'],
  BAR: ['水吧', 'Bar'],
  PARK: ['车场', 'Car park'],
  GUARD: ['门岗', 'Gate'],
  SHUTTLE: ['电瓶车', 'Shuttle'],
  MODEL: ['样板房', 'Model room'],
  MODELSVC: ['样板房服务', 'Model room service'],
  SECURITY: ['安防', 'Security'],
  CLEAN: ['保洁', 'Cleaning'],
  GREEN: ['绿化', 'Gardening'],
  TECH: ['工程', 'Technician'],
  MANAGER: ['案场经理', 'Site manager'],
};
const COMPLAINT_CATEGORIES: Record<string, [string, string]> = {
  attitude: ['服务态度', 'Attitude'],
  waiting: ['等候时间', 'Waiting'],
  cleanliness: ['环境卫生', 'Cleanliness'],
  facilities: ['设施设备', 'Facilities'],
  parking: ['停车', 'Parking'],
  safety: ['安全', 'Safety'],
  other: ['其他', 'Other'],
};
const COMPLAINT_SEVERITIES: Record<string, [string, string]> = {
  normal: ['一般', 'Normal'],
  serious: ['严重', 'Serious'],
  urgent: ['紧急', 'Urgent'],
};
const named = (map: Record<string, [string, string]>, key: string, t: SectionContext['t']) => (map[key] ? t(...map[key]) : key);

const figure = (label: string, value: string | number): ReportFigure => ({ label, value: String(value) });

const visitors: SectionSpec = {
  key: 'visitors',
  build(f, { t }) {
    const v = f.visitors;
    const busyHours = v.byHour.filter((h) => h.visits > 0).map((h) => h.hour);
    // The opening day's hours at least, widened to any hour that had a visit.
    const firstHour = Math.min(9, ...busyHours);
    const lastHour = Math.max(18, ...busyHours);
    const hours = v.byHour.filter((h) => h.hour >= firstHour && h.hour <= lastHour);
    const charts: ReportChart[] = [
      {
        key: 'visitors-by-day',
        title: t('每日来访', 'Visits by day'),
        kind: 'bar',
        categories: v.byDay.map((d) => d.date.slice(8)),
        series: [
          { name: t('来访组数', 'Visits'), data: v.byDay.map((d) => d.visits) },
          { name: t('来访人数', 'Guests'), data: v.byDay.map((d) => d.guests) },
        ],
      },
      {
        key: 'visitors-by-hour',
        title: t('来访时段分布', 'Visits by hour'),
        kind: 'line',
        categories: hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
        series: [{ name: t('来访组数', 'Visits'), data: hours.map((h) => h.visits) }],
      },
    ];
    const table: ReportTable = {
      columns: [t('环节', 'Stage'), t('经过组数', 'Visits'), t('平均用时', 'Average'), t('中位用时', 'Median')],
      rows: v.stageTimes.map((s) => [named(STAGES, s.stage, t), s.visits, duration(s.averageMs, t), duration(s.medianMs, t)]),
    };
    return {
      title: t('来访接待', 'Visitors'),
      figures: [
        figure(t('来访组数', 'Visits'), v.visits),
        figure(t('来访人数', 'Guests'), v.guests),
        figure(t('平均停留', 'Average stay'), duration(v.averageVisitMs, t)),
        figure(t('老客户占比', 'Returning share'), pct(v.returningShare)),
        figure(t('驾车来访', 'By car'), v.byArrivalMode.car),
        figure(t('步行来访', 'On foot'), v.byArrivalMode.walkIn),
      ],
      charts,
      table: table.rows.length > 0 ? table : null,
    };
  },
};

const service: SectionSpec = {
  key: 'service',
  build(f, { t }) {
    const s = f.service;
    const lines: [string, number, number, number | null][] = [
      [t('检查表完成率', 'Checklist completion'), s.checklist.expected, s.checklist.done, s.checklist.rate],
      [t('准时到岗率', 'Punctuality'), s.punctuality.rostered, s.punctuality.onTime, s.punctuality.rate],
      [t('定时巡查达标率', 'Timed rounds met'), s.rounds.due, s.rounds.met + s.rounds.late, s.rounds.rate],
      [t('巡逻完成率', 'Patrols done'), s.patrols.due, s.patrols.done, s.patrols.rate],
    ];
    return {
      title: t('服务质量', 'Service quality'),
      figures: lines.map(([label, , , rate]) => figure(label, pct(rate))),
      charts: [
        {
          key: 'service-rates',
          title: t('服务达标率 (%)', 'Service rates (%)'),
          kind: 'bar',
          categories: lines.map(([label]) => label),
          series: [{ name: t('达标率', 'Rate'), data: lines.map(([, , , rate]) => pctNumber(rate)) }],
        },
      ],
      table: {
        columns: [t('指标', 'Figure'), t('应完成', 'Due'), t('已完成', 'Done'), t('比率', 'Rate')],
        rows: [
          ...lines.map(([label, due, done, rate]) => [label, due, done, pct(rate)]),
          [t('迟到', 'Late clock-ins'), s.punctuality.late, '', ''],
          [t('缺勤', 'Absences'), s.punctuality.absences, '', ''],
          [t('漏检巡查', 'Rounds missed'), s.rounds.missed, '', ''],
          [t('漏巡', 'Patrols missed'), s.patrols.missed, '', ''],
        ],
      },
    };
  },
};

const repairsAndEquipment: SectionSpec = {
  key: 'repairs-equipment',
  build(f, { t }) {
    const r = f.service.repairs;
    const e = f.service.equipment;
    return {
      title: t('维修与设备', 'Repairs and equipment'),
      figures: [
        figure(t('报修', 'Repairs reported'), r.opened),
        figure(t('完成维修', 'Repairs finished'), r.closed),
        figure(t('平均到场', 'Average arrival'), duration(r.averageArrivalMs, t)),
        figure(t('5 分钟到场率', 'Arrived within 5 min'), pct(r.withinRuleShare)),
      ],
      charts: [],
      table: {
        columns: [t('项目', 'Item'), t('数量', 'Count')],
        rows: [
          [t('派单维修', 'Repairs dispatched'), r.dispatched],
          [t('技术员到场', 'Technician arrived'), r.arrived],
          [t('5 分钟内到场', 'Arrived within 5 min'), r.withinRule],
          [t('在用设备', 'Assets in use'), e.activeAssets],
          [t('设备故障', 'Equipment faults'), e.faults],
          [t('完成保养', 'Maintenance done'), e.maintenanceDone],
          [t('逾期保养', 'Maintenance overdue'), e.maintenanceOverdue],
        ],
      },
    };
  },
};

const safetyAndSupervision: SectionSpec = {
  key: 'incidents-inspections',
  build(f, { t }) {
    const i = f.service.incidents;
    const ins = f.service.inspections;
    const tr = f.service.training;
    const kinds = Object.entries(i.byKind).filter(([, n]) => n > 0);
    return {
      title: t('安全、督查与培训', 'Incidents, inspections and training'),
      figures: [
        figure(t('事件', 'Incidents'), i.total),
        figure(t('督查次数', 'Inspections'), ins.count),
        figure(t('督查扣分', 'Deduction points'), ins.deductionPoints),
        figure(t('在岗培训覆盖', 'Trained on the job'), `${tr.peopleTrainedOnJob} / ${tr.people}`),
      ],
      charts:
        kinds.length > 0
          ? [
              {
                key: 'incidents-by-kind',
                title: t('事件类型', 'Incidents by kind'),
                kind: 'pie',
                categories: kinds.map(([k]) => named(INCIDENT_KINDS, k, t)),
                series: [{ name: t('事件', 'Incidents'), data: kinds.map(([, n]) => n) }],
              },
            ]
          : [],
      table: {
        columns: [t('项目', 'Item'), t('数量', 'Count')],
        rows: [
          [t('高等级事件', 'High-severity incidents'), i.bySeverity.high ?? 0],
          [t('督查不合格项', 'Items failed at inspection'), ins.failedItems],
          [t('逾期整改', 'Rectifications overdue'), ins.rectificationsOverdue],
          [t('考试人次', 'Quizzes taken'), tr.quizzesTaken],
          [t('考试通过', 'Quizzes passed'), tr.quizzesPassed],
        ],
      },
    };
  },
};

const supplies: SectionSpec = {
  key: 'supplies',
  build(f, { t }) {
    const s = f.service.supplies;
    if (s.issued.length === 0) return null;
    const categories = Object.entries(s.byCategory).filter(([, q]) => q > 0);
    return {
      title: t('物料消耗', 'Supplies used'),
      figures: [figure(t('领用品种', 'Items issued'), s.issued.length)],
      charts: [
        {
          key: 'supplies-by-category',
          title: t('按类别领用量', 'Issued by category'),
          kind: 'pie',
          categories: categories.map(([c]) => named(SUPPLY_CATEGORIES, c, t)),
          series: [{ name: t('领用量', 'Issued'), data: categories.map(([, q]) => q) }],
        },
      ],
      table: {
        columns: [t('物品', 'Item'), t('类别', 'Category'), t('领用量', 'Issued'), t('单位', 'Unit')],
        rows: s.issued
          .slice(0, 20)
          .map((item) => [t(item.nameZh, item.nameEn), named(SUPPLY_CATEGORIES, item.category, t), item.quantity, item.unit]),
      },
    };
  },
};

const rating = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(2));
const signed = (delta: number, digits: number) => `${delta > 0 ? '+' : ''}${delta.toFixed(digits)}`;

const satisfaction: SectionSpec = {
  key: 'satisfaction',
  build(f, { t, previousSatisfaction: before }) {
    const s = f.satisfaction;
    // Reports frozen before the surveys existed have no satisfaction to show.
    if (!s) return null;
    const figures = [
      figure(t('问卷份数', 'Answers'), s.answers),
      figure(t('平均评分 (1–5)', 'Average rating (1–5)'), rating(s.averageRating)),
      figure(t('净推荐值 NPS', 'NPS'), s.nps ?? '—'),
      figure(t('推荐 / 中立 / 贬损', 'Promoters / passives / detractors'), `${s.promoters} / ${s.passives} / ${s.detractors}`),
    ];
    // The trend only when both months had answers: a change from nothing says nothing.
    if (before && before.averageRating !== null && s.averageRating !== null)
      figures.push(figure(t(`评分较 ${before.month}`, `Rating vs ${before.month}`), signed(s.averageRating - before.averageRating, 2)));
    if (before && before.nps !== null && s.nps !== null)
      figures.push(figure(t(`NPS 较 ${before.month}`, `NPS vs ${before.month}`), signed(s.nps - before.nps, 0)));
    return {
      title: t('满意度与 NPS', 'Satisfaction and NPS'),
      figures,
      charts:
        s.byDay.length > 0
          ? [
              {
                key: 'satisfaction-by-day',
                title: t('每日满意度', 'Satisfaction by day'),
                kind: 'line',
                categories: s.byDay.map((d) => d.date.slice(8)),
                series: [
                  { name: t('平均评分', 'Average rating'), data: s.byDay.map((d) => d.averageRating ?? 0) },
                  { name: t('问卷份数', 'Answers'), data: s.byDay.map((d) => d.answers) },
                ],
              },
            ]
          : [],
      table:
        s.byPost.length > 0
          ? {
              columns: [t('岗位', 'Post'), t('评分次数', 'Ratings'), t('平均评分', 'Average')],
              rows: [...s.byPost].sort((a, b) => b.average - a.average).map((p) => [named(POST_KINDS, p.postKind, t), p.ratings, rating(p.average)]),
            }
          : null,
    };
  },
};

const complaints: SectionSpec = {
  key: 'complaints',
  build(f, { t }) {
    const c = f.complaints;
    if (!c) return null;
    const categories = Object.entries(c.byCategory).filter(([, n]) => n > 0);
    return {
      title: t('客户投诉', 'Complaints'),
      figures: [
        figure(t('收到投诉', 'Received'), c.received),
        figure(t('已办结', 'Closed'), c.closed),
        figure(t('超时未处理', 'Overdue'), c.overdue),
        figure(
          t('平均处理时长', 'Average time to result'),
          c.averageHoursToResult === null ? '—' : t(`${c.averageHoursToResult} 小时`, `${c.averageHoursToResult} h`),
        ),
        figure(t('回访满意率', 'Satisfied at follow-up'), pct(c.satisfiedShare)),
      ],
      charts:
        categories.length > 0
          ? [
              {
                key: 'complaints-by-category',
                title: t('投诉类别', 'Complaints by category'),
                kind: 'pie',
                categories: categories.map(([k]) => named(COMPLAINT_CATEGORIES, k, t)),
                series: [{ name: t('投诉', 'Complaints'), data: categories.map(([, n]) => n) }],
              },
            ]
          : [],
      table: {
        columns: [t('项目', 'Item'), t('数量', 'Count')],
        rows: [
          ...Object.keys(COMPLAINT_SEVERITIES).map((k) => [
            t(`${named(COMPLAINT_SEVERITIES, k, t)}投诉`, `${named(COMPLAINT_SEVERITIES, k, t)} complaints`),
            c.bySeverity[k] ?? 0,
          ]),
          [t('回访次数', 'Follow-up calls'), c.followUps],
          [t('重新处理', 'Reopened'), c.reopened],
        ],
      },
    };
  },
};

export const SECTIONS: readonly SectionSpec[] = [visitors, service, satisfaction, complaints, repairsAndEquipment, safetyAndSupervision, supplies];

/** The sections of a report from its frozen figures (JSON as stored), in the reader's language. */
export function reportSections(figuresJson: string, opts: { locale: Locale; month: string }): ReportSection[] {
  const { figures, previousSatisfaction } = readSnapshot(figuresJson);
  const ctx: SectionContext = { ...opts, previousSatisfaction, t: (zh, en) => (opts.locale === 'zh-CN' ? zh : en) };
  return SECTIONS.flatMap((spec) => {
    const built = spec.build(figures, ctx);
    return built ? [{ key: spec.key, ...built }] : [];
  });
}
