import { Type } from '@sinclair/typebox';
import { DayBoard, LocalDate, LocaleSchema, SiteParams } from '@anchang/contracts';
import { readerLocale } from '../../platform/http/reader-locale.js';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { exportDayWorkbook, getDayBoard } from './day-board.service.js';
import { sendWorkbook } from '../../platform/http/workbook-reply.js';

const BoardQuery = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });
// `lang`: the reader's UI language for the workbook's words (else Accept-Language).
const ExportQuery = Type.Object({ date: Type.Optional(LocalDate), lang: Type.Optional(LocaleSchema) }, { additionalProperties: false });

export function registerDayBoardRoutes(app: App, deps: Deps): void {
  const tags = ['day-board'];
  // One row per post of the site: bounded by the site's posts, not paged.
  app.get(
    '/sites/:siteId/day-board',
    {
      schema: {
        tags,
        summary: "Every post's people, attendance, checklist progress and anomalies for a day",
        params: SiteParams,
        querystring: BoardQuery,
        response: { 200: DayBoard },
      },
    },
    (req) => getDayBoard(deps, req.actor, req.params.siteId, req.query.date),
  );
  app.get(
    '/sites/:siteId/day-board/export',
    {
      schema: {
        tags,
        summary: "The day's attendance, checklists and anomalies as .xlsx",
        params: SiteParams,
        querystring: ExportQuery,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }) },
      },
    },
    async (req, reply) => {
      const workbook = await exportDayWorkbook(
        deps,
        req.actor,
        req.params.siteId,
        req.query.date,
        readerLocale(req.query.lang, req.headers['accept-language']),
      );
      return sendWorkbook(reply, 'day.xlsx', workbook);
    },
  );
}
