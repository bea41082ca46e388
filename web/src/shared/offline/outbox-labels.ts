/** Words for the outbox's writes and their failures, in the current language, from the registry. */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { describeError } from '../api/errors';
import type { OutboxError, OutboxItem } from './outbox';
import { outboxKind } from './outbox-registry';

/** The server's refusal as the app words any API error (errors.<code> with its params). */
export function describeOutboxError(error: OutboxError): string {
  return describeError(new ApiError(error.status, error.code, error.params, error.message));
}

export function describeItem(item: OutboxItem, t: TFunction, locale: string): string {
  const kind = outboxKind(item.op.kind);
  // A kind whose feature has not loaded yet (just after a reload): the generic word.
  return kind ? kind.describe(item.op, t, locale) : t('shiftPhone.outbox.kinds.other');
}
