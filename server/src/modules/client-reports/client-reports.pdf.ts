/**
 * The report as an A4 PDF: a title block with the site and the month, the summary figures, each
 * section's figures, charts and table, the narrative and the improvement measures, page numbers
 * and the time it was generated. Chinese text uses Noto Sans SC from the install (no system font
 * needed); charts are drawn by ECharts on the server as SVG and placed as vectors.
 *
 * Rendering is CPU work: one document at a time per process (the next waits for the previous
 * one's stream to end), and the reply streams the document as PDFKit writes it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { reportChartOption, type ClientReport, type Locale, type ReportChart, type ReportTable } from '@anchang/contracts';
import type * as EchartsModule from 'echarts';
import { FRAME_WORDS, formatInstant } from './client-reports.words.js';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'cjk-bold': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
let fonts: Record<keyof typeof FONT_FILES, Buffer> | null = null;
/** Read once (10 MB each), then kept: PDFKit embeds only the glyphs a document uses. */
const loadFonts = () =>
  (fonts ??= { cjk: readFileSync(require.resolve(FONT_FILES.cjk)), 'cjk-bold': readFileSync(require.resolve(FONT_FILES['cjk-bold'])) });

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const CONTENT_W = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN - 18;
const INK = '#1f2328';
const MUTED = '#59636e';
const ACCENT = '#1f6feb';
const RULE = '#d0d7de';
const CHART_H = 190;

let queue: Promise<void> = Promise.resolve();
/** Waits for the render before it to finish; returns the release of this one's turn. */
function takeTurn(): Promise<() => void> {
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const turn = queue.then(() => release);
  queue = queue.then(() => mine);
  return turn;
}

type Echarts = typeof EchartsModule;
let echartsModule: Promise<Echarts> | null = null;

