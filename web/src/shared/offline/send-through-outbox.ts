/**
 * A screen's write through the phone's outbox (its kind registered by the caller's feature): stored on the phone first (its photos before
 * it), then sent by the outbox's sender. Resolves `true` once the server has it, `false` while it
 * waits for the signal (or the answer is slow); a refusal is dropped from the outbox and thrown
 * with its words, so the form keeps its draft and says why.
 */
import { describeError } from '../api/errors';
import { getOutbox } from './outbox-client';
import type { OutboxOp } from './outbox';
import { describeOutboxError } from './outbox-labels';

/** How long a write waits for the server's answer before it is left to the outbox (bad signal). */
export const ANSWER_WAIT_MS = 10_000;

/** A write refused (by the server, or by the phone with no signal where one is needed), in words. */
export class OutboxRefusal extends Error {}

/** The words for a failed write: the refusal's own, else as the app words any API error. */
export function describeWriteError(error: unknown): string {
  return error instanceof OutboxRefusal ? error.message : describeError(error);
}

export async function sendThroughOutbox(personId: string, ops: readonly OutboxOp[], key: string, answerWaitMs = ANSWER_WAIT_MS): Promise<boolean> {
  const outbox = getOutbox();
  await outbox.enqueue(personId, ops);
  if (!navigator.onLine) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    outbox.waitForOutcome(key),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), answerWaitMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === null) return false;
  if (outcome.sent) return true;
  await outbox.discard(key);
  throw new OutboxRefusal(describeOutboxError(outcome.error));
}
