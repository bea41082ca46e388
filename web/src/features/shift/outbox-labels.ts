/** Words for the outbox's writes and their failures, in the current language. */
import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import type { OutboxError, OutboxItem } from './outbox';
import { textIn } from './shift-rules';

/** The server's refusal as the app words any API error (errors.<code> with its params). */
export function describeOutboxError(error: OutboxError): string {
  return describeError(new ApiError(error.status, error.code, error.params, error.message));
}

export function describeItem(item: OutboxItem, t: TFunction, locale: string): string {
  const { op } = item;
  switch (op.kind) {
    case 'clockIn':
      return t('shiftPhone.outbox.kinds.clockIn', { post: op.postName });
    case 'photo':
      return t('shiftPhone.outbox.kinds.photo');
    case 'result':
      return t('shiftPhone.outbox.kinds.result', {
        phase: t(`shiftPhone.outbox.phases.${op.phase}`),
        item: textIn(op.itemText, locale),
        result: t(`shiftPhone.result.${op.body.result}`),
      });
    case 'requisition':
      return t('shiftPhone.outbox.kinds.requisition', { count: op.body.lines.length });
    case 'opinion':
      return t('shiftPhone.outbox.kinds.opinion', { category: t(`shiftPhone.post.opinionCategories.${op.body.category}`) });
    case 'clockOut':
      return t('shiftPhone.outbox.kinds.clockOut');
    case 'visitRegister':
      return t('visits.outbox.register', { count: op.body.partySize });
    case 'visitHandoff':
      return t('visits.outbox.handoff', { count: op.partySize, to: t(`visits.targets.${op.body.to}`) });
    case 'visitAck':
      return t('visits.outbox.ack', { count: op.partySize });
    case 'hallSeat':
      return t('visits.outbox.seat', { count: op.partySize });
    case 'drinkOrder':
      return t('visits.outbox.drinks', { count: op.body.lines.reduce((n, l) => n + l.quantity, 0) });
    case 'drinkMade':
      return t('visits.outbox.made', { table: op.tableName ?? '—' });
    case 'drinkServed':
      return t('visits.outbox.served', { table: op.tableName ?? '—' });
  }
}

/**
 * How many records wait, as the person counts them: a photo travels with its checklist result,
 * so it counts only when it waits alone.
 */
export function countRecords(items: readonly OutboxItem[]): number {
  const withResult = new Set(items.flatMap((i) => (i.op.kind === 'result' && i.op.body.photoId ? [i.op.body.photoId] : [])));
  return items.filter((i) => i.op.kind !== 'photo' || !withResult.has(i.op.photoId)).length;
}