function chartSvg(echarts: Echarts, chart: ReportChart, width: number, height: number): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(reportChartOption(chart, { animation: false, fontFamily: 'Noto Sans SC' }));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export async function renderReportPdf(report: ClientReport, locale: Locale, now: number): Promise<Readable> {
  const release = await takeTurn();
  try {
    const [{ default: PDFDocument }, { default: SVGtoPDF }, echarts] = await Promise.all([
      import('pdfkit'),
      import('svg-to-pdfkit'),
      (echartsModule ??= import('echarts')),
    ]);
    const w = FRAME_WORDS[locale];
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: `${report.siteName} ${w.monthTitle(report.month)} ${w.title}`, Author: 'Anchang', Creator: 'Anchang' },
    });
    const f = loadFonts();
    doc.registerFont('cjk', f.cjk);
    doc.registerFont('cjk-bold', f['cjk-bold']);
    doc.on('end', release);
    doc.on('error', release);
    doc.on('close', release);

    const ensureRoom = (height: number) => {
      if (doc.y + height > BOTTOM) doc.addPage();
    };
    const heading = (text: string) => {
      ensureRoom(60);
      doc.moveDown(0.6);
      const y = doc.y;
      doc.rect(MARGIN, y + 2, 4, 16).fill(ACCENT);
      doc
        .font('cjk-bold')
        .fontSize(14)
        .fillColor(INK)
        .text(text, MARGIN + 12, y, { width: CONTENT_W - 12 });
      doc.moveDown(0.4);
      doc.x = MARGIN;
    };
    const figureGrid = (figures: { label: string; value: string }[]) => {
      const perRow = 4;
      const gap = 8;
      const boxW = (CONTENT_W - gap * (perRow - 1)) / perRow;
      const boxH = 50;
      for (let i = 0; i < figures.length; i += perRow) {
        ensureRoom(boxH + gap);
        const y = doc.y;
        figures.slice(i, i + perRow).forEach((fig, j) => {
          const x = MARGIN + j * (boxW + gap);
          doc.roundedRect(x, y, boxW, boxH, 4).fillAndStroke('#f6f8fa', RULE);
          doc
            .font('cjk-bold')
            .fontSize(15)
            .fillColor(INK)
            .text(fig.value, x + 8, y + 7, { width: boxW - 16, lineBreak: false, ellipsis: true });
          doc
            .font('cjk')
            .fontSize(8.5)
            .fillColor(MUTED)
            .text(fig.label, x + 8, y + 31, { width: boxW - 16, lineBreak: false, ellipsis: true });
        });
        doc.x = MARGIN;
        doc.y = y + boxH + gap;
      }
    };
    const chartBlock = (chart: ReportChart) => {
      ensureRoom(CHART_H + 24);
      doc.font('cjk-bold').fontSize(10).fillColor(INK).text(chart.title, MARGIN, doc.y);
      const y = doc.y + 4;
      SVGtoPDF(doc, chartSvg(echarts, chart, Math.round(CONTENT_W), CHART_H), MARGIN, y, {
        width: CONTENT_W,
        height: CHART_H,
        fontCallback: () => 'cjk',
      });
      doc.x = MARGIN;
      doc.y = y + CHART_H + 6;
    };
    const table = (t: ReportTable, widths?: number[]) => {
      const cols = t.columns.length;
      const colW = widths ?? t.columns.map((_, i) => (i === 0 ? CONTENT_W * 0.34 : (CONTENT_W * 0.66) / Math.max(1, cols - 1)));
      // A column of numbers is right-aligned, its header too.
      const isNumeric = t.columns.map((_, i) => t.rows.length > 0 && t.rows.every((r) => typeof r[i] === 'number' || r[i] === ''));
      const rowOf = (cells: (string | number)[], bold: boolean, shade: boolean) => {
        doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(9);
        const heights = cells.map((c, i) => doc.heightOfString(String(c), { width: colW[i]! - 10 }));
        const h = Math.max(16, ...heights) + 8;
        ensureRoom(h);
        const y = doc.y;
        if (shade) doc.rect(MARGIN, y, CONTENT_W, h).fill('#f6f8fa');
        let x = MARGIN;
        cells.forEach((c, i) => {
          doc.fillColor(bold ? INK : '#24292f').text(String(c), x + 5, y + 4, { width: colW[i]! - 10, align: isNumeric[i] ? 'right' : 'left' });
          x += colW[i]!;
        });
        doc
          .moveTo(MARGIN, y + h)
          .lineTo(MARGIN + CONTENT_W, y + h)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc.x = MARGIN;
        doc.y = y + h;
      };
      rowOf(t.columns, true, true);
      t.rows.forEach((r) => rowOf(r, false, false));
      doc.moveDown(0.5);
    };

    // Title block.
    doc.rect(0, 0, A4.width, 150).fill('#0b3d91');
    doc.font('cjk').fontSize(11).fillColor('#c9d8f5').text('MONTHLY SERVICE REPORT', MARGIN, 40, { characterSpacing: 1.5 });
    doc.font('cjk-bold').fontSize(24).fillColor('#ffffff').text(`${report.siteName}`, MARGIN, 60, { width: CONTENT_W });
    doc
      .font('cjk')
      .fontSize(15)
      .fillColor('#ffffff')
      .text(`${w.monthTitle(report.month)} ${w.title}`, MARGIN, 96, { width: CONTENT_W });
    doc.y = 172;
    doc.x = MARGIN;
    const meta: [string, string][] = [
      [w.period, `${report.fromDate} – ${report.toDate}`],
      [w.status, w.statuses[report.status] ?? report.status],
      [
        w.publishedAt,
        report.publishedAt
          ? `${formatInstant(report.publishedAt, report.timeZone)}${report.publishedBy ? ` · ${report.publishedBy.name}` : ''}`
          : '—',
      ],
      [
        w.acknowledgedAt,
        report.acknowledgedAt
          ? `${formatInstant(report.acknowledgedAt, report.timeZone)}${report.acknowledgedBy ? ` · ${report.acknowledgedBy.name}` : ''}`
          : w.notYet,
      ],
    ];
    for (const [label, value] of meta) {
      const y = doc.y;
      doc.font('cjk').fontSize(10).fillColor(MUTED).text(label, MARGIN, y, { width: 90 });
      doc
        .font('cjk')
        .fontSize(10)
        .fillColor(INK)
        .text(value, MARGIN + 90, y, { width: CONTENT_W - 90 });
      doc.moveDown(0.2);
    }

    const summary = report.sections.flatMap((s) => s.figures.slice(0, 2));
    if (summary.length > 0) {
      heading(w.summary);
      figureGrid(summary.slice(0, 8));
    }

    for (const section of report.sections) {
      heading(section.title);
      figureGrid(section.figures);
      for (const chart of section.charts) chartBlock(chart);
      if (section.table && section.table.rows.length > 0) table(section.table);
    }

    heading(w.narrative);
    doc
      .font('cjk')
      .fontSize(10.5)
      .fillColor(INK)
      .text(report.narrative || w.noNarrative, MARGIN, doc.y, { width: CONTENT_W, lineGap: 3 });
    heading(w.measures);
    if (report.measures.length === 0) doc.font('cjk').fontSize(10).fillColor(MUTED).text(w.noMeasures, MARGIN, doc.y);
    else
      table(
        {
          columns: ['#', w.measure, w.owner, w.dueDate],
          rows: report.measures.map((m, i) => [String(i + 1), m.text, m.owner || '—', m.dueDate ?? '—']),
        },
        [28, CONTENT_W - 28 - 100 - 90, 100, 90],
      );

    // Footers, once every page exists: the page count is known only now.
    const range = doc.bufferedPageRange();
    const generated = `${w.generatedAt} ${formatInstant(now, report.timeZone)}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing below the bottom margin would add a page: lift it for the footer.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = A4.height - MARGIN + 8;
      doc
        .moveTo(MARGIN, y - 6)
        .lineTo(A4.width - MARGIN, y - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.font('cjk').fontSize(8).fillColor(MUTED);
      doc.text(`${report.siteName} · ${w.monthTitle(report.month)} ${w.title} · ${generated}`, MARGIN, y, {
        width: CONTENT_W * 0.75,
        lineBreak: false,
        ellipsis: true,
      });
      doc.text(w.page(i - range.start + 1, range.count), MARGIN, y, { width: CONTENT_W, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return doc;
  } catch (err) {
    release();
    throw err;
  }
}
