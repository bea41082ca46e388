/**
 * The monthly report to the developer client (甲方月度服务报告, sop-library section E "work reports").
 * A timer freezes the month's figures into a draft on the 1st; the site manager writes the narrative
 * and the improvement measures (改进措施) and publishes it once; the client's viewers read the
 * archive, download it as Excel or PDF, and acknowledge receipt (签收).
 *
 * The server turns the frozen figures into sections (figures, charts, a table) in the reader's
 * language, so the console, the workbook and the PDF show the same thing and adding a section is
 * one entry in the server's list of sections.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Instant } from './api.js';
import { LocalDate } from './standards.js';

export const CLIENT_REPORT_STATUSES = ['draft', 'published'] as const;
export type ClientReportStatus = (typeof CLIENT_REPORT_STATUSES)[number];
const ClientReportStatusSchema = Type.Unsafe<ClientReportStatus>({ type: 'string', enum: [...CLIENT_REPORT_STATUSES] });

export const ReportMonth = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM in the site time zone' });

export const CLIENT_REPORT_NARRATIVE_MAX = 8000;
export const CLIENT_REPORT_MEASURES_MAX = 20;

/** One improvement measure (改进措施): what will be done, by whom, by when. */
export const ImprovementMeasure = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500 }),
    owner: Type.String({ maxLength: 60 }),
    dueDate: Type.Union([LocalDate, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ImprovementMeasure = Static<typeof ImprovementMeasure>;

export const SaveClientReportBody = Type.Object(
  {
    narrative: Type.String({ maxLength: CLIENT_REPORT_NARRATIVE_MAX }),
    measures: Type.Array(ImprovementMeasure, { maxItems: CLIENT_REPORT_MEASURES_MAX }),
  },
  { additionalProperties: false },
);
export type SaveClientReportBody = Static<typeof SaveClientReportBody>;

export const GenerateClientReportBody = Type.Object({ month: ReportMonth }, { additionalProperties: false });
export type GenerateClientReportBody = Static<typeof GenerateClientReportBody>;

export const ClientReportParams = Type.Object({ siteId: Id, reportId: Id });
export const ClientReportViewQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false });

/** A headline figure of a section, already formatted in the reader's language ("92%", "3 分 10 秒"). */
export const ReportFigure = Type.Object({ label: Type.String(), value: Type.String() });
export type ReportFigure = Static<typeof ReportFigure>;

export const REPORT_CHART_KINDS = ['bar', 'line', 'pie'] as const;
export type ReportChartKind = (typeof REPORT_CHART_KINDS)[number];

/** A chart as data; `reportChartOption` turns it into the same ECharts option in the browser and on the server. */
export const ReportChart = Type.Object({
  key: Type.String(),
  title: Type.String(),
  kind: Type.Unsafe<ReportChartKind>({ type: 'string', enum: [...REPORT_CHART_KINDS] }),
  categories: Type.Array(Type.String()),
  series: Type.Array(Type.Object({ name: Type.String(), data: Type.Array(Type.Number()) })),
});
export type ReportChart = Static<typeof ReportChart>;

export const ReportTable = Type.Object({
  columns: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.Union([Type.String(), Type.Number()]))),
});
export type ReportTable = Static<typeof ReportTable>;

export const ReportSection = Type.Object({
  key: Type.String(),
  title: Type.String(),
  figures: Type.Array(ReportFigure),
  charts: Type.Array(ReportChart),
  table: Type.Union([ReportTable, Type.Null()]),
});
export type ReportSection = Static<typeof ReportSection>;

const PersonRef = Type.Object({ id: Id, name: Type.String() });

export const ClientReportSummary = Type.Object({
  id: Id,
  siteId: Id,
  month: ReportMonth,
  status: ClientReportStatusSchema,
  generatedAt: Instant,
  publishedAt: Type.Union([Instant, Type.Null()]),
  acknowledgedAt: Type.Union([Instant, Type.Null()]),
  acknowledgedBy: Type.Union([PersonRef, Type.Null()]),
});
export type ClientReportSummary = Static<typeof ClientReportSummary>;

export const ClientReport = Type.Object({
  ...ClientReportSummary.properties,
  siteName: Type.String(),
  /** The site's IANA time zone: the instants are shown on its clocks. */
  timeZone: Type.String(),
  /** The month's first and last site-local days. */
  fromDate: LocalDate,
  toDate: LocalDate,
  /** When the figures were frozen (the 1st's timer, or the manager's regenerate while a draft). */
  figuresAt: Instant,
  narrative: Type.String(),
  measures: Type.Array(ImprovementMeasure),
  publishedBy: Type.Union([PersonRef, Type.Null()]),
  updatedAt: Instant,
  sections: Type.Array(ReportSection),
});
export type ClientReport = Static<typeof ClientReport>;

const PALETTE = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e', '#8250df', '#0a7ea4', '#bc4c00'];

/**
 * The ECharts option of a report chart, shared by the console (canvas) and the PDF (server-side
 * SVG) so both draw the same picture. Plain JSON: contracts import nothing from ECharts.
 */
export function reportChartOption(chart: ReportChart, opts: { animation?: boolean; fontFamily?: string } = {}): Record<string, unknown> {
  const textStyle = opts.fontFamily ? { fontFamily: opts.fontFamily } : {};
  const base = { animation: opts.animation ?? true, color: PALETTE, textStyle, tooltip: { trigger: chart.kind === 'pie' ? 'item' : 'axis' } };
  if (chart.kind === 'pie') {
    const series = chart.series[0];
    return {
      ...base,
      legend: { bottom: 0, textStyle },
      series: [
        {
          type: 'pie',
          name: series?.name ?? chart.title,
          radius: ['38%', '66%'],
          center: ['50%', '45%'],
          // An explicit colour: the label's default inherits the sector's, which the PDF's SVG drawing loses.
          label: { formatter: '{b}: {c}', color: '#1f2328', ...textStyle },
          data: chart.categories.map((name, i) => ({ name, value: series?.data[i] ?? 0 })),
        },
      ],
    };
  }
  return {
    ...base,
    legend: chart.series.length > 1 ? { top: 0, textStyle } : undefined,
    grid: { left: 44, right: 16, top: chart.series.length > 1 ? 32 : 16, bottom: 28 },
    xAxis: { type: 'category', data: chart.categories, axisLabel: { hideOverlap: true, ...textStyle } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: textStyle },
    series: chart.series.map((s) => ({
      type: chart.kind,
      name: s.name,
      data: s.data,
      smooth: chart.kind === 'line' ? 0.3 : false,
      smoothMonotone: 'x',
      barMaxWidth: 24,
    })),
  };
}
