/**
 * A site room holds every role of the site. Its events carry only what each of them may read
 * over HTTP: a colleague's anomaly note, or who scanned a checkpoint, reaches the people who
 * may read them by a refetch, never in the event itself.
 */
import type net from 'node:net';
import { newId } from '../../platform/ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Anomaly, RealtimeEvent, ServerMessage } from '@anchang/contracts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { createSiteActivity, type SiteActivity } from '../../test/site-activity.js';
import { connectSocket, type TestSocket } from '../../test/ws-client.js';

describe(`realtime payloads (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let activity: SiteActivity;
  /** Members of the room who may not read the anomaly or the scan over HTTP. */
  const listeners: { label: string; cookie: string; socket: TestSocket }[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(Date.UTC(2026, 10, 28, 2, 0)); // 10:00 at the site
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
    for (const role of ['staff', 'client_viewer'] as const) {
      const cookie = await loginAs(t.app, (await createPerson(db, site, role)).login);
      const socket = await connectSocket(base, cookie);
      socket.send({ type: 'subscribe', siteId: site.siteId });
      await socket.waitFor((m) => m.type === 'subscribed');
      listeners.push({ label: role, cookie, socket });
    }
    // A working day through the API: the staff member on the post reports an anomaly with a note.
    activity = await createSiteActivity(t.app, db, t.clock, site);
  });
  afterAll(async () => {
    for (const l of listeners) l.socket.close();
    await t.close();
  });

  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}${url}`, headers: { cookie } });
  const eventOf = <T extends RealtimeEvent['type']>(m: ServerMessage, type: T): m is ServerMessage & { type: 'event'; event: RealtimeEvent<T> } =>
    m.type === 'event' && m.event.type === type;

  it('tells the room an anomaly was reported, without the note the HTTP API keeps from them', async () => {
    const anomaly = (await get(activity.manager.cookie, `/anomalies/${activity.anomalyId}`)).json<Anomaly>();
    expect(anomaly.note).toBe('糖果不足'); // the manager reads it
    for (const { label, cookie, socket } of listeners) {
      const got = await socket.waitFor((m) => eventOf(m, 'anomaly.created'));
      expect(got.type === 'event' && got.event.payload, label).toEqual({ anomalyId: activity.anomalyId, postId: site.postId });
      expect((await get(cookie, `/anomalies/${activity.anomalyId}`)).statusCode, label).toBe(404);
      expect(JSON.stringify(socket.messages), label).not.toContain(anomaly.note);
    }
  });

  it('tells the room a checkpoint was scanned, without who scanned it', async () => {
    const checkpoint = (await get(activity.manager.cookie, `/checkpoints/${activity.checkpointId}`)).json<{ code: string }>();
    const scan = await t.app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: { cookie: activity.staff.cookie },
      payload: { id: newId(), code: checkpoint.code },
    });
    expect(scan.statusCode).toBe(201);
    for (const { label, cookie, socket } of listeners) {
      const got = await socket.waitFor((m) => eventOf(m, 'checkpoint.scanned'));
      expect(got.type === 'event' && got.event.payload, label).toEqual({ checkpointId: activity.checkpointId, zoneId: site.zoneId });
      expect([403, 404], label).toContain((await get(cookie, `/checkpoints/${activity.checkpointId}`)).statusCode);
    }
  });

  it('tells the room an inspection was submitted with its ids only; the inspection itself stays with the overseers and the person inspected', async () => {
    for (const { label, cookie, socket } of listeners) {
      const got = await socket.waitFor((m) => eventOf(m, 'inspection.submitted'));
      expect(got.type === 'event' && got.event.payload, label).toEqual({ inspectionId: activity.inspectionId, postId: site.postId });
      expect((await get(cookie, `/inspections/${activity.inspectionId}`)).statusCode, label).toBe(404);
    }
  });
});
