/**
 * Two event buses on one PostgreSQL database, as two instances have: what one publishes reaches
 * the other's listeners in the notice itself, without a read of the log. The events published
 * here are not in the log at all, so the only way the second bus can deliver them is from the
 * payload; one too large for a payload goes as a notice alone, and the second bus, finding no row
 * for it in the log, says the room skipped. A bus alone on the database sends notices alone: a
 * plain LISTEN connection of the test's own reads what goes over the channel.
 *
 * PostgreSQL only: on SQLite there is one process and no NOTIFY.
 */
import pg from 'pg';
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
  let url: string;
  /** Not a bus: sees every payload on the channel, and is not counted as an instance. */
  let probe: pg.Client;
  const payloads: string[] = [];
  let writer: PostgresEventBus;
  let reader: PostgresEventBus;
  const received: RealtimeEvent[] = [];
  const skipped: string[] = [];
  /** What went over the channel about `room`: each payload's notices and events. */
  const payloadsOf = (room: string) =>
    payloads
      .filter((p) => p.includes(JSON.stringify(room)))
      .map((p) => JSON.parse(p) as { rooms: unknown; events: unknown })
      .map(({ rooms, events }) => ({ rooms, events }));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    url = testDb.location.databaseUrl!;
    probe = new pg.Client({ connectionString: url, application_name: 'bus-test-probe' });
    await probe.connect();
    probe.on('notification', (msg) => payloads.push(msg.payload ?? ''));
    await probe.query('LISTEN anchang_events');
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await probe?.end();
    await testDb?.drop();
  });

  it('closes without reporting its own LISTEN connection as lost', async () => {
    const warnings: string[] = [];
    const log = { ...quiet, warn: (_: unknown, msg: string) => void warnings.push(msg) } as unknown as Logger;
    const bus = await PostgresEventBus.start(url, log);
    await bus.close();
    // The connection's end event comes after end() resolves, on a later turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(warnings).toEqual([]);
  });

  it('alone on the database, sends its notices without the events', async () => {
    const alone = await PostgresEventBus.start(url, quiet);
    const room = `site:${newId()}`;
    try {
      await alone.publish([ev(room, 1)]);
      await until(() => payloadsOf(room).length > 0);
      expect(payloadsOf(room)).toEqual([{ rooms: [[room, 1]], events: [] }]);
    } finally {
      await alone.close();
    }
  });

  it('delivers the events another instance published from its notice, in order, without reading the log', async () => {
    reader = await PostgresEventBus.start(url, quiet);
    reader.subscribe((e) => received.push(e));
    reader.onSkip((room) => skipped.push(room));
    // Started second, the writer counts the reader's listener.
    writer = await PostgresEventBus.start(url, quiet);
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
