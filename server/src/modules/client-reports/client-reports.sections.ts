/**
 * The report's sections, in order: each turns the frozen figures into its headline figures,
 * charts and table in the reader's language. The console, the workbook and the PDF all show this
 * list, so adding a section (satisfaction and NPS, complaints) is one more entry in SECTIONS.
 * A section with nothing to show for the month returns null and is left out.
 */
import type { Locale, ReportChart, ReportFigure, ReportSection, ReportTable, SiteFigures } from '@anchang/contracts';
import { readSnapshot } from './client-reports.figures.js';

interface SectionContext {
  locale: Locale;
  month: string;
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

export const SECTIONS: readonly SectionSpec[] = [visitors, service, repairsAndEquipment, safetyAndSupervision, supplies];

/** The sections of a report from its frozen figures (JSON as stored), in the reader's language. */
export function reportSections(figuresJson: string, opts: { locale: Locale; month: string }): ReportSection[] {
  const { figures } = readSnapshot(figuresJson);
  const ctx: SectionContext = { ...opts, t: (zh, en) => (opts.locale === 'zh-CN' ? zh : en) };
  return SECTIONS.flatMap((spec) => {
    const built = spec.build(figures, ctx);
    return built ? [{ key: spec.key, ...built }] : [];
  });
}
