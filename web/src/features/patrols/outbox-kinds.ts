/**
 * A checkpoint scan in the phone's outbox: the scan's id and time are made when the QR is opened,
 * so a scan without signal proves the place at the time it was made, once.
 */
import type { ScanResult } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import { checkpointsApi } from '../checkpoints/checkpoints-api';
import { patrolKeys } from './patrols-api';

export interface ScanOp {
  kind: 'scan';
  /** The site the phone was on (the code itself decides the checkpoint's site). */
  siteId: string;
  body: { id: string; code: string; lat?: number; lng?: number; accuracyM?: number; at: number };
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    scan: ScanOp;
  }
}

registerOutboxKind('scan', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as ScanOp['body'] };
  },
  send: (op): Promise<ScanResult> => checkpointsApi.scan(op.body),
  apply: (op, response, { queryClient }) => {
    void queryClient.invalidateQueries({ queryKey: ['public-checkpoint', op.body.code] });
    void queryClient.invalidateQueries({ queryKey: patrolKeys.myRounds((response as ScanResult).siteId) });
  },
  describe: (_op, t) => t('shiftPhone.outbox.kinds.scan'),
  group: 'shiftPhone.outbox.groups.scan',
});
