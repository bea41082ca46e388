/** The words of the report's frame (the sections bring their own), in both languages. */
import type { Locale } from '@anchang/contracts';

export interface FrameWords {
  title: string;
  site: string;
  month: string;
  period: string;
  status: string;
  statuses: Record<string, string>;
  publishedAt: string;
  acknowledgedAt: string;
  acknowledgedBy: string;
  generatedAt: string;
  summary: string;
  narrative: string;
  measures: string;
  measure: string;
  owner: string;
  dueDate: string;
  noMeasures: string;
  noNarrative: string;
  figure: string;
  value: string;
  page: (n: number, of: number) => string;
  monthTitle: (month: string) => string;
  notYet: string;
}

export const FRAME_WORDS: Record<Locale, FrameWords> = {
  'zh-CN': {
    title: '月度服务报告',
    site: '案场',
    month: '月份',
    period: '统计期间',
    status: '状态',
    statuses: { draft: '草稿', published: '已发布' },
    publishedAt: '发布时间',
    acknowledgedAt: '签收时间',
    acknowledgedBy: '签收人',
    generatedAt: '生成时间',
    summary: '概要',
    narrative: '本月总结',
    measures: '改进措施',
    measure: '措施',
    owner: '负责人',
    dueDate: '完成期限',
    noMeasures: '本月无改进措施',
    noNarrative: '(尚未撰写)',
    figure: '指标',
    value: '数值',
    page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
    monthTitle: (month) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`,
    notYet: '未签收',
  },
  'en-US': {
    title: 'Monthly service report',
    site: 'Site',
    month: 'Month',
    period: 'Period',
    status: 'Status',
    statuses: { draft: 'Draft', published: 'Published' },
    publishedAt: 'Published',
    acknowledgedAt: 'Acknowledged',
    acknowledgedBy: 'Acknowledged by',
    generatedAt: 'Generated',
    summary: 'Summary',
    narrative: 'The month in review',
    measures: 'Improvement measures',
    measure: 'Measure',
    owner: 'Owner',
    dueDate: 'Due',
    noMeasures: 'No improvement measures this month',
    noNarrative: '(not written yet)',
    figure: 'Figure',
    value: 'Value',
    page: (n, of) => `Page ${n} of ${of}`,
    monthTitle: (month) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }),
    notYet: 'Not acknowledged',
  },
};

/** An instant as the site's readers write it (YYYY-MM-DD HH:MM in the site's time zone). */
export function formatInstant(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const p: Record<string, string> = {};
  for (const x of parts) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
