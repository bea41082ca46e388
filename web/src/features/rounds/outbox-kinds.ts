/**
 * A round confirmation in the phone's outbox: the tap's time goes with it, so a round done inside
 * its window without signal is met when the confirmation arrives later. The slot's id is the key
 * (one confirmation per slot); a photo travels with it and goes first.
 */
import type { RoundSlot } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { roundKeys, roundsApi } from './rounds-api';

export interface RoundConfirmOp {
  kind: 'roundConfirm';
  siteId: string;
  slotId: string;
  /** The slot's label as the phone showed it (for the outbox's list). */
  label: string;
  body: { photoId?: string; at: number };
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    roundConfirm: RoundConfirmOp;
  }
}

registerOutboxKind('roundConfirm', {
  key: (op) => op.slotId,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as RoundConfirmOp['body'] };
  },
  send: (op): Promise<RoundSlot> => roundsApi.confirm(op.siteId, op.slotId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: roundKeys.root(op.siteId) }),
  describe: (op, t) => t('shiftPhone.outbox.kinds.roundConfirm', { label: op.label }),
  group: 'shiftPhone.outbox.groups.roundConfirm',
  carries: (op) => (op.body.photoId ? [op.body.photoId] : []),
});
