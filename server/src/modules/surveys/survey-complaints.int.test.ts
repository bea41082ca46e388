import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintSummary, PageOf, PublicComplaintReceipt, SurveyPoster, VisitSurveyToken } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { COMPLAINTS_PER_DEVICE_PER_DAY } from './surveys.rules.js';

const TEN = Date.UTC(2026, 11, 7, 2, 0); // Monday 10:00 in Shanghai
const DAY = 86_400_000;

describe(`complaints from the survey QR (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let park: string;
  let parkPostId: string;
  let device = 0;
  /** Each test its own phone, so the per-device limit only bites where it is tested. */
  const nextDevice = () => `phone-${String(++device).padStart(4, '0')}`;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    parkPostId = (
      await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind: 'PARK', name: '车场岗' } })
    ).json<{
      id: string;
    }>().id;
    park = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [parkPostId] })).login);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const complain = (token: string, body: Record<string, unknown>, deviceId = nextDevice()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${token}/complaints`,
      payload: { category: 'waiting', description: '等了很久没人接待', deviceId, ...body },
    });
  const errorOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const complaintCount = async () =>
    (await t.testDb.database.db.selectFrom('complaints').select('id').where('site_id', '=', site.siteId).execute()).length;

  async function visitToken(): Promise<{ visitId: string; token: string }> {
    const visitId = newId();
    expect((await call(park, 'POST', '/visits', { id: visitId, partySize: 2, arrivalMode: 'car', plate: '浙A12345' })).statusCode).toBe(201);
    const token = (await call(park, 'PUT', `/visits/${visitId}/survey-token`)).json<VisitSurveyToken>().token;
    return { visitId, token };
  }
  const posterOf = async (payload: object) => (await call(manager, 'POST', '/survey-posters', payload)).json<SurveyPoster>();

  it('files from a visit token: in the site list as source qr, the visit linked, nothing personal in the reply', async () => {
    const { visitId, token } = await visitToken();
    const res = await complain(token, { name: '王女士', phone: '13812345678', phoneConsent: true });
    expect(res.statusCode).toBe(201);
    const receipt = res.json<PublicComplaintReceipt>();
    expect(receipt.severity).toBe('normal');
    expect(receipt.answerWithinHours).toBe(72);
    expect(res.body).not.toContain('1381234');
    expect(res.body).not.toContain('王女士');
    const list = (await call(manager, 'GET', '/complaints')).json<PageOf<ComplaintSummary>>();
    const summary = list.items.find((c) => c.number === receipt.number)!;
    expect(summary).toMatchObject({ source: 'qr', category: 'waiting', severity: 'normal', status: 'received', filedByName: null });
    const detail = (await call(manager, 'GET', `/complaints/${summary.id}`)).json<Complaint>();
    expect(detail.visitId).toBe(visitId);
    expect(detail.phoneConsent).toBe(true);
    expect(detail.complainantName).toBe('王女士');
  });

  it('files from a post poster with the post linked; "urgent" and safety are filed serious with the site deadline', async () => {
    expect((await call(manager, 'PUT', '/complaint-settings', { deadlineHours: { normal: 48, serious: 12, urgent: 2 } })).statusCode).toBe(200);
    const poster = await posterOf({ scope: 'post', postId: parkPostId });
    const res = await complain(poster.token, { category: 'parking', description: '车位指引不清', isUrgent: true });
    expect(res.statusCode).toBe(201);
    expect(res.json<PublicComplaintReceipt>()).toMatchObject({ severity: 'serious', answerWithinHours: 12 });
    const number = res.json<PublicComplaintReceipt>().number;
    const summary = (await call(manager, 'GET', '/complaints')).json<PageOf<ComplaintSummary>>().items.find((c) => c.number === number)!;
    expect(summary).toMatchObject({ source: 'qr', postId: parkPostId, severity: 'serious' });
    expect((await call(manager, 'GET', `/complaints/${summary.id}`)).json<Complaint>().visitId).toBeNull();

    const safety = await complain(poster.token, { category: 'safety', description: '地面湿滑' });
    expect(safety.json<PublicComplaintReceipt>()).toMatchObject({ severity: 'serious', answerWithinHours: 12 });
    // A site-wide poster links no post.
    const sitePoster = await posterOf({ scope: 'site' });
    const plain = await complain(sitePoster.token, {});
    expect(plain.json<PublicComplaintReceipt>()).toMatchObject({ severity: 'normal', answerWithinHours: 48 });
    const n = plain.json<PublicComplaintReceipt>().number;
    expect((await call(manager, 'GET', '/complaints')).json<PageOf<ComplaintSummary>>().items.find((c) => c.number === n)!.postId).toBeNull();
  });

  it('refuses an unknown token (404) and a revoked poster (410), filing nothing', async () => {
    const before = await complaintCount();
    const unknown = await complain('A'.repeat(32), {});
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown)).toBe('SURVEY_NOT_FOUND');
    const poster = await posterOf({ scope: 'site' });
    expect((await call(manager, 'POST', `/survey-posters/${poster.id}/revoke`)).statusCode).toBe(200);
    const revoked = await complain(poster.token, {});
    expect(revoked.statusCode).toBe(410);
    expect(errorOf(revoked)).toBe('SURVEY_REVOKED');
    expect(await complaintCount()).toBe(before);
  });

  it('keeps a phone only with consent, checks the input, and saves nothing on a refusal', async () => {
    const poster = await posterOf({ scope: 'site' });
    const before = await complaintCount();
    const noConsent = await complain(poster.token, { phone: '13812345678' });
    expect(noConsent.statusCode).toBe(400);
    expect(errorOf(noConsent)).toBe('COMPLAINT_PHONE_CONSENT_REQUIRED');
    for (const bad of [
      { phone: '12345', phoneConsent: true },
      { category: 'rudeness' },
      { description: '' },
      { description: '   ' },
      { siteId: site.siteId },
      { visitId: newId() },
    ]) {
      const res = await complain(poster.token, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const badDevice = await t.app.inject({
      method: 'POST',
      url: `/api/public/surveys/${poster.token}/complaints`,
      payload: { category: 'other', description: 'x', deviceId: 'a b' },
    });
    expect(badDevice.statusCode).toBe(400);
    expect(await complaintCount()).toBe(before);
  });

  it('answers a filled honeypot like a success and files nothing', async () => {
    const poster = await posterOf({ scope: 'site' });
    const before = await complaintCount();
    const res = await complain(poster.token, { website: 'http://spam.example' });
    expect(res.statusCode).toBe(201);
    expect(res.json<PublicComplaintReceipt>().number).toBeNull();
    expect(await complaintCount()).toBe(before);
  });

  it(`limits a device to ${COMPLAINTS_PER_DEVICE_PER_DAY} a day and an address per hour, counted in the database`, async () => {
    const poster = await posterOf({ scope: 'site' });
    const phone = nextDevice();
    for (let i = 0; i < COMPLAINTS_PER_DEVICE_PER_DAY; i++) expect((await complain(poster.token, {}, phone)).statusCode).toBe(201);
    const before = await complaintCount();
    const limited = await complain(poster.token, {}, phone);
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited)).toBe('SURVEY_RATE_LIMITED');
    expect(limited.json<{ error: { params: { per: string } } }>().error.params.per).toBe('device');
    expect(await complaintCount()).toBe(before);
    // The same address (every inject comes from one) with fresh devices: the address limit bites next.
    let status = 201;
    for (let i = 0; i < 20 && status === 201; i++) status = (await complain(poster.token, {})).statusCode;
    expect(status).toBe(429);
    // A day later the device may complain again (after the address hour has passed too).
    t.clock.advance(DAY + 60_000);
    expect((await complain(poster.token, {}, phone)).statusCode).toBe(201);
  });
});
