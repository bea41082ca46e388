/**
 * Lost and found in the phone's outbox: a found item's registration (its photo waits beside it
 * and goes first) and the hand-back against the owner's signature. Ids are made at the tap; the
 * server keeps each once. Opening before two witnesses stays online: each confirms live.
 */
import type { Signature } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { lostItemKeys, lostItemsApi, type RegisterLostItemInput } from './lost-found-api';

/** 登记: a found item, with the photo taken there (`photoId`). */
export interface LostItemRegisterOp {
  kind: 'lostItemRegister';
  siteId: string;
  body: RegisterLostItemInput;
}
/** 归还: back to the owner, against their signature. */
export interface LostItemReturnOp {
  kind: 'lostItemReturn';
  siteId: string;
  lostItemId: string;
  body: { ownerName: string; ownerPhone?: string; signature: Signature };
  /** For the waiting list on screen: what goes back. */
  what: string;
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    lostItemRegister: LostItemRegisterOp;
    lostItemReturn: LostItemReturnOp;
  }
}

registerOutboxKind('lostItemRegister', {
  key: (op) => op.body.id,
  send: (op) => lostItemsApi.register(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: lostItemKeys.all(op.siteId) }),
  describe: (op, t) => t('carePhone.lost.outbox.register', { what: op.body.what }),
  group: 'carePhone.lost.outbox.group',
  carries: (op) => (op.body.photoId ? [op.body.photoId] : []),
});
registerOutboxKind('lostItemReturn', {
  key: (op) => `return:${op.lostItemId}`,
  send: (op) => lostItemsApi.returnToOwner(op.siteId, op.lostItemId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: lostItemKeys.all(op.siteId) }),
  describe: (op, t) => t('carePhone.lost.outbox.return', { what: op.what }),
  group: 'carePhone.lost.outbox.group',
});
