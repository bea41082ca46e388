/**
 * An .xlsx download. `asciiName` is the plain filename for clients that cannot read the
 * UTF-8 one (RFC 6266 `filename*`), which carries the real name (案场 2026-12-03 考勤.xlsx).
 * Not cached anywhere: exports hold names and personal data.
 */
import type { FastifyReply } from 'fastify';

export function sendWorkbook(reply: FastifyReply, asciiName: string, workbook: { filename: string; bytes: Buffer }) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(workbook.filename)}`)
    .send(workbook.bytes);
}
