/**
 * The system notices, by message code, in each reader's language (issue 14). A caller names the
 * code and its parameters; `notifyPeople` renders the text once per reader's locale
 * (`people.locale`). The zh-CN text is the wording these notices always had (most carry an English
 * gloss, from the days when one text served every reader); the en-US text is English only.
 *
 * A parameter that itself has two languages (a checkpoint's name, a complaint category) is passed
 * as `{ zh, en }`.
 */
import type { Locale } from '@anchang/contracts';

export interface LocalText {
  zh: string;
  en: string;
}

export interface RenderedNotice {
  fromName: string;
  title: string;
  body: string;
}

type Render<P> = (p: P) => RenderedNotice;
type Message<P> = Record<Locale, Render<P>>;
const message = <P>(m: Message<P>): Message<P> => m;

const lines = (...xs: (string | false | null | undefined)[]) => xs.filter((x): x is string => typeof x === 'string' && x !== '').join('\n');

const RECTIFICATION_TITLES: Record<'fix' | 'pass' | 'redo' | 'close', LocalText> = {
  fix: { zh: '整改待复查 Rectification to re-check', en: 'Rectification to re-check' },
  pass: { zh: '整改完成 Rectification accepted', en: 'Rectification accepted' },
  redo: { zh: '二次整改 Rectify again', en: 'Rectify again' },
  close: { zh: '扣分关闭 Closed, deduction kept', en: 'Closed, deduction kept' },
};

