/**
 * A screen's write through the phone's outbox (its kind registered by the caller's feature):
 * stored on the phone first (with the photos it carries, sent first), then sent by the one sender.
 * Resolves `{ stored: true }` once the server has it, `{ stored: false }` while it waits for a
 * signal (or the answer is slow); a refusal is dropped from the outbox and thrown in the app's
 * words (`OutboxRefusal`), so the form keeps its draft and the person can fix it and send again
 * (under the same id).
 */
import { describeError } from '../api/errors';
import type { OutboxOp } from './outbox';

/** How long a screen waits for the server's answer before leaving the write to the outbox. */
export const ANSWER_WAIT_MS = 10_000;

export type OutboxWriteResult = { stored: true; response: unknown } | { stored: false };

/** A write refused (by the server, or by the phone with no signal where one is needed), in words. */
export class OutboxRefusal extends Error {}

/** The words for a failed write: the refusal's own, else as the app words any API error. */
export function describeWriteError(error: unknown): string {
  return error instanceof OutboxRefusal ? error.message : describeError(error);
}

export async function sendThroughOutbox(
  personId: string,
  ops: readonly OutboxOp[],
  key: string,
  waitMs = ANSWER_WAIT_MS,
): Promise<OutboxWriteResult> {
  // Loaded with the first write, not with the screen: the outbox stays out of the first load.
  const [{ getOutbox }, { describeOutboxError }] = await Promise.all([import('./outbox-client'), import('./outbox-labels')]);
  const outbox = getOutbox();
  await outbox.enqueue(personId, ops);
  if (!navigator.onLine) return { stored: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    outbox.waitForOutcome(key),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === null) return { stored: false };
  if (outcome.sent) return { stored: true, response: outcome.response };
  await outbox.discard(key);
  throw new OutboxRefusal(describeOutboxError(outcome.error));
}
