/**
 * An incident report in the phone's outbox: its id, photo id and time are made at the tap, its
 * photo waits beside it as bytes and goes first, and the server keeps the report once.
 */
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { incidentKeys, incidentsApi, type ReportIncidentInput } from './incidents-api';

export interface IncidentReportOp {
  kind: 'incidentReport';
  siteId: string;
  body: ReportIncidentInput & { at: number };
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    incidentReport: IncidentReportOp;
  }
}

registerOutboxKind('incidentReport', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as IncidentReportOp['body'] };
  },
  send: (op) => incidentsApi.report(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: incidentKeys.all(op.siteId) }),
  describe: (op, t) => t('shiftPhone.outbox.kinds.incident', { kind: t(`incidents.kinds.${op.body.kind}`) }),
  group: 'shiftPhone.outbox.groups.incident',
  carries: (op) => (op.body.photoId ? [op.body.photoId] : []),
});
