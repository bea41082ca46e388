/**
 * The shift's writes in the phone's outbox: clock-in, checklist results, requisitions, opinions,
 * clock-out. Each carries the id made at the tap; clock-in, results and clock-out also the tap's time.
 */
import type {
  ClockInBody,
  ClockOutBody,
  CreateOpinionBody,
  CreateRequisitionBody,
  MyDay,
  PageOf,
  Phase,
  PostKind,
  RecordResultBody,
  Requisition,
  ShiftDetail,
  Text,
} from '@anchang/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { rememberSentOpinion } from './sent-opinions';
import { textIn } from './shift-rules';
import { shiftApi, shiftKeys } from './shift-api';
import { anomalyKeys } from '../anomalies/anomalies-api';
import { opinionsApi, requisitionKeys, requisitionsApi } from '../forms/forms-api';

export type { PhotoOp } from '../../shared/offline/photo-outbox';

/** A clock-in, with what the phone shows while it waits (the roster line it is for). */
export interface ClockInOp {
  kind: 'clockIn';
  siteId: string;
  body: ClockInBody & { at: number };
  entryId: string;
  postName: string;
  postKind: PostKind;
  start: string;
  end: string;
}
export interface ResultOp {
  kind: 'result';
  siteId: string;
  shiftId: string;
  body: RecordResultBody;
  /** For the waiting list on screen (not sent): which item of which phase. */
  phase: Phase;
  itemText: Text;
}
export interface RequisitionOp {
  kind: 'requisition';
  siteId: string;
  body: CreateRequisitionBody;
}
export interface OpinionOp {
  kind: 'opinion';
  siteId: string;
  body: CreateOpinionBody;
}
export interface ClockOutOp {
  kind: 'clockOut';
  siteId: string;
  shiftId: string;
  body: ClockOutBody;
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    clockIn: ClockInOp;
    result: ResultOp;
    requisition: RequisitionOp;
    opinion: OpinionOp;
    clockOut: ClockOutOp;
  }
}

function withoutAt<Op extends { body: { at?: number } }>(op: Op): Op {
  const { at: _at, ...body } = op.body;
  return { ...op, body };
}

function applyShift(queryClient: QueryClient, op: ClockInOp | ClockOutOp, detail: ShiftDetail): void {
  queryClient.setQueryData(shiftKeys.one(op.siteId, detail.shift.id), detail);
  queryClient.setQueryData<MyDay>(shiftKeys.myDay(op.siteId), (day) =>
    day
      ? {
          ...day,
          openShift: detail.shift.status === 'open' ? detail.shift : null,
          roster: day.roster.map((line) => (op.kind === 'clockIn' && line.entry.id === op.entryId ? { ...line, shiftId: detail.shift.id } : line)),
        }
      : day,
  );
  void queryClient.invalidateQueries({ queryKey: shiftKeys.myDay(op.siteId) });
}

registerOutboxKind('clockIn', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => shiftApi.clockIn(op.siteId, op.body),
  apply: (op, response, { queryClient }) => applyShift(queryClient, op, response as ShiftDetail),
  describe: (op, t) => t('shiftPhone.outbox.kinds.clockIn', { post: op.postName }),
  group: 'shiftPhone.outbox.groups.clockIn',
});

registerOutboxKind('result', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => shiftApi.recordResult(op.siteId, op.shiftId, op.body),
  apply: (op, response, { queryClient }) => {
    queryClient.setQueryData<ShiftDetail>(shiftKeys.one(op.siteId, op.shiftId), response as ShiftDetail);
    if (op.body.result === 'anomaly') void queryClient.invalidateQueries({ queryKey: anomalyKeys.root(op.siteId) });
  },
  describe: (op, t, locale) =>
    t('shiftPhone.outbox.kinds.result', {
      phase: t(`shiftPhone.outbox.phases.${op.phase}`),
      item: textIn(op.itemText, locale),
      result: t(`shiftPhone.result.${op.body.result}`),
    }),
  group: 'shiftPhone.outbox.groups.result',
  carries: (op) => (op.body.photoId ? [op.body.photoId] : []),
});

registerOutboxKind('requisition', {
  key: (op) => op.body.id,
  send: (op) => requisitionsApi.create(op.siteId, op.body),
  apply: (op, response, { queryClient }) => {
    const created = response as Requisition;
    queryClient.setQueryData<PageOf<Requisition>>(requisitionKeys.list(op.siteId, 'mine'), (page) =>
      page && !page.items.some((r) => r.id === created.id) ? { ...page, items: [created, ...page.items] } : page,
    );
    void queryClient.invalidateQueries({ queryKey: requisitionKeys.root(op.siteId) });
  },
  describe: (op, t) => t('shiftPhone.outbox.kinds.requisition', { count: op.body.lines.length }),
  group: 'shiftPhone.outbox.groups.requisition',
});

registerOutboxKind('opinion', {
  key: (op) => op.body.id,
  send: (op) => opinionsApi.create(op.siteId, op.body),
  apply: (op, _response, { personId }) => rememberSentOpinion(personId, { ...op.body, siteId: op.siteId, sentAt: Date.now() }),
  describe: (op, t) => t('shiftPhone.outbox.kinds.opinion', { category: t(`shiftPhone.post.opinionCategories.${op.body.category}`) }),
  group: 'shiftPhone.outbox.groups.opinion',
});

registerOutboxKind('clockOut', {
  key: () => {
    throw new Error('a clock-out needs its own key');
  },
  tapTime: (op) => op.body.at,
  withoutTime: withoutAt,
  send: (op) => shiftApi.clockOut(op.siteId, op.shiftId, op.body),
  apply: (op, response, { queryClient }) => applyShift(queryClient, op, response as ShiftDetail),
  describe: (_op, t) => t('shiftPhone.outbox.kinds.clockOut'),
  group: 'shiftPhone.outbox.groups.clockOut',
});
