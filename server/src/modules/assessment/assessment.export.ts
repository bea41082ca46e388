/**
 * The month in Excel: one sheet per site, one line per person, with the points of every line and
 * the figures they came from, in the reader's language. A company admin may ask for every site of
 * the company at once; anyone else gets the site they oversee.
 */
import { ASSESSMENT_LINES, ROLE_GROUPS, type AssessmentFigures, type AssessmentLineKey, type Locale } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { listAssessmentsOfMonth } from './assessment.repository.js';

type FigureKey = keyof AssessmentFigures;
const FIGURE_KEYS: readonly FigureKey[] = [
  'rostered',
  'shifts',
  'lateClockIns',
  'noShows',
  'checklistExpected',
  'checklistDone',
  'roundsDue',
  'roundsMet',
  'roundsLate',
  'repairsDue',
  'repairsOnTime',
  'inspections',
  'inspectionDeductions',
  'rectificationsOverdue',
  'opinionsCollected',
  'complaints',
  'onJobTrainings',
  'quizzesTaken',
  'quizzesPassed',
];

interface Words {
  person: string;
  post: string;
  status: string;
  outcome: string;
  total: string;
  statuses: Record<string, string>;
  outcomes: Record<string, string>;
  lines: Record<AssessmentLineKey, string>;
  figures: Record<FigureKey, string>;
}

const WORDS: Record<Locale, Words> = {
  'zh-CN': {
    person: '人员',
    post: '岗位',
    status: '状态',
    outcome: '结果',
    total: '总分',
    statuses: { draft: '草稿', reviewed: '已复核', signed: '已签字' },
    outcomes: { pass: '合格', fail: '不合格', no_duty: '无班' },
    lines: {
      checklist: '检查表',
      punctuality: '出勤',
      rounds: '巡视巡逻',
      repairs: '维修到场',
      inspections: '检查扣分',
      opinions: '客户意见',
      training: '培训',
      satisfaction: '满意度',
    },
    figures: {
      rostered: '排班数',
      shifts: '上岗数',
      lateClockIns: '迟到',
      noShows: '缺勤',
      checklistExpected: '检查项应做',
      checklistDone: '检查项已做',
      roundsDue: '巡视应做',
      roundsMet: '巡视按时',
      roundsLate: '巡视迟做',
      repairsDue: '维修单',
      repairsOnTime: '5分钟到场',
      inspections: '被检查次数',
      inspectionDeductions: '检查扣分',
      rectificationsOverdue: '整改逾期',
      opinionsCollected: '收集意见',
      complaints: '投诉',
      onJobTrainings: '在岗培训',
      quizzesTaken: '测验次数',
      quizzesPassed: '测验通过',
      quizAverage: '测验均分',
      satisfaction: '满意度',
    },
  },
  'en-US': {
    person: 'Person',
    post: 'Post',
    status: 'Status',
    outcome: 'Result',
    total: 'Total',
    statuses: { draft: 'Draft', reviewed: 'Reviewed', signed: 'Signed' },
    outcomes: { pass: 'Pass', fail: 'Fail', no_duty: 'No duty' },
    lines: {
      checklist: 'Checklists',
      punctuality: 'Attendance',
      rounds: 'Rounds & patrols',
      repairs: 'Repair arrival',
      inspections: 'Inspections',
      opinions: 'Customer opinions',
      training: 'Training',
      satisfaction: 'Satisfaction',
    },
    figures: {
      rostered: 'Rostered',
      shifts: 'Shifts',
      lateClockIns: 'Late',
      noShows: 'No-shows',
      checklistExpected: 'Checklist due',
      checklistDone: 'Checklist done',
      roundsDue: 'Rounds due',
      roundsMet: 'Rounds on time',
      roundsLate: 'Rounds late',
      repairsDue: 'Repairs',
      repairsOnTime: 'Reached in time',
      inspections: 'Inspections',
      inspectionDeductions: 'Deductions',
      rectificationsOverdue: 'Rectifications overdue',
      opinionsCollected: 'Opinions collected',
      complaints: 'Complaints',
      onJobTrainings: 'On-job trainings',
      quizzesTaken: 'Quizzes',
      quizzesPassed: 'Quizzes passed',
      quizAverage: 'Quiz average',
      satisfaction: 'Satisfaction',
    },
  },
};

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Site';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} ${n}`;
  taken.add(candidate);
  return candidate;
}

export async function exportMonthWorkbook(
  deps: Deps,
  actor: Actor,
  siteId: string,
  month: string,
  locale: Locale,
  wholeCompany: boolean,
): Promise<{ filename: string; bytes: Buffer }> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const siteIds = wholeCompany && actor.isCompanyAdmin ? [...actor.siteRoles.keys()].sort() : [siteId];
  const w = WORDS[locale];
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anchang';
  const taken = new Set<string>();
  let firstSiteName = '';
  for (const id of siteIds) {
    const site = await findSiteRow(deps.db, id);
    if (!site) continue;
    firstSiteName ||= site.name;
    const rows = await listAssessmentsOfMonth(deps.db, id, month);
    const names = await findPersonNames(
      deps.db,
      rows.map((r) => r.person_id),
    );
    const sheet = wb.addWorksheet(sheetName(site.name, taken));
    sheet.columns = [
      { header: w.person, width: 16 },
      { header: w.post, width: 10 },
      { header: w.status, width: 10 },
      { header: w.outcome, width: 10 },
      { header: w.total, width: 8 },
      ...ASSESSMENT_LINES.map((l) => ({ header: w.lines[l], width: 12 })),
      ...FIGURE_KEYS.map((k) => ({ header: w.figures[k], width: 12 })),
    ];
    for (const r of rows.sort((a, b) => a.post_kind.localeCompare(b.post_kind))) {
      const lines = JSON.parse(r.lines) as { key: AssessmentLineKey; points: number }[];
      const figures = JSON.parse(r.figures) as AssessmentFigures;
      sheet.addRow([
        names.get(r.person_id) ?? '',
        r.post_kind,
        w.statuses[r.status] ?? r.status,
        w.outcomes[r.outcome] ?? r.outcome,
        r.total_tenths / 10,
        ...ASSESSMENT_LINES.map((key) => lines.find((l) => l.key === key)?.points ?? 0),
        ...FIGURE_KEYS.map((k) => figures[k] ?? ''),
      ]);
    }
    sheet.getRow(1).font = { bold: true };
  }
  const title = locale === 'zh-CN' ? '考核' : 'assessment';
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${siteIds.length > 1 ? title : `${firstSiteName} ${title}`} ${month}.xlsx`, bytes };
}
