/**
 * Two event buses on one PostgreSQL database, as two instances have: what one publishes reaches
 * the other's listeners in the notice itself, without a read of the log. The events published
 * here are not in the log at all, so the only way the second bus can deliver them is from the
 * payload; one too large for a payload goes as a notice alone, and the second bus, finding no row
 * for it in the log, says the room skipped.
 *
 * PostgreSQL only: on SQLite there is one process and no NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import type { Logger } from '../logger.js';
import { createTestDatabase, testDialect, type TestDatabase } from '../../test/test-db.js';
import { newId } from '../ids.js';
import { PostgresEventBus } from './bus.js';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as Logger;

const ev = (room: string, seq: number, title = '新客到访'): RealtimeEvent => ({
  type: 'notification.created',
  room,
  siteId: null,
  payload: { notificationId: `n${seq}`, title, body: '', fromName: '张伟' },
  at: Date.now(),
  seq,
});

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(testDialect() !== 'postgres')('the PostgreSQL event bus between two instances (PostgreSQL only)', () => {
  let testDb: TestDatabase;
  let writer: PostgresEventBus;
  let reader: PostgresEventBus;
  const received: RealtimeEvent[] = [];
  const skipped: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const url = testDb.location.databaseUrl!;
    writer = await PostgresEventBus.start(url, quiet);
    reader = await PostgresEventBus.start(url, quiet);
    reader.subscribe((e) => received.push(e));
    reader.onSkip((room) => skipped.push(room));
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await testDb?.drop();
  });

  it('delivers the events another instance published from its notice, in order, without reading the log', async () => {
    const room = `site:${newId()}`;
    const events = [ev(room, 1), ev(room, 2), ev(room, 3)];
    await writer.publish(events.slice(0, 2));
    await writer.publish(events.slice(2));
    await until(() => received.filter((e) => e.room === room).length === 3);
    expect(received.filter((e) => e.room === room)).toEqual(events);
    expect(skipped).not.toContain(room);
  });

  it('announces an event too large for a payload, which the other instance then looks for in the log', async () => {
    const room = `site:${newId()}`;
    await writer.publish([ev(room, 1, '长'.repeat(3000))]);
    // Not in the log (nothing wrote it there): the reader read the range, found nothing, and resyncs the room.
    await until(() => skipped.includes(room));
    expect(received.filter((e) => e.room === room)).toEqual([]);
  });
});
