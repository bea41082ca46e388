/**
 * A system notice is one message code with its parameters; each reader gets it in the language
 * stored on their account (issue 14).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, PageOf } from '@anchang/contracts';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestPerson, type TestSite } from '../../test/factories.js';
import { inTransaction } from '../../platform/tx.js';
import { notifyPeople } from './index.js';

describe(`notices in each reader's language (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let zhReader: TestPerson;
  let enReader: TestPerson;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    zhReader = await createPerson(db, site, 'supervisor');
    enReader = await createPerson(db, site, 'supervisor');
    await db.updateTable('people').set({ locale: 'en-US' }).where('id', '=', enReader.id).execute();
  });
  afterAll(() => t.close());

  const noticesOf = async (who: TestPerson) => {
    const cookie = await loginAs(t.app, who.login);
    const res = await t.app.inject({ method: 'GET', url: `/api/sites/${site.siteId}/notifications`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<PageOf<Notification>>().items.filter((n) => n.toPersonId === who.id);
  };

  it('sends a zh reader and an en reader the same notice, each in their own language', async () => {
    await inTransaction(t.app.services.deps, (tx) =>
      notifyPeople(tx, [zhReader.id, enReader.id, zhReader.id], {
        siteId: site.siteId,
        code: 'round.missed',
        params: { label: { zh: '卫生间巡视', en: 'Restroom round' }, postKind: 'CLEAN', at: '08:30', graceMinutes: 10, proof: 'scan' },
      }),
    );

    const zh = await noticesOf(zhReader);
    const en = await noticesOf(enReader);
    expect(zh).toHaveLength(1);
    expect(en).toHaveLength(1);
    expect(zh[0]).toMatchObject({ title: '漏检:卫生间巡视', body: 'CLEAN · 08:30 应完成,10 分钟内没有扫码', fromName: '巡查', fromPersonId: null });
    expect(en[0]).toMatchObject({
      title: 'Missed: Restroom round',
      body: 'CLEAN · due 08:30, not scanned within 10 min',
      fromName: 'Rounds',
      fromPersonId: null,
    });
  });

  it("shows a person's name as the sender when the caller gives one, in either language", async () => {
    await inTransaction(t.app.services.deps, (tx) =>
      notifyPeople(tx, [zhReader.id, enReader.id], {
        siteId: site.siteId,
        code: 'assessment.appeal_decided',
        params: { decision: 'upheld', month: '2026-11', reason: '记录有误' },
        fromName: '王经理',
      }),
    );
    expect((await noticesOf(zhReader)).find((n) => n.title.startsWith('申诉'))).toMatchObject({
      title: '申诉已采纳 Appeal upheld',
      body: '2026-11: 记录有误',
      fromName: '王经理',
    });
    expect((await noticesOf(enReader)).find((n) => n.title.startsWith('Appeal'))).toMatchObject({
      title: 'Appeal upheld',
      body: '2026-11: 记录有误',
      fromName: '王经理',
    });
  });
});
