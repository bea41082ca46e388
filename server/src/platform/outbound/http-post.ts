/**
 * One outbound POST with the SSRF guard, a hard timeout and a bounded answer: what the delivery
 * queue and the SMS provider send through. It never throws for what the far side did (an HTTP
 * status, a reset, a timeout): the outcome says so, for the attempt log.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { OutboundUrlError, parseOutboundUrl, resolvePublicAddresses, type OutboundPolicy } from './ssrf.js';

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: OutboundPolicy;
}

export interface OutboundOutcome {
  /** The HTTP status, or null when no answer came (refused, reset, timed out, blocked). */
  statusCode: number | null;
  /** The answer (its first 64 KiB), or what went wrong; the log keeps an excerpt. */
  answer: string;
  /** Why there was no answer: a network error, a timeout, or the address refused. */
  error: 'NETWORK' | 'TIMEOUT' | 'WEBHOOK_URL_PRIVATE' | 'WEBHOOK_URL_INVALID' | null;
  durationMs: number;
}

/** How much of an answer is read (the rest is dropped) and how much is kept for the log. */
const MAX_ANSWER_BYTES = 64 * 1024;
export const ANSWER_EXCERPT_CHARS = 300;
export const answerExcerpt = (answer: string) => (answer.length > ANSWER_EXCERPT_CHARS ? `${answer.slice(0, ANSWER_EXCERPT_CHARS)}…` : answer);

export async function postOutbound(req: OutboundRequest): Promise<OutboundOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let addresses: { address: string; family: number }[];
  let url: URL;
  try {
    url = parseOutboundUrl(req.url);
    addresses = await resolvePublicAddresses(url.hostname, req.policy);
  } catch (err) {
    if (err instanceof OutboundUrlError) return { statusCode: null, answer: err.message, error: err.code, durationMs: elapsed() };
    throw err;
  }
  // The connection goes to the addresses just checked, whatever the name resolves to a moment
  // later: the check and the connection cannot be told apart by a rebinding name.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  return new Promise<OutboundOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<OutboundOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        lookup: pinned,
        // Redirects are not followed (Node never does): a 3xx is an answer like any other.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          finish({ statusCode: res.statusCode ?? null, answer: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES), error: null }),
        );
        res.on('error', (err) =>
          finish({ statusCode: res.statusCode ?? null, answer: String(err.message).slice(0, ANSWER_EXCERPT_CHARS), error: 'NETWORK' }),
        );
      },
    );
    // The whole exchange, not only an idle socket, is bounded: a receiver trickling bytes cannot hold a worker.
    const deadline = setTimeout(() => {
      finish({ statusCode: null, answer: `No answer within ${req.timeoutMs} ms`, error: 'TIMEOUT' });
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (err) => finish({ statusCode: null, answer: String(err.message).slice(0, ANSWER_EXCERPT_CHARS), error: 'NETWORK' }));
    request.end(req.body);
  });
}
