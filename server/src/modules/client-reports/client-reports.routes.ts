import {
  ClientReport,
  ClientReportParams,
  ClientReportSummary,
  ClientReportViewQuery,
  GenerateClientReportBody,
  Page,
  PageQuery,
  SaveClientReportBody,
  SiteParams,
} from '@anchang/contracts';
import { Type } from '@sinclair/typebox';
import { readerLocale } from '../../platform/http/reader-locale.js';
import type { App } from '../../platform/http/types.js';
import { sendWorkbook } from '../../platform/http/workbook-reply.js';
import type { Deps } from '../../platform/tx.js';
import { reportWorkbook } from './client-reports.export.js';
import { renderReportPdf } from './client-reports.pdf.js';
import {
  acknowledgeReport,
  createReportByHand,
  getReport,
  listReports,
  loadReportForExport,
  publishReport,
  regenerateFigures,
  saveDraft,
} from './client-reports.service.js';

const Binary = Type.Unsafe({ type: 'string', format: 'binary' });

export function registerClientReportRoutes(app: App, deps: Deps): void {
  const tags = ['client-reports'];
  const base = '/sites/:siteId/client-reports';
  const localeOf = (req: { query: { lang?: string }; headers: { 'accept-language'?: string } }) =>
    readerLocale(req.query.lang, req.headers['accept-language']);

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The site's monthly client reports, newest first (the client's viewers: published ones only)",
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(ClientReportSummary) },
      },
    },
    (req) => listReports(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Draft the report of a month that has ended (the timer drafts each month on the 1st)',
        params: SiteParams,
        querystring: ClientReportViewQuery,
        body: GenerateClientReportBody,
        response: { 201: ClientReport },
      },
    },
    async (req, reply) => reply.code(201).send(await createReportByHand(deps, req.actor, req.params.siteId, req.body.month, localeOf(req))),
  );
  app.get(
    `${base}/:reportId`,
    {
      schema: {
        tags,
        summary: 'One report with its sections in the reader’s language',
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        response: { 200: ClientReport },
      },
    },
    (req) => getReport(deps, req.actor, req.params.siteId, req.params.reportId, localeOf(req)),
  );
  app.put(
    `${base}/:reportId`,
    {
      schema: {
        tags,
        summary: "Save the draft's narrative and improvement measures",
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        body: SaveClientReportBody,
        response: { 200: ClientReport },
      },
    },
    (req) => saveDraft(deps, req.actor, req.params.siteId, req.params.reportId, req.body, localeOf(req)),
  );
  app.post(
    `${base}/:reportId/regenerate`,
    {
      schema: {
        tags,
        summary: "Freeze the draft's figures again from the records as they are now",
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        response: { 200: ClientReport },
      },
    },
    (req) => regenerateFigures(deps, req.actor, req.params.siteId, req.params.reportId, localeOf(req)),
  );
  app.post(
    `${base}/:reportId/publish`,
    {
      schema: {
        tags,
        summary: "Publish the draft to the client's viewers (once)",
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        response: { 200: ClientReport },
      },
    },
    (req) => publishReport(deps, req.actor, req.params.siteId, req.params.reportId, localeOf(req)),
  );
  app.post(
    `${base}/:reportId/acknowledge`,
    {
      schema: {
        tags,
        summary: 'The client acknowledges receipt (签收), once; a second call answers the first record',
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        response: { 200: ClientReport },
      },
    },
    (req) => acknowledgeReport(deps, req.actor, req.params.siteId, req.params.reportId, localeOf(req)),
  );
  app.get(
    `${base}/:reportId/export.xlsx`,
    { schema: { tags, summary: 'The report as .xlsx', params: ClientReportParams, querystring: ClientReportViewQuery, response: { 200: Binary } } },
    async (req, reply) => {
      const locale = localeOf(req);
      const report = await loadReportForExport(deps, req.actor, req.params.siteId, req.params.reportId, locale);
      return sendWorkbook(reply, `client-report-${report.month}.xlsx`, await reportWorkbook(report, locale));
    },
  );
  app.get(
    `${base}/:reportId/export.pdf`,
    {
      schema: {
        tags,
        summary: 'The report as an A4 PDF with its charts',
        params: ClientReportParams,
        querystring: ClientReportViewQuery,
        response: { 200: Binary },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req);
      const report = await loadReportForExport(deps, req.actor, req.params.siteId, req.params.reportId, locale);
      const filename = `${report.siteName} ${report.month} ${locale === 'zh-CN' ? '月度服务报告' : 'service report'}.pdf`;
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="client-report-${report.month}.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(await renderReportPdf(report, locale, deps.clock.now()));
    },
  );
}
