/**
 * The report as a workbook: a cover sheet (site, month, status, the narrative and the measures),
 * then one sheet per section with its headline figures, the data behind each chart, and its table,
 * so the client can rework the numbers; in the reader's language.
 */
import type { ClientReport, Locale } from '@anchang/contracts';
import { FRAME_WORDS } from './client-reports.words.js';

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} ${n}`;
  taken.add(candidate);
  return candidate;
}

export async function reportWorkbook(report: ClientReport, locale: Locale): Promise<{ filename: string; bytes: Buffer }> {
  const w = FRAME_WORDS[locale];
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anchang';
  const taken = new Set<string>();

  const cover = wb.addWorksheet(sheetName(w.summary, taken));
  cover.columns = [{ width: 18 }, { width: 60 }, { width: 16 }, { width: 14 }];
  cover.addRow([`${report.siteName} ${w.monthTitle(report.month)} ${w.title}`]).font = { bold: true, size: 14 };
  cover.addRow([w.site, report.siteName]);
  cover.addRow([w.month, report.month]);
  cover.addRow([w.period, `${report.fromDate} – ${report.toDate}`]);
  cover.addRow([w.status, w.statuses[report.status] ?? report.status]);
  cover.addRow([]);
  cover.addRow([w.narrative]).font = { bold: true };
  const narrative = cover.addRow([report.narrative || w.noNarrative]);
  cover.mergeCells(narrative.number, 1, narrative.number, 4);
  narrative.alignment = { wrapText: true, vertical: 'top' };
  narrative.height = Math.min(400, 16 * Math.max(1, Math.ceil(report.narrative.length / 60) + report.narrative.split('\n').length));
  cover.addRow([]);
  cover.addRow([w.measures]).font = { bold: true };
  cover.addRow(['#', w.measure, w.owner, w.dueDate]).font = { bold: true };
  report.measures.forEach((m, i) => cover.addRow([i + 1, m.text, m.owner, m.dueDate ?? '']));
  if (report.measures.length === 0) cover.addRow(['', w.noMeasures]);

  for (const section of report.sections) {
    const sheet = wb.addWorksheet(sheetName(section.title, taken));
    sheet.columns = [{ width: 24 }, ...Array.from({ length: 8 }, () => ({ width: 14 }))];
    sheet.addRow([section.title]).font = { bold: true, size: 13 };
    sheet.addRow([w.figure, w.value]).font = { bold: true };
    for (const f of section.figures) sheet.addRow([f.label, f.value]);
    for (const chart of section.charts) {
      sheet.addRow([]);
      sheet.addRow([chart.title]).font = { bold: true };
      sheet.addRow(['', ...chart.series.map((s) => s.name)]).font = { bold: true };
      chart.categories.forEach((c, i) => sheet.addRow([c, ...chart.series.map((s) => s.data[i] ?? 0)]));
    }
    if (section.table) {
      sheet.addRow([]);
      sheet.addRow(section.table.columns).font = { bold: true };
      for (const row of section.table.rows) sheet.addRow(row);
    }
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${report.siteName} ${report.month} ${w.title}.xlsx`, bytes };
}