export const NOTICE_MESSAGES = {
  'timer.failed': message<{ kind: string; id: string; attempts: number; error: string }>({
    'zh-CN': (p) => ({
      fromName: '系统 System',
      title: '定时任务失败 Scheduled task failed',
      body: `${p.kind} · ${p.id}\n已尝试 ${p.attempts} 次仍失败 / failed after ${p.attempts} attempts: ${p.error}`,
    }),
    'en-US': (p) => ({
      fromName: 'System',
      title: 'Scheduled task failed',
      body: `${p.kind} · ${p.id}\nfailed after ${p.attempts} attempts: ${p.error}`,
    }),
  }),

  'handover.not_confirmed': message<{ post: string; from: string; minutes: number; expected: string | null }>({
    'zh-CN': (p) => ({
      fromName: '系统 System',
      title: `交接班未确认 Handover not confirmed: ${p.post}`,
      body: `${p.from} · 已 ${p.minutes} 分钟 / ${p.minutes} min since written${p.expected ? ` · 接班 ${p.expected}` : ''}`,
    }),
    'en-US': (p) => ({
      fromName: 'System',
      title: `Handover not confirmed: ${p.post}`,
      body: `${p.from} · ${p.minutes} min since written${p.expected ? ` · taking over: ${p.expected}` : ''}`,
    }),
  }),

  'training.on_job_missing': message<{ month: string; names: string[] }>({
    'zh-CN': (p) => ({
      fromName: '培训 Training',
      title: `本月尚无在岗培训 ${p.names.length} 人 / ${p.names.length} without on-job training (${p.month})`,
      body: p.names.join('、'),
    }),
    'en-US': (p) => ({
      fromName: 'Training',
      title: `${p.names.length} without on-job training (${p.month})`,
      body: p.names.join(', '),
    }),
  }),

  'repair.reported': message<{ place: LocalText; description: string; minutes: number }>({
    'zh-CN': (p) => ({
      fromName: '报修 Repairs',
      title: `报修 Repair: ${p.place.zh}`,
      body: `${p.description} · ${p.minutes} 分钟内到场 / on the spot within ${p.minutes} min`,
    }),
    'en-US': (p) => ({ fromName: 'Repairs', title: `Repair: ${p.place.en}`, body: `${p.description} · on the spot within ${p.minutes} min` }),
  }),

  'repair.reopened': message<{ description: string; reason: string }>({
    'zh-CN': (p) => ({ fromName: '报修 Repairs', title: '报修返工 Repair reopened', body: `${p.description} · ${p.reason}` }),
    'en-US': (p) => ({ fromName: 'Repairs', title: 'Repair reopened', body: `${p.description} · ${p.reason}` }),
  }),

  'repair.not_reached': message<{ place: LocalText; description: string; minutes: number }>({
    'zh-CN': (p) => ({
      fromName: '报修 Repairs',
      title: `报修超时未到场 Repair not reached: ${p.place.zh}`,
      body: `${p.description} · 已 ${p.minutes} 分钟 / ${p.minutes} min since the report`,
    }),
    'en-US': (p) => ({
      fromName: 'Repairs',
      title: `Repair not reached: ${p.place.en}`,
      body: `${p.description} · ${p.minutes} min since the report`,
    }),
  }),

  'assessment.appeal_decided': message<{ decision: 'upheld' | 'rejected'; month: string; reason: string }>({
    'zh-CN': (p) => ({
      fromName: '系统 System',
      title: p.decision === 'upheld' ? '申诉已采纳 Appeal upheld' : '申诉未采纳 Appeal rejected',
      body: `${p.month}: ${p.reason}`,
    }),
    'en-US': (p) => ({ fromName: 'System', title: p.decision === 'upheld' ? 'Appeal upheld' : 'Appeal rejected', body: `${p.month}: ${p.reason}` }),
  }),

  'assessment.two_failing_months': message<{ name: string }>({
    'zh-CN': (p) => ({
      fromName: '系统 System',
      title: '连续两个月考核不合格 Two failing months',
      body: `${p.name}: 请决定 — please decide (Anchang changes no account by itself)`,
    }),
    'en-US': (p) => ({
      fromName: 'System',
      title: 'Two failing months',
      body: `${p.name}: please decide (Anchang changes no account by itself)`,
    }),
  }),

  'meeting.action_item_new': message<{ due: string; text: string; by: string; kind: 'debrief' | 'weekly'; date: string }>({
    'zh-CN': (p) => ({
      fromName: '例会 Meetings',
      title: `新的待办 New action item · ${p.due}`,
      body: `${p.text}\n${p.by} · ${p.kind === 'debrief' ? '日会 Debrief' : '周会 Weekly review'} ${p.date}`,
    }),
    'en-US': (p) => ({
      fromName: 'Meetings',
      title: `New action item · ${p.due}`,
      body: `${p.text}\n${p.by} · ${p.kind === 'debrief' ? 'Debrief' : 'Weekly review'} ${p.date}`,
    }),
  }),

  'meeting.action_item_overdue': message<{ due: string; text: string; owner: string }>({
    'zh-CN': (p) => ({
      fromName: '例会 Meetings',
      title: `待办逾期 Action item overdue · ${p.due}`,
      body: `${p.text}\n${p.owner} · 截止 due ${p.due}`,
    }),
    'en-US': (p) => ({ fromName: 'Meetings', title: `Action item overdue · ${p.due}`, body: `${p.text}\n${p.owner} · due ${p.due}` }),
  }),

  'patrol.round_alert': message<{ status: 'missed' | 'late'; route: LocalText; at: string; missed: LocalText[]; late: LocalText[] }>({
    'zh-CN': (p) => ({
      fromName: '巡视 Patrol',
      title: p.status === 'missed' ? `巡视漏检 Patrol missed · ${p.route.zh} ${p.at}` : `巡视迟到 Patrol late · ${p.route.zh} ${p.at}`,
      body: lines(
        p.missed.length > 0 && `未签到 Not reached: ${p.missed.map((c) => `${c.zh} (${c.en})`).join('、')}`,
        p.late.length > 0 && `迟到 Late: ${p.late.map((c) => `${c.zh} (${c.en})`).join('、')}`,
      ),
    }),
    'en-US': (p) => ({
      fromName: 'Patrol',
      title: `${p.status === 'missed' ? 'Patrol missed' : 'Patrol late'} · ${p.route.en} ${p.at}`,
      body: lines(
        p.missed.length > 0 && `Not reached: ${p.missed.map((c) => c.en).join(', ')}`,
        p.late.length > 0 && `Late: ${p.late.map((c) => c.en).join(', ')}`,
      ),
    }),
  }),

  'round.missed': message<{ label: LocalText; postKind: string; at: string; graceMinutes: number; proof: 'scan' | 'confirm' }>({
    'zh-CN': (p) => ({
      fromName: '巡查',
      title: `漏检:${p.label.zh}`,
      body: `${p.postKind} · ${p.at} 应完成,${p.graceMinutes} 分钟内没有${p.proof === 'scan' ? '扫码' : '确认'}`,
    }),
    'en-US': (p) => ({
      fromName: 'Rounds',
      title: `Missed: ${p.label.en}`,
      body: `${p.postKind} · due ${p.at}, not ${p.proof === 'scan' ? 'scanned' : 'confirmed'} within ${p.graceMinutes} min`,
    }),
  }),

  'supplies.low_stock': message<{ item: LocalText; store: string; onHand: number; unit: string; threshold: number }>({
    'zh-CN': (p) => ({
      fromName: '物资 Supplies',
      title: `库存预警:${p.item.zh}`,
      body: `${p.store} 现有 ${p.onHand} ${p.unit},预警线 ${p.threshold} ${p.unit}`,
    }),
    'en-US': (p) => ({
      fromName: 'Supplies',
      title: `Low stock: ${p.item.en}`,
      body: `${p.store}: ${p.onHand} ${p.unit} on hand, alert level ${p.threshold} ${p.unit}`,
    }),
  }),

  'customer.daily_summary': message<{ date: string; visits: number; guests: number; opinions: number; forms: number; link: string }>({
    'zh-CN': (p) => ({
      fromName: '客户信息 Customers',
      title: `每日客户信息汇总 ${p.date} / Daily customer summary`,
      body:
        `来访 ${p.visits} 组 ${p.guests} 人 · 客户意见 ${p.opinions} 条 · 反馈表 ${p.forms} 份\n` +
        `${p.visits} visits, ${p.guests} guests · ${p.opinions} opinions · ${p.forms} feedback forms\n` +
        p.link,
    }),
    'en-US': (p) => ({
      fromName: 'Customers',
      title: `Daily customer summary ${p.date}`,
      body: `${p.visits} visits, ${p.guests} guests · ${p.opinions} opinions · ${p.forms} feedback forms\n${p.link}`,
    }),
  }),

  'client_report.drafted': message<{ month: string }>({
    'zh-CN': (p) => ({
      fromName: '月度报告 Monthly report',
      title: `${p.month} 月度服务报告草稿已生成 / The ${p.month} client report is drafted`,
      body: '请撰写总结与改进措施后发布给甲方。Write the narrative and improvement measures, then publish it to the client.',
    }),
    'en-US': (p) => ({
      fromName: 'Monthly report',
      title: `The ${p.month} client report is drafted`,
      body: 'Write the narrative and improvement measures, then publish it to the client.',
    }),
  }),

  'client_report.published': message<{ site: string; month: string }>({
    'zh-CN': (p) => ({
      fromName: '月度报告 Monthly report',
      title: `${p.site} ${p.month} 月度服务报告已发布 / ${p.month} service report published`,
      body: '请在控制台查阅并签收。Please read it in the console and acknowledge receipt.',
    }),
    'en-US': (p) => ({
      fromName: 'Monthly report',
      title: `${p.site} ${p.month} service report published`,
      body: 'Please read it in the console and acknowledge receipt.',
    }),
  }),

  'inspection.result': message<{ mystery: boolean; post: string; toRectify: number; points: number }>({
    'zh-CN': (p) => ({
      fromName: '品质核查 Inspections',
      title: p.mystery ? '实地测评结果 Mystery visit result' : '岗位检查结果 Inspection result',
      body:
        p.toRectify > 0
          ? `${p.post}: ${p.toRectify} 项待整改,扣 ${p.points} 分 / ${p.toRectify} item(s) to rectify, ${p.points} point(s) deducted`
          : `${p.post}: 全部合格 / every item passed`,
    }),
    'en-US': (p) => ({
      fromName: 'Inspections',
      title: p.mystery ? 'Mystery visit result' : 'Inspection result',
      body: p.toRectify > 0 ? `${p.post}: ${p.toRectify} item(s) to rectify, ${p.points} point(s) deducted` : `${p.post}: every item passed`,
    }),
  }),

  'rectification.moved': message<{ action: 'fix' | 'pass' | 'redo' | 'close'; note: string }>({
    'zh-CN': (p) => ({ fromName: '品质核查 Inspections', title: RECTIFICATION_TITLES[p.action].zh, body: p.note }),
    'en-US': (p) => ({ fromName: 'Inspections', title: RECTIFICATION_TITLES[p.action].en, body: p.note }),
  }),

  'rectification.overdue': message<{ item: LocalText }>({
    'zh-CN': (p) => ({ fromName: '品质核查 Inspections', title: '整改超时 Rectification overdue', body: `${p.item.zh} · ${p.item.en}`.trim() }),
    'en-US': (p) => ({ fromName: 'Inspections', title: 'Rectification overdue', body: p.item.en || p.item.zh }),
  }),

  'complaint.new': message<{ number: number; severity: LocalText; category: LocalText; description: string }>({
    'zh-CN': (p) => ({
      fromName: '投诉 Complaints',
      title: `新投诉 New complaint #${p.number} · ${p.severity.zh}`,
      body: `${p.category.zh}: ${p.description}`,
    }),
    'en-US': (p) => ({
      fromName: 'Complaints',
      title: `New complaint #${p.number} · ${p.severity.en}`,
      body: `${p.category.en}: ${p.description}`,
    }),
  }),

  'complaint.yours': message<{ number: number; reopened: boolean; category: LocalText; description: string }>({
    'zh-CN': (p) => ({
      fromName: '投诉 Complaints',
      title: p.reopened ? `投诉重新处理 Complaint #${p.number} reopened` : `投诉待处理 Complaint #${p.number} is yours`,
      body: `${p.category.zh}: ${p.description}`.slice(0, 500),
    }),
    'en-US': (p) => ({
      fromName: 'Complaints',
      title: p.reopened ? `Complaint #${p.number} reopened` : `Complaint #${p.number} is yours`,
      body: `${p.category.en}: ${p.description}`.slice(0, 500),
    }),
  }),

  'complaint.deadline': message<{ level: 1 | 2; number: number; severity: LocalText; category: LocalText; description: string }>({
    'zh-CN': (p) => ({
      fromName: '投诉 Complaints',
      title: p.level === 1 ? `投诉超时 Complaint #${p.number} overdue` : `投诉升级 Complaint #${p.number} escalated`,
      body: `#${p.number} ${p.severity.zh} · ${p.category.zh}: ${p.description}`.slice(0, 500),
    }),
    'en-US': (p) => ({
      fromName: 'Complaints',
      title: p.level === 1 ? `Complaint #${p.number} overdue` : `Complaint #${p.number} escalated`,
      body: `#${p.number} ${p.severity.en} · ${p.category.en}: ${p.description}`.slice(0, 500),
    }),
  }),

  'visit.handoff_not_taken': message<{ target: LocalText; partySize: number; waitedS: number; limitS: number }>({
    'zh-CN': (p) => ({
      fromName: '来访 Visits',
      title: `交接无人接收:${p.target.zh} / Hand-off not taken`,
      body:
        `${p.partySize} 位客人交给${p.target.zh},${p.waitedS} 秒无人确认(时限 ${p.limitS} 秒)\n` +
        `${p.partySize} guest(s) handed to ${p.target.en}: nobody acknowledged in ${p.waitedS} s (limit ${p.limitS} s)`,
    }),
    'en-US': (p) => ({
      fromName: 'Visits',
      title: `Hand-off not taken: ${p.target.en}`,
      body: `${p.partySize} guest(s) handed to ${p.target.en}: nobody acknowledged in ${p.waitedS} s (limit ${p.limitS} s)`,
    }),
  }),

  'visit.day_end_closed': message<{ date: string; closed: number; guests: number; stages: LocalText }>({
    'zh-CN': (p) => ({
      fromName: '来访 Visits',
      title: `闭馆自动结束 ${p.closed} 组来访 / Visits closed at day end`,
      body:
        `${p.date}:${p.closed} 组(${p.guests} 人)无人登记离场,已按闭馆结束。停留环节:${p.stages.zh}\n` +
        `${p.date}: ${p.closed} visit(s) (${p.guests} guests) had no recorded departure and were closed at day end. Last stage: ${p.stages.en}`,
    }),
    'en-US': (p) => ({
      fromName: 'Visits',
      title: `${p.closed} visit(s) closed at day end`,
      body: `${p.date}: ${p.closed} visit(s) (${p.guests} guests) had no recorded departure and were closed at day end. Last stage: ${p.stages.en}`,
    }),
  }),
} satisfies Record<string, Message<never>>;

export type NoticeCode = keyof typeof NOTICE_MESSAGES;
export type NoticeParams<C extends NoticeCode> = Parameters<(typeof NOTICE_MESSAGES)[C]['zh-CN']>[0];

const isLocale = (x: string): x is Locale => x === 'zh-CN' || x === 'en-US';
/** A reader whose stored locale is unknown reads the default language, Chinese. */
export const DEFAULT_NOTICE_LOCALE: Locale = 'zh-CN';

/** The notice `code` with `params`, in `locale` (the default language for an unknown one). */
export function renderNotice<C extends NoticeCode>(code: C, params: NoticeParams<C>, locale: string): RenderedNotice {
  const render = NOTICE_MESSAGES[code][isLocale(locale) ? locale : DEFAULT_NOTICE_LOCALE] as Render<NoticeParams<C>>;
  return render(params);
}
