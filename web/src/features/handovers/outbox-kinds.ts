/**
 * The night handover in the phone's outbox: the handover written at the end of the shift (its
 * photos wait beside it and go first) and the incoming person's confirmation, with the tap's
 * time (the confirmation limit is judged by it). Ids are made at the tap; the server keeps each once.
 */
import type { WriteHandoverBody } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { handoverKeys, handoversApi } from './handovers-api';

/** 交接: written on the outgoing person's phone. */
export interface HandoverWriteOp {
  kind: 'handoverWrite';
  siteId: string;
  body: WriteHandoverBody;
  /** For the waiting list on screen: the post's name. */
  postName: string;
}
/** 确认交接: on the incoming person's phone. */
export interface HandoverConfirmOp {
  kind: 'handoverConfirm';
  siteId: string;
  handoverId: string;
  body: { note?: string; at: number };
  postName: string;
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    handoverWrite: HandoverWriteOp;
    handoverConfirm: HandoverConfirmOp;
  }
}

registerOutboxKind('handoverWrite', {
  key: (op) => op.body.id,
  send: (op) => handoversApi.write(op.siteId, op.body),
  apply: (op, response, { queryClient }) => {
    queryClient.setQueryData(handoverKeys.one(op.siteId, op.body.id), response);
    void queryClient.invalidateQueries({ queryKey: handoverKeys.root(op.siteId) });
  },
  describe: (op, t) => t('handovers.outbox.write', { post: op.postName }),
  group: 'handovers.outbox.group',
  carries: (op) => op.body.photoIds,
});
registerOutboxKind('handoverConfirm', {
  key: (op) => `confirm:${op.handoverId}`,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as HandoverConfirmOp['body'] };
  },
  send: (op) => handoversApi.confirm(op.siteId, op.handoverId, op.body),
  apply: (op, response, { queryClient }) => {
    queryClient.setQueryData(handoverKeys.one(op.siteId, op.handoverId), response);
    void queryClient.invalidateQueries({ queryKey: handoverKeys.root(op.siteId) });
  },
  describe: (op, t) => t('handovers.outbox.confirm', { post: op.postName }),
  group: 'handovers.outbox.group',
});
