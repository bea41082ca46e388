/** A realtime test client: connects with a session cookie, waits for messages and for the server's close. */
import WebSocket from 'ws';
import type { ServerMessage } from '@anchang/contracts';
import { rawDataToText } from '../platform/realtime/raw-data.js';

export interface TestSocket {
  /** Every message, an `events` frame unpacked into its `event` messages. */
  messages: ServerMessage[];
  /** The frames as they came. */
  frames: ServerMessage[];
  /** Sends a message as JSON text. */
  send(msg: unknown): void;
  /** Sends a frame as is: text (any bytes, valid UTF-8 or not) or binary. */
  sendRaw(data: string | Buffer, opts?: { binary?: boolean }): void;
  waitFor(pred: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Settles when the socket closes, with the close code and reason the client saw. */
  closed: Promise<{ code: number; reason: string; at: number }>;
  /** Whether the socket is still open. */
  isOpen(): boolean;
  close(): void;
}

export async function connectSocket(baseUrl: string, cookie: string, opts: { origin?: string } = {}): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/realtime`, {
    headers: { cookie, ...(opts.origin ? { origin: opts.origin } : {}) },
  });
  const messages: ServerMessage[] = [];
  const frames: ServerMessage[] = [];
  const waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(rawDataToText(data)) as ServerMessage;
    // Several events in one frame read as that many `event` messages, as the phones read them.
    const received: ServerMessage[] = frame.type === 'events' ? frame.events.map((event) => ({ type: 'event', event })) : [frame];
    frames.push(frame);
    for (const msg of received) {
      messages.push(msg);
      for (const w of [...waiters]) {
        if (w.pred(msg)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  ws.on('error', () => undefined); // a reset after open shows as the close
  return {
    messages,
    frames,
    send: (msg) => ws.send(JSON.stringify(msg)),
    sendRaw: (data, o = {}) => ws.send(data, { binary: o.binary ?? false }),
    waitFor: (pred, timeoutMs = 5000) => {
      const seen = messages.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`)), timeoutMs);
        waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close: () => ws.close(),
  };
}
