import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageOf, Question, Visit } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { connectSocket } from '../../test/ws-client.js';

const TEN = Date.UTC(2026, 10, 28, 2, 0); // 10:00 in Shanghai

describe(`questions for sales, GUARD-IN-7 (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let server: string;
  let concierge: { id: string; cookie: string };
  let viewer: string;
  let mine: { id: string; cookie: string };
  let other: { id: string; cookie: string };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    const person = async (role: 'staff' | 'sales_consultant') => {
      const p = await createPerson(db, site, role, role === 'staff' ? { postIds: [site.postId] } : {});
      return { id: p.id, cookie: await loginAs(t.app, p.login) };
    };
    concierge = await person('staff');
    mine = await person('sales_consultant');
    other = await person('sales_consultant');
    viewer = await loginAs(t.app, (await createPerson(db, site, 'client_viewer')).login);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const error = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error;
  const walkIn = async () => (await call(concierge.cookie, 'POST', '/visits', { id: newId(), partySize: 2, arrivalMode: 'walk_in' })).json<Visit>();
  const openFor = async (cookie: string) =>
    (await call(cookie, 'GET', '/questions?to=me&status=open')).json<PageOf<Question>>().items.map((q) => q.id);

  it("rings the visit's consultant, who answers; the time to answer is measured and kept", async () => {
    const visit = await walkIn();
    await call(mine.cookie, 'POST', `/visits/${visit.id}/claim`, { id: newId() });
    const phone = await connectSocket(server, mine.cookie);
    phone.send({ type: 'subscribe', siteId: site.siteId });
    await phone.waitFor((m) => m.type === 'subscribed');

    const id = newId();
    const asked = await call(concierge.cookie, 'POST', `/visits/${visit.id}/questions`, { id, text: '  车位是否单独出售?  ' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json<Question>()).toMatchObject({
      id,
      text: '车位是否单独出售?',
      toPersonId: mine.id,
      askedBy: concierge.id,
      askedAt: TEN,
      answer: null,
      // Which guests it is about, for the consultant to find them.
      party: { size: 2, plateMasked: null, arrivedAt: visit.arrivedAt },
    });
    const rang = await phone.waitFor((m) => m.type === 'event' && m.event.type === 'question.asked', 1000);
    // Ids only on the socket: the text is read over HTTP by those allowed.
    expect(rang.type === 'event' && rang.event.payload).toEqual({ questionId: id, visitId: visit.id, toPersonId: mine.id });
    // Sent again after a lost answer: asked once.
    expect((await call(concierge.cookie, 'POST', `/visits/${visit.id}/questions`, { id, text: '车位是否单独出售?' })).statusCode).toBe(200);

    expect(await openFor(mine.cookie)).toEqual([id]);
    expect(await openFor(other.cookie)).toEqual([]);
    expect(error(await call(other.cookie, 'POST', `/questions/${id}/answer`, { text: '可以' })).code).toBe('QUESTION_NOT_FOR_YOU');
    expect(error(await call(concierge.cookie, 'POST', `/questions/${id}/answer`, { text: '可以' })).code).toBe('FORBIDDEN');
    expect(error(await call(mine.cookie, 'POST', `/questions/${id}/answer`, { text: '   ' })).code).toBe('VALIDATION_FAILED');

    t.clock.advance(150_000);
    const answered = await call(mine.cookie, 'POST', `/questions/${id}/answer`, { text: '车位单独出售,我马上过来和客户详谈' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<Question>()).toMatchObject({
      answer: '车位单独出售,我马上过来和客户详谈',
      answeredBy: mine.id,
      answeredAt: TEN + 150_000,
      answerMs: 150_000,
    });
    expect(await openFor(mine.cookie)).toEqual([]);
    const onVisit = (await call(concierge.cookie, 'GET', `/questions?visitId=${visit.id}`)).json<PageOf<Question>>().items;
    expect(onVisit).toEqual([expect.objectContaining({ id, answerMs: 150_000, answeredByName: expect.any(String) as string })]);
    expect(error(await call(mine.cookie, 'POST', `/questions/${id}/answer`, { text: '另一个回答' })).code).toBe('QUESTION_ALREADY_ANSWERED');
    phone.close();
  });

  it('asks every consultant when the guests have none; the first answer closes it for all', async () => {
    const visit = await walkIn();
    const id = newId();
    const asked = (await call(concierge.cookie, 'POST', `/visits/${visit.id}/questions`, { id, text: '首付比例多少?' })).json<Question>();
    expect(asked.toPersonId).toBeNull();
    expect(await openFor(mine.cookie)).toContain(id);
    expect(await openFor(other.cookie)).toContain(id);
    const [a, b] = await Promise.all([
      call(mine.cookie, 'POST', `/questions/${id}/answer`, { text: '首套三成' }),
      call(other.cookie, 'POST', `/questions/${id}/answer`, { text: '首套 30%' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(error(a.statusCode === 409 ? a : b).code).toBe('QUESTION_ALREADY_ANSWERED');
    expect(await openFor(other.cookie)).not.toContain(id);
  });

  it("is not the client viewer's to read or ask, and needs a visit of the site", async () => {
    const visit = await walkIn();
    expect((await call(viewer, 'GET', '/questions')).statusCode).toBe(403);
    expect((await call(viewer, 'POST', `/visits/${visit.id}/questions`, { id: newId(), text: '?' })).statusCode).toBe(403);
    expect(error(await call(concierge.cookie, 'POST', `/visits/${newId()}/questions`, { id: newId(), text: '?' })).code).toBe('VISIT_NOT_FOUND');
    expect(error(await call(mine.cookie, 'POST', `/questions/${newId()}/answer`, { text: '好' })).code).toBe('QUESTION_NOT_FOUND');
  });
});
