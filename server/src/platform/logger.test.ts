import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { endLog } from './logger.js';

/** Keeps every libuv worker thread busy for a while, so an asynchronous file write waits its turn. */
function occupyThreadPool(iterations = 300_000): { firstFree: Promise<number>; allFree: Promise<unknown> } {
  const workers = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const jobs = Array.from({ length: workers }, () => new Promise((resolve) => crypto.pbkdf2('p', 's', iterations, 32, 'sha256', resolve)));
  return { firstFree: Promise.race(jobs).then(() => Date.now()), allFree: Promise.all(jobs) };
}

describe('endLog', () => {
  it('writes the last lines after the one still being written, all of them, when the disk is slow to take it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-log-')), 'out.log');
    const destination = pino.destination({ dest: file, sync: false });
    await once(destination, 'ready');
    const log = pino(destination);

    const busy = occupyThreadPool();
    log.info('http closed'); // handed to a worker thread, which is busy
    log.info('database closed'); // buffered behind it
    await endLog(destination, 10_000);

    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(lines).toEqual(['http closed', 'database closed']);
    await busy.allFree;
  });

  it('gives up after its time limit instead of holding a stopping process', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-log-')), 'out.log');
    const destination = pino.destination({ dest: file, sync: false });
    await once(destination, 'ready');
    const busy = occupyThreadPool(1_500_000); // well over the limit below
    pino(destination).info('stuck behind the busy workers');
    const started = Date.now();
    await endLog(destination, 100);
    const endedAt = Date.now();
    // It returned at its limit, before a worker was free to write the line it was waiting for.
    expect(endedAt - started).toBeGreaterThanOrEqual(95);
    expect(endedAt).toBeLessThan(await busy.firstFree);
    await busy.allFree;
  });
});
