import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logCrash } from './crash.js';
import { runInContext } from './work-context.js';

/** A pino logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('logCrash', () => {
  it('logs an uncaught exception at fatal level with the socket and person it came from', () => {
    const { log, lines } = capture();
    logCrash(log, 'uncaughtException', new TypeError("Cannot read properties of null (reading 'type')"), {
      reqId: 'req-1',
      socketId: 'sock-1',
      personId: 'person-1',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 60,
      crash: 'uncaughtException',
      reqId: 'req-1',
      socketId: 'sock-1',
      personId: 'person-1',
      msg: 'uncaughtException: exiting',
      err: { type: 'TypeError', message: "Cannot read properties of null (reading 'type')" },
    });
    expect((lines[0]!.err as { stack: string }).stack).toContain('TypeError');
  });

  it('takes the context of the code running when none is given, and logs a rejection that is not an Error', () => {
    const { log, lines } = capture();
    runInContext({ reqId: 'req-2', personId: 'person-2' }, () => logCrash(log, 'unhandledRejection', { code: 42 }));
    expect(lines[0]).toMatchObject({
      crash: 'unhandledRejection',
      reqId: 'req-2',
      personId: 'person-2',
      err: { message: 'non-error thrown: {"code":42}' },
    });
  });
});
