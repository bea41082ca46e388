/**
 * A stock count in the phone's outbox: the sheet's id is made when the count sheet opens, so a
 * count saved without signal (the store room is often in the basement) is stored once when it goes.
 * A count takes the server's time: it replaces on-hand when it arrives.
 */
import type { StockCountBody } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import { suppliesApi, suppliesKey } from './supplies-api';

export interface StockCountOp {
  kind: 'stockCount';
  siteId: string;
  /** The store's name as the phone showed it (for the outbox's list). */
  storeName: string;
  body: StockCountBody;
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    stockCount: StockCountOp;
  }
}

registerOutboxKind('stockCount', {
  key: (op) => op.body.id,
  send: (op) => suppliesApi.count(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: suppliesKey(op.siteId) }),
  describe: (op, t) => t('shiftPhone.outbox.kinds.stockCount', { store: op.storeName, count: op.body.lines.length }),
  group: 'shiftPhone.outbox.groups.stockCount',
});
