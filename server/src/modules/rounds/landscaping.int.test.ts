/**
 * The landscaping post (绿化岗) on the demo site: its checklists come from the standards library
 * the demo adopts, and its pruning and pest-control schedule runs through the rounds: slots on
 * their days of the week only, confirmed by the landscaper on the phone and by nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostStandard, RoundDay, RoundSlot } from '@anchang/contracts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../db/seed/demo.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { loginAs } from '../../test/factories.js';

// Shanghai wall-clock time on a date; 2026-12-07 is a Monday. The demo opens 08:30–18:00.
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h! - 8, m);
};
const MONDAY = '2026-12-07';
const TUESDAY = '2026-12-08';
const WEDNESDAY = '2026-12-09';

describe(`the landscaping post on the demo site (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let base: string;
  const cookies: Record<'green' | 'clean' | 'manager', string> = { green: '', clean: '', manager: '' };

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(at(MONDAY, '06:00'));
    expect(await seedDemoIfEmpty(t.testDb.database.db, t.clock.now())).toBe(true);
    const site = await t.testDb.database.db.selectFrom('sites').select('id').executeTakeFirstOrThrow();
    base = `/api/sites/${site.id}`;
    await logInAll();
    await t.app.services.timers.runDue(); // the seed's plan of today
  });
  afterAll(() => t.close());

  // Sessions expire as the driven clock crosses days: everyone logs in again.
  const logInAll = async () => {
    for (const login of ['green', 'clean', 'manager'] as const) cookies[login] = await loginAs(t.app, login, DEMO_PASSWORD);
  };
  const get = async <T>(cookie: string, url: string) => {
    const res = await t.app.inject({ method: 'GET', url: `${base}${url}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const confirm = (cookie: string, slotId: string) =>
    t.app.inject({ method: 'POST', url: `${base}/round-slots/${slotId}/confirm`, headers: { cookie }, payload: {} });
  const greenSlots = async (date: string) =>
    (await get<RoundDay>(cookies.green, `/rounds/day?date=${date}`)).slots.filter((s: RoundSlot) => s.postKind === 'GREEN');

  it('gives the landscaper a pre- and post-shift checklist from the library the demo adopted', async () => {
    const standard = await get<PostStandard>(cookies.green, '/standards/GREEN');
    expect(standard.libraryVersion).toBe('2026-12');
    const ids = (phase: string) => standard.items.filter((item) => item.phase === phase && item.group === 'check').map((item) => item.id);
    expect(ids('PRE')).toEqual(['GREEN-PRE-1', 'GREEN-PRE-2']);
    expect(ids('POST')).toEqual(['GREEN-POST-1', 'GREEN-POST-2']);
  });

  it('plans pest control on Monday an hour before opening, and no pruning that day', async () => {
    const slots = await greenSlots(MONDAY);
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({
      itemId: 'GREEN-2',
      proof: 'tap',
      dueAt: at(MONDAY, '07:30'),
      status: 'pending',
      labelZh: expect.stringContaining('消杀') as unknown,
    });
  });

  it('lets the landscaper confirm it once due, and nobody of another post', async () => {
    const [pest] = await greenSlots(MONDAY);
    t.clock.set(at(MONDAY, '07:40'));
    const cleaner = await confirm(cookies.clean, pest!.id);
    expect([cleaner.statusCode, cleaner.json<{ error: { code: string } }>().error.code]).toEqual([403, 'SLOT_NOT_YOUR_POST']);
    const done = await confirm(cookies.green, pest!.id);
    expect(done.statusCode, done.body).toBe(200);
    const [after] = await greenSlots(MONDAY);
    expect(after).toMatchObject({ status: 'met', provedByName: expect.stringContaining('绿化') as unknown, provedAt: at(MONDAY, '07:40') });
  });

  it('plans pruning on Tuesday at 09:30 and nothing for the landscaper on Wednesday', async () => {
    t.clock.set(at(TUESDAY, '00:00'));
    await t.app.services.timers.runDue();
    await logInAll();
    expect((await greenSlots(TUESDAY)).map((s) => [s.itemId, s.dueAt])).toEqual([['GREEN-1', at(TUESDAY, '09:30')]]);
    t.clock.set(at(WEDNESDAY, '00:00'));
    await t.app.services.timers.runDue();
    await logInAll();
    expect(await greenSlots(WEDNESDAY)).toEqual([]);
    // Planning the later days left Monday's confirmed slot as it was.
    expect((await greenSlots(MONDAY)).map((s) => s.status)).toEqual(['met']);
  });
});
