/**
 * The realtime socket cannot be broken from the outside: whatever a signed-in client sends, it
 * gets an error frame with a code or a close with a code, and the server goes on serving
 * everyone else (it answers HTTP, and another socket still receives the site's events).
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_CLOSE, type ServerMessage } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';

describe(`realtime protocol under abuse (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let attacker: string;
  let watcher: TestSocket;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    // The least of the roles: the developer client's viewer.
    attacker = await loginAs(t.app, (await createPerson(db, site, 'client_viewer')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
    watcher = await connectSocket(base, await loginAs(t.app, (await createPerson(db, site, 'staff')).login));
    watcher.send({ type: 'subscribe', siteId: site.siteId });
    await watcher.waitFor((m) => m.type === 'subscribed');
  });
  afterAll(async () => {
    watcher.close();
    await t.close();
  });

  /** The server still serves: HTTP answers, and a real write reaches another socket. */
  async function expectServerServing(): Promise<void> {
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const title = `still here ${newId()}`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sites/${site.siteId}/notifications`,
      headers: { cookie: manager },
      payload: { title },
    });
    expect(res.statusCode).toBe(201);
    await watcher.waitFor(
      (m) => m.type === 'event' && m.event.type === 'notification.created' && (m.event.payload as { title: string }).title === title,
    );
  }

  /** Opens a socket, sends the frames, returns it after the hello. */
  async function attack(): Promise<TestSocket> {
    const socket = await connectSocket(base, attacker);
    await socket.waitFor((m) => m.type === 'hello');
    return socket;
  }

  const errorCode = (m: ServerMessage) => (m.type === 'error' ? m.code : null);

  const invalid: [string, string][] = [
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"subscribe"'],
    ['a boolean', 'true'],
    ['an empty array', '[]'],
    ['an array of messages', '[{"type":"ping"}]'],
    ['an object without a type', '{}'],
    ['an unknown type', '{"type":"drop_tables"}'],
    ['a type that is not a string', '{"type":{"toString":null}}'],
    ['an extra field', '{"type":"ping","admin":true}'],
    ['a __proto__ field', '{"type":"ping","__proto__":{"admin":true}}'],
    ['a subscribe without a site', '{"type":"subscribe"}'],
    ['a site id that is not an id', '{"type":"subscribe","siteId":"../../etc"}'],
    ['a site id that is a number', '{"type":"subscribe","siteId":7}'],
    ['a negative since', `{"type":"subscribe","siteId":"${newId()}","since":-1}`],
    ['a fractional since', '{"type":"resume","since":1.5}'],
    ['a since as text', '{"type":"resume","since":"0"}'],
    ['deep nesting in a field', `{"type":"subscribe","siteId":${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['deep nesting', `${'['.repeat(7000)}${']'.repeat(7000)}`],
    ['deep nesting of objects', `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`],
  ];

  it.each(invalid)('answers %s with VALIDATION_FAILED and keeps the socket', async (_label, frame) => {
    const socket = await attack();
    socket.sendRaw(frame);
    expect(errorCode(await socket.waitFor((m) => m.type === 'error'))).toBe('VALIDATION_FAILED');
    socket.send({ type: 'ping' });
    await socket.waitFor((m) => m.type === 'pong');
    socket.close();
    await socket.closed;
    await expectServerServing();
  });

  it.each([
    ['text that is not JSON', '{"type":"ping"', 'MALFORMED_JSON'],
    ['an empty frame', '', 'MALFORMED_JSON'],
  ])('answers %s with its code', async (_label, frame, code) => {
    const socket = await attack();
    socket.sendRaw(frame);
    expect(errorCode(await socket.waitFor((m) => m.type === 'error'))).toBe(code);
    await expectServerServing();
    socket.close();
  });

  it('answers a binary frame and text that is not UTF-8 with their codes, and the socket goes on', async () => {
    const socket = await attack();
    socket.sendRaw(Buffer.from(JSON.stringify({ type: 'ping' })), { binary: true });
    expect(errorCode(await socket.waitFor((m) => m.type === 'error'))).toBe('SOCKET_BINARY_NOT_ACCEPTED');
    socket.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]));
    await socket.waitFor((m) => m.type === 'error' && m.code === 'SOCKET_TEXT_NOT_UTF8');
    socket.send({ type: 'ping' });
    await socket.waitFor((m) => m.type === 'pong');
    await expectServerServing();
    socket.close();
  });

  it('takes the protocol’s messages: ping, subscribe with since, resume, unsubscribe', async () => {
    const socket = await attack();
    socket.send({ type: 'subscribe', siteId: site.siteId, since: 12 });
    await socket.waitFor((m) => m.type === 'subscribed');
    socket.send({ type: 'resume', since: 0 });
    socket.send({ type: 'unsubscribe', siteId: site.siteId });
    socket.send({ type: 'ping' });
    await socket.waitFor((m) => m.type === 'pong');
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
    // Unsubscribed: the site's next event does not reach it (what came before may be the
    // replay of events after seq 12, written by the earlier tests).
    const seenBefore = socket.messages.length;
    await expectServerServing();
    expect(socket.messages.slice(seenBefore).some((m) => m.type === 'event' && m.event.room === `site:${site.siteId}`)).toBe(false);
    socket.close();
  });

  it('closes a socket that sends a frame over the limit with 1009', async () => {
    const socket = await attack();
    socket.sendRaw('x'.repeat(1024 * 1024));
    expect((await socket.closed).code).toBe(SOCKET_CLOSE.TOO_BIG);
    await expectServerServing();
  });

  it('closes a socket that floods 10,000 messages with 4429, after answering no more than its burst', async () => {
    const socket = await attack();
    for (let i = 0; i < 10_000; i++) socket.send({ type: 'ping' });
    const { code } = await socket.closed;
    expect(code).toBe(SOCKET_CLOSE.RATE_LIMITED);
    const pongs = socket.messages.filter((m) => m.type === 'pong').length;
    expect(pongs).toBeGreaterThan(0);
    expect(pongs).toBeLessThanOrEqual(t.config.realtime.messageBurst);
    await expectServerServing();
  });

  it('lets a client send its messages again as time passes (the bucket refills)', async () => {
    const socket = await attack();
    const burst = t.config.realtime.messageBurst;
    for (let i = 0; i < burst; i++) socket.send({ type: 'ping' });
    await socket.waitFor(() => socket.messages.filter((m) => m.type === 'pong').length === burst);
    t.clock.advance(1000); // messagesPerSecond more
    for (let i = 0; i < t.config.realtime.messagesPerSecond; i++) socket.send({ type: 'ping' });
    await socket.waitFor(() => socket.messages.filter((m) => m.type === 'pong').length === burst + t.config.realtime.messagesPerSecond);
    expect(socket.isOpen()).toBe(true);
    socket.close();
  });

  it('keeps a session to its number of sockets: the oldest gives way with 4409', async () => {
    const cookie = await loginAs(t.app, (await createPerson(t.testDb.database.db, site, 'staff')).login);
    const limit = t.config.realtime.socketsPerSession;
    const sockets: TestSocket[] = [];
    for (let i = 0; i <= limit; i++) {
      const s = await connectSocket(base, cookie);
      await s.waitFor((m) => m.type === 'hello');
      sockets.push(s);
    }
    expect((await sockets[0]!.closed).code).toBe(SOCKET_CLOSE.REPLACED);
    for (const s of sockets.slice(1)) {
      s.send({ type: 'ping' });
      await s.waitFor((m) => m.type === 'pong');
      s.close();
    }
    await expectServerServing();
  });
});
