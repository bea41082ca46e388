/**
 * Events are rows: a phone that reconnects gets what it missed, in order and once; a write whose
 * process died before publishing still reaches phones; on PostgreSQL every instance's phones get
 * every event once, in seq order.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent, ServerMessage } from '@anchang/contracts';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/create-db.js';
import type { App } from '../http/types.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { testDialect } from '../../test/test-db.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';
import { inTransaction, inWriteBatch } from '../tx.js';
import { EVENT_RETENTION_MS, scheduleEventPrune } from '../events/prune.js';
import { REPLAY_LIMIT } from './replay.js';

const urlOf = (app: App) => `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;

/** The socket's events of one room, in the order they arrived. */
const eventsIn = (socket: TestSocket, room: string): RealtimeEvent[] =>
  socket.messages.flatMap((m) => (m.type === 'event' && m.event.room === room ? [m.event] : []));
const titleOf = (e: RealtimeEvent) => (e.payload as { title?: string }).title;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const isNotice = (title: string) => (m: ServerMessage) => m.type === 'event' && titleOf(m.event) === title;

describe(`replay and reliable delivery (${testDialect()})`, () => {
  let t: TestApp;
  let site: TestSite;
  let siteRoom: string;
  let base: string;
  let manager: string;
  let staff: TestPerson;
  let staffCookie: string;
  /** Another instance of the app on the same database, as a second process would be. */
  const instances: { app: App; close: () => Promise<void> }[] = [];

  async function startInstance(opts: { listen: boolean }): Promise<App> {
    const database = await openDatabase(t.testDb.location);
    const app = await buildApp({ config: t.config, database, clock: t.clock, logger: false });
    if (opts.listen) await app.listen({ port: 0, host: '127.0.0.1' });
    const entry = {
      app,
      close: async () => {
        instances.splice(instances.indexOf(entry), 1);
        await app.close();
        await database.close();
      },
    };
    instances.push(entry);
    return app;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    siteRoom = `site:${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    staff = await createPerson(db, site, 'staff');
    staffCookie = await loginAs(t.app, staff.login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = urlOf(t.app);
  });
  afterAll(async () => {
    for (const i of [...instances]) await i.close();
    await t.close();
  });

  /** A site notice through HTTP, as the console sends it. */
  async function notify(title: string, opts: { url?: string; toPersonId?: string } = {}): Promise<void> {
    const res = await fetch(`${opts.url ?? base}/api/sites/${site.siteId}/notifications`, {
      method: 'POST',
      headers: { cookie: manager, 'content-type': 'application/json' },
      body: JSON.stringify({ title, toPersonId: opts.toPersonId }),
    });
    expect(res.status).toBe(201);
  }

  async function subscribedPhone(url: string, since?: number): Promise<{ phone: TestSocket; seq: number }> {
    const phone = await connectSocket(url, staffCookie);
    phone.send({ type: 'subscribe', siteId: site.siteId, since });
    const ack = await phone.waitFor((m) => m.type === 'subscribed');
    return { phone, seq: ack.type === 'subscribed' ? ack.seq : -1 };
  }

  it('gives a phone that reconnects the 50 events it missed, in order and once, then live ones without a gap', async () => {
    const { phone } = await subscribedPhone(base);
    await notify('断线前');
    const before = await phone.waitFor(isNotice('断线前'));
    const last = before.type === 'event' ? before.event.seq : -1;
    phone.close(); // the phone loses its network

    const missed = range(1, 50).map((i) => `断线期间 ${i}`);
    for (const title of missed) await notify(title);

    const again = await connectSocket(base, staffCookie);
    again.send({ type: 'subscribe', siteId: site.siteId, since: last });
    // Live writes race the replay: none may be lost or come twice.
    const racing = Promise.all([notify('重连时 1'), notify('重连时 2')]);
    const ack = await again.waitFor((m) => m.type === 'subscribed');
    await racing;
    await notify('重连后');
    await again.waitFor(isNotice('重连后'));

    const got = eventsIn(again, siteRoom);
    expect(got.map((e) => e.seq)).toEqual(range(last + 1, last + 53));
    expect(got.slice(0, 50).map(titleOf)).toEqual(missed);
    expect(got.at(-1)).toMatchObject({ payload: { title: '重连后' } });
    // The missed ones came before the acknowledgement, which says where the phone stands.
    const ackAt = again.messages.indexOf(ack);
    const lastMissedAt = again.messages.findIndex(isNotice('断线期间 50'));
    expect(lastMissedAt).toBeLessThan(ackAt);
    expect(ack.type === 'subscribed' && ack.seq).toBeGreaterThanOrEqual(last + 50);
    again.close();
  });

  it('resumes the person’s own room from the last seq the phone saw', async () => {
    const phone = await connectSocket(base, staffCookie);
    const hello = await phone.waitFor((m) => m.type === 'hello');
    const since = hello.type === 'hello' ? hello.seq : -1;
    phone.close();
    for (const i of [1, 2, 3]) await notify(`给你的第 ${i} 条`, { toPersonId: staff.id });

    const again = await connectSocket(base, staffCookie);
    await again.waitFor((m) => m.type === 'hello');
    again.send({ type: 'resume', since });
    const resumed = await again.waitFor((m) => m.type === 'resumed');
    const got = eventsIn(again, `user:${staff.id}`);
    expect(got.map((e) => e.seq)).toEqual(range(since + 1, since + 3));
    expect(got.map(titleOf)).toEqual(['给你的第 1 条', '给你的第 2 条', '给你的第 3 条']);
    expect(resumed).toEqual({ type: 'resumed', seq: since + 3 });
    again.close();
  });

  it('tells a phone too far behind to refetch instead, and follows it live from there', async () => {
    const { phone, seq: start } = await subscribedPhone(base);
    phone.close();
    // More than a replay carries: a busy afternoon while the phone was in a drawer.
    await inWriteBatch(t.app.services.deps, (batch) => {
      for (let i = 0; i <= REPLAY_LIMIT; i++) batch.emit({ siteId: site.siteId }, 'site.changed', { siteId: site.siteId });
    });
    const again = await connectSocket(base, staffCookie);
    again.send({ type: 'subscribe', siteId: site.siteId, since: start });
    const ack = await again.waitFor((m) => m.type === 'subscribed');
    expect(again.messages).toContainEqual({ type: 'resync', room: siteRoom });
    expect(ack).toEqual({ type: 'subscribed', siteId: site.siteId, seq: start + REPLAY_LIMIT + 1 });
    expect(eventsIn(again, siteRoom)).toEqual([]);
    await notify('重新同步后');
    await again.waitFor(isNotice('重新同步后'));
    expect(eventsIn(again, siteRoom).map((e) => e.seq)).toEqual([start + REPLAY_LIMIT + 2]);
    again.close();
  });

  it('still delivers an event whose writer died between the commit and the publish', async () => {
    // The process the phone is connected to commits a write and dies before publishing it.
    const doomed = await startInstance({ listen: true });
    const { phone, seq: last } = await subscribedPhone(urlOf(doomed));
    const onOther = testDialect() === 'postgres' ? await subscribedPhone(base) : null;
    doomed.services.events.publish = () => Promise.resolve();
    await notify('提交后崩溃', { url: urlOf(doomed) });
    await instances.find((i) => i.app === doomed)!.close();

    // It comes back; the phone reconnects with the last seq it saw.
    const restarted = await startInstance({ listen: true });
    const { phone: again } = await subscribedPhone(urlOf(restarted), last);
    expect(eventsIn(again, siteRoom).map(titleOf)).toEqual(['提交后崩溃']);
    expect(phone.messages.some(isNotice('提交后崩溃'))).toBe(false);
    again.close();

    if (onOther) {
      // A phone on another instance, connected all along, gets it when the writer restarts.
      await onOther.phone.waitFor(isNotice('提交后崩溃'));
      expect(eventsIn(onOther.phone, siteRoom).map((e) => e.seq)).toEqual([last + 1]);
      onOther.phone.close();
    }
    await instances.find((i) => i.app === restarted)!.close();
  });

  it.skipIf(testDialect() !== 'postgres')('gives phones on two instances every event written through either, once, in seq order', async () => {
    const second = await startInstance({ listen: true });
    const one = await subscribedPhone(base);
    const two = await subscribedPhone(urlOf(second));
    const titles = range(1, 20).map((i) => `两实例 ${i}`);
    // Pairs written at the same moment, one through each instance.
    for (let i = 0; i < titles.length; i += 2) {
      await Promise.all([notify(titles[i]!, { url: base }), notify(titles[i + 1]!, { url: urlOf(second) })]);
    }
    await notify('栅栏', { url: urlOf(second) });
    for (const { phone, seq } of [one, two]) {
      await phone.waitFor(isNotice('栅栏'));
      const got = eventsIn(phone, siteRoom);
      expect(got.map((e) => e.seq)).toEqual(range(seq + 1, seq + 21));
      expect(new Set(got.map(titleOf))).toEqual(new Set([...titles, '栅栏']));
      phone.close();
    }
    await instances.find((i) => i.app === second)!.close();
  });

  // Last: it moves the clock a week on.
  it('prunes events after a week; a phone asking for pruned ones refetches', async () => {
    const { phone, seq: start } = await subscribedPhone(base);
    phone.close();
    await notify('一周前');
    t.clock.advance(EVENT_RETENTION_MS + 86_400_000);
    await inTransaction(t.app.services.deps, (tx) => scheduleEventPrune(tx));
    t.clock.advance(86_400_000);
    expect(await t.app.services.timers.runDue()).toBeGreaterThan(0);
    const left = await t.testDb.database.db.selectFrom('events').select('seq').where('room', '=', siteRoom).execute();
    expect(left).toEqual([]);

    staffCookie = await loginAs(t.app, staff.login); // the old session expired meanwhile
    manager = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'site_manager')).login);
    const again = await connectSocket(base, staffCookie);
    again.send({ type: 'subscribe', siteId: site.siteId, since: start });
    const ack = await again.waitFor((m) => m.type === 'subscribed');
    expect(again.messages).toContainEqual({ type: 'resync', room: siteRoom });
    expect(ack).toEqual({ type: 'subscribed', siteId: site.siteId, seq: start + 1 });
    // Numbering goes on after the prune.
    await notify('一周后');
    const next = await again.waitFor(isNotice('一周后'));
    expect(next.type === 'event' && next.event.seq).toBe(start + 2);
    again.close();
  });
});
