import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicSurvey, SurveyAnswer, SurveyPoster, SurveySummary, Visit, VisitSurveyToken } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { satisfactionOfPeoplePeriod, surveyFiguresOfPeriod } from './index.js';
import { ANSWERS_PER_ADDRESS_PER_HOUR, ANSWERS_PER_DEVICE_PER_DAY } from './surveys.rules.js';

const TEN = Date.UTC(2026, 11, 7, 2, 0); // Monday 10:00 in Shanghai
const HOUR = 3_600_000;

describe(`satisfaction surveys (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let clientViewer: string;
  const staff: Record<'park' | 'park2' | 'hall' | 'bar', { person: TestPerson; cookie: string }> = {} as never;
  const posts = {} as Record<'HALL' | 'PARK' | 'BAR' | 'CLEAN', string>;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(TEN);
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db); // its post is a HALL post
    posts.HALL = site.postId;
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    clientViewer = await loginAs(t.app, (await createPerson(db, site, 'client_viewer')).login);
    const post = async (kind: string, name: string) =>
      (await t.app.inject({ method: 'POST', url: `${base}/posts`, headers: { cookie: manager }, payload: { kind, name } })).json<{ id: string }>().id;
    posts.PARK = await post('PARK', '车场岗');
    posts.BAR = await post('BAR', '水吧岗');
    posts.CLEAN = await post('CLEAN', '保洁岗');
    const person = async (postId: string) => {
      const p = await createPerson(db, site, 'staff', { postIds: [postId] });
      return { person: p, cookie: await loginAs(t.app, p.login) };
    };
    staff.park = await person(posts.PARK);
    staff.park2 = await person(posts.PARK);
    staff.hall = await person(posts.HALL);
    staff.bar = await person(posts.BAR);
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const answer = (token: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}/answers`, payload: { deviceId: 'device-aaaa', ...body } });
  const errorOf = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const count = async (table: 'survey_answers' | 'survey_ratings' | 'survey_credits') =>
    (await t.testDb.database.db.selectFrom(table).select('site_id').where('site_id', '=', site.siteId).execute()).length;

  /** A car through the whole chain: park registers, hall receives, bar serves, park2 sees it off. */
  async function visitThroughTheChain(): Promise<string> {
    const id = newId();
    expect((await call(staff.park.cookie, 'POST', '/visits', { id, partySize: 2, arrivalMode: 'car', plate: '浙A12345' })).statusCode).toBe(201);
    const ack = async (who: { cookie: string }, to: string) => {
      const v = (await call(who.cookie, 'GET', `/visits/${id}`)).json<Visit>();
      const h = v.handoffs.find((x) => x.to === to && x.ackedAt === null)!;
      expect((await call(who.cookie, 'POST', `/visits/${id}/handoffs/${h.id}/ack`)).statusCode).toBe(200);
    };
    t.clock.advance(60_000);
    await ack(staff.hall, 'hall');
    expect((await call(staff.hall.cookie, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'bar' })).statusCode).toBeLessThan(300);
    await ack(staff.bar, 'bar');
    t.clock.advance(20 * 60_000);
    expect((await call(staff.hall.cookie, 'POST', `/visits/${id}/handoffs`, { id: newId(), to: 'departure' })).statusCode).toBeLessThan(300);
    await ack(staff.park2, 'departure');
    return id;
  }

  it('rates only the posts a visit passed through and credits the people who held them', async () => {
    const visitId = await visitThroughTheChain();
    const token = (await call(staff.park2.cookie, 'PUT', `/visits/${visitId}/survey-token`)).json<VisitSurveyToken>();
    expect(token.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token.path).toBe(`/m/q/s/${token.token}`);
    // The console asks for the same visit's QR: the same token.
    expect((await call(manager, 'PUT', `/visits/${visitId}/survey-token`)).json<VisitSurveyToken>().token).toBe(token.token);

    const page = (await t.app.inject({ method: 'GET', url: `/api/public/surveys/${token.token}` })).json<PublicSurvey>();
    expect(page).toMatchObject({ source: 'visit', isAnswered: false, placeName: null });
    expect(page.posts.map((p) => p.name)).toEqual(['车场岗', '大厅服务岗', '水吧岗']);
    expect(JSON.stringify(page)).not.toContain(staff.park.person.name);

    const before = await count('survey_answers');
    const res = await answer(token.token, {
      ratings: [
        { postId: posts.PARK, rating: 5 },
        { postId: posts.HALL, rating: 4 },
        { postId: posts.BAR, rating: 2 },
      ],
      nps: 9,
      comment: '水吧等太久',
      phone: '139 1234 5678',
      phoneConsent: true,
    });
    expect(res.statusCode).toBe(201);
    expect(await count('survey_answers')).toBe(before + 1);

    const list = (await call(manager, 'GET', '/survey-answers')).json<{ items: SurveyAnswer[] }>();
    const got = list.items.find((a) => a.visitId === visitId)!;
    expect(got.phoneMasked).toBe('139****5678');
    const people = (postId: string) =>
      got.ratings
        .find((r) => r.postId === postId)!
        .people.map((p) => p.personId)
        .sort();
    expect(people(posts.PARK)).toEqual([staff.park.person.id, staff.park2.person.id].sort());
    expect(people(posts.HALL)).toEqual([staff.hall.person.id]);
    expect(people(posts.BAR)).toEqual([staff.bar.person.id]);

    const db = t.testDb.database.db;
    const mine = await satisfactionOfPeoplePeriod(db, site.siteId, [staff.bar.person.id, staff.hall.person.id], TEN - HOUR, TEN + 2 * HOUR);
    expect(mine.get(staff.bar.person.id)).toEqual({ average: 2, ratings: 1 });
    expect(mine.get(staff.hall.person.id)).toEqual({ average: 4, ratings: 1 });
    const figures = await surveyFiguresOfPeriod(db, site.siteId, TEN - HOUR, TEN + 2 * HOUR);
    expect(figures).toMatchObject({ answers: 1, ratings: 3, averageRating: 3.67, nps: 100, promoters: 1 });

    // The second answer for the visit: refused, the first kept.
    const again = await answer(token.token, { ratings: [], nps: 0, deviceId: 'device-bbbb' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/surveys/${token.token}` })).json<PublicSurvey>().isAnswered).toBe(true);

    // The client's viewer reads the figures, without the people; the answers are not theirs to read.
    const summary = (await call(clientViewer, 'GET', '/survey-summary?from=2026-12-07&to=2026-12-07')).json<SurveySummary>();
    expect(summary).toMatchObject({ answers: 1, nps: 100, byPerson: [] });
    expect((await call(clientViewer, 'GET', '/survey-answers')).statusCode).toBe(403);
    const full = (await call(manager, 'GET', '/survey-summary?from=2026-12-07&to=2026-12-07')).json<SurveySummary>();
    expect(full.byPerson.find((p) => p.personId === staff.bar.person.id)).toMatchObject({ average: 2, ratings: 1 });
    expect(full.byDay).toEqual([{ date: '2026-12-07', answers: 1, averageRating: 3.67, nps: 100 }]);
  });

  it('refuses bad answers with their codes and saves nothing', async () => {
    t.clock.advance(2 * HOUR);
    const visitId = await visitThroughTheChain();
    const { token } = (await call(staff.hall.cookie, 'PUT', `/visits/${visitId}/survey-token`)).json<VisitSurveyToken>();
    const before = await Promise.all([count('survey_answers'), count('survey_ratings'), count('survey_credits')]);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ratings: [{ postId: posts.HALL, rating: 6 }], nps: 8 }, 400, 'SURVEY_RATING_OUT_OF_RANGE'],
      [{ ratings: [{ postId: posts.HALL, rating: 0 }], nps: 8 }, 400, 'SURVEY_RATING_OUT_OF_RANGE'],
      // The cleaner never served this visit; the hall rating beside it is not kept either.
      [
        {
          ratings: [
            { postId: posts.HALL, rating: 5 },
            { postId: posts.CLEAN, rating: 5 },
          ],
          nps: 8,
        },
        400,
        'SURVEY_POST_NOT_SERVED',
      ],
      [
        {
          ratings: [
            { postId: posts.HALL, rating: 5 },
            { postId: posts.HALL, rating: 4 },
          ],
          nps: 8,
        },
        400,
        'SURVEY_RATING_REPEATED',
      ],
      [{ ratings: [], nps: 11 }, 400, 'SURVEY_NPS_OUT_OF_RANGE'],
      [{ ratings: [], nps: -1 }, 400, 'SURVEY_NPS_OUT_OF_RANGE'],
      [{ ratings: [], nps: 5, phone: '12345' }, 400, 'SURVEY_PHONE_INVALID'],
      [{ ratings: [], nps: 5, phone: '13912345678' }, 400, 'SURVEY_CONSENT_REQUIRED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await answer(token, body);
      expect([res.statusCode, errorOf(res)]).toEqual([status, code]);
    }
    const unknown = await answer('A'.repeat(32), { ratings: [], nps: 5 });
    expect([unknown.statusCode, errorOf(unknown)]).toEqual([404, 'SURVEY_NOT_FOUND']);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/surveys/short' })).statusCode).toBe(400);
    expect(await Promise.all([count('survey_answers'), count('survey_ratings'), count('survey_credits')])).toEqual(before);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const visitId = await visitThroughTheChain();
    const { token } = (await call(staff.hall.cookie, 'PUT', `/visits/${visitId}/survey-token`)).json<VisitSurveyToken>();
    const before = await count('survey_answers');
    const res = await answer(token, { ratings: [{ postId: posts.HALL, rating: 5 }], nps: 10, website: 'http://spam.example' });
    expect(res.statusCode).toBe(201);
    expect(await count('survey_answers')).toBe(before);
    // The visit can still be rated by its visitor.
    expect((await answer(token, { ratings: [{ postId: posts.HALL, rating: 5 }], nps: 10, deviceId: 'device-real' })).statusCode).toBe(201);
  });

  it('credits a poster to its post, stops a revoked poster, and limits per device and per address', async () => {
    t.clock.advance(2 * HOUR);
    const created = await call(manager, 'POST', '/survey-posters', { scope: 'post', postId: posts.BAR });
    expect(created.statusCode).toBe(201);
    const poster = created.json<SurveyPoster>();
    expect(poster.placeName).toBe('水吧岗');
    expect((await call(manager, 'POST', '/survey-posters', { scope: 'post' })).statusCode).toBe(400);
    expect((await call(staff.hall.cookie, 'POST', '/survey-posters', { scope: 'site' })).statusCode).toBe(403);
    const page = (await t.app.inject({ method: 'GET', url: `/api/public/surveys/${poster.token}` })).json<PublicSurvey>();
    expect(page).toMatchObject({ source: 'poster', placeName: '水吧岗', posts: [{ postId: posts.BAR }] });
    expect(errorOf(await answer(poster.token, { ratings: [{ postId: posts.HALL, rating: 3 }], nps: 7 }))).toBe('SURVEY_POST_NOT_SERVED');

    // Per device: the phone's answers in a day, whatever the QR.
    for (let i = 0; i < ANSWERS_PER_DEVICE_PER_DAY; i++)
      expect((await answer(poster.token, { ratings: [{ postId: posts.BAR, rating: 4 }], nps: 8, deviceId: 'device-one' })).statusCode).toBe(201);
    const limited = await answer(poster.token, { ratings: [{ postId: posts.BAR, rating: 4 }], nps: 8, deviceId: 'device-one' });
    expect([limited.statusCode, errorOf(limited)]).toEqual([429, 'SURVEY_RATE_LIMITED']);
    // Per address: other phones behind the same address, up to the hour's limit.
    for (let i = ANSWERS_PER_DEVICE_PER_DAY; i < ANSWERS_PER_ADDRESS_PER_HOUR; i++)
      expect((await answer(poster.token, { ratings: [], nps: 8, deviceId: `device-many-${i}` })).statusCode).toBe(201);
    expect((await answer(poster.token, { ratings: [], nps: 8, deviceId: 'device-fresh' })).statusCode).toBe(429);
    // An hour on, the address may answer again.
    t.clock.advance(HOUR + 1);
    expect((await answer(poster.token, { ratings: [], nps: 8, deviceId: 'device-fresh' })).statusCode).toBe(201);

    const revoked = await call(manager, 'POST', `/survey-posters/${poster.id}/revoke`);
    expect(revoked.json<SurveyPoster>().revokedAt).not.toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: `/api/public/surveys/${poster.token}` });
    expect([gone.statusCode, errorOf(gone)]).toEqual([410, 'SURVEY_REVOKED']);
    expect(errorOf(await answer(poster.token, { ratings: [], nps: 8, deviceId: 'device-after' }))).toBe('SURVEY_REVOKED');
    const listed = (await call(manager, 'GET', '/survey-posters')).json<{ items: SurveyPoster[] }>();
    expect(listed.items.find((p) => p.id === poster.id)?.answers).toBe(ANSWERS_PER_ADDRESS_PER_HOUR + 1);
  });

  it("credits a poster's rating to whoever is clocked in on its post at that moment", async () => {
    t.clock.advance(2 * HOUR);
    const db = t.testDb.database.db;
    // Clocking in needs the pre-job training and the site's standards.
    await db
      .insertInto('training_records')
      .values({
        id: newId(),
        company_id: site.companyId,
        person_id: staff.bar.person.id,
        kind: 'pre_job',
        topic: 'BI',
        completed_at: t.clock.now(),
        recorded_by: null,
      })
      .execute();
    expect((await call(manager, 'POST', '/standards/adopt')).statusCode).toBeLessThan(300);
    const date = localParts(t.clock.now(), 'Asia/Shanghai').date;
    const roster = await call(manager, 'POST', '/roster', { postId: posts.BAR, personId: staff.bar.person.id, date, start: '00:00', end: '23:59' });
    expect(roster.statusCode).toBeLessThan(300);
    expect((await call(staff.bar.cookie, 'POST', '/shifts', { id: newId(), postId: posts.BAR })).statusCode).toBeLessThan(300);

    const poster = (await call(manager, 'POST', '/survey-posters', { scope: 'post', postId: posts.BAR })).json<SurveyPoster>();
    expect((await answer(poster.token, { ratings: [{ postId: posts.BAR, rating: 3 }], nps: 7, deviceId: 'device-bar' })).statusCode).toBe(201);
    const list = (await call(manager, 'GET', `/survey-answers?postId=${posts.BAR}&source=poster&limit=1`)).json<{ items: SurveyAnswer[] }>();
    expect(list.items[0]!.ratings).toEqual([
      { postId: posts.BAR, postName: '水吧岗', rating: 3, people: [{ personId: staff.bar.person.id, name: staff.bar.person.name }] },
    ]);
  });
});
