/**
 * Customers' personal information: kept per site (a number known at one site is a stranger at
 * the next), and answered for under PIPL: export, withdrawal of consent, erasure, and the
 * site's retention period enforced by a daily database timer.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Customer, CustomerErasure, CustomerExport, PageOf, Visit, VisitorCounts } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { inTransaction } from '../../platform/tx.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, createSite, loginAs, type TestSite } from '../../test/factories.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { scheduleCustomerRetention } from './index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 2, 0); // 10:00 in Shanghai
const SIGNED = {
  strokes: [
    [
      [0.1, 0.5],
      [0.25, 0.3],
      [0.4, 0.6],
      [0.55, 0.4],
    ],
  ],
};

describe(`customers per site and PIPL (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let siteA: TestSite;
  let siteB: TestSite;
  const cookies: Record<'managerA' | 'managerB' | 'parkA' | 'parkB' | 'staffA2' | 'supervisorA', string> = {} as never;

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(T0);
    const db = t.testDb.database.db;
    siteA = await createCompanyWithSite(db, T0);
    siteB = { companyId: siteA.companyId, ...(await createSite(db, siteA.companyId, T0)) };
    const as = async (site: TestSite, role: 'site_manager' | 'staff' | 'supervisor') => loginAs(t.app, (await createPerson(db, site, role)).login);
    cookies.managerA = await as(siteA, 'site_manager');
    cookies.managerB = await as(siteB, 'site_manager');
    cookies.parkA = await as(siteA, 'staff');
    cookies.parkB = await as(siteB, 'staff');
    cookies.staffA2 = await as(siteA, 'staff');
    cookies.supervisorA = await as(siteA, 'supervisor');
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;
  const register = async (cookie: string, site: TestSite, phone: string, extra: { name?: string; plate?: string; consent?: boolean } = {}) => {
    const res = await call(cookie, 'POST', `/sites/${site.siteId}/visits`, {
      id: newId(),
      partySize: 2,
      arrivalMode: 'car',
      plate: extra.plate ?? '浙A12345',
      customer: { phone, consent: extra.consent ?? true, ...(extra.name ? { name: extra.name } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Visit>();
  };
  const customerRows = (phone: string) =>
    t.testDb.database.db.selectFrom('customers').selectAll().where('phone', '=', phone).orderBy('site_id').execute();
  const findByPhone = async (cookie: string, site: TestSite, phone: string) =>
    (await call(cookie, 'GET', `/sites/${site.siteId}/customers?phone=${phone}`)).json<PageOf<Customer>>().items;
  const uploadPhoto = async (cookie: string, site: TestSite) => {
    const id = newId();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/sites/${site.siteId}/photos/${id}`,
      headers: { cookie, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(res.statusCode).toBe(201);
    return id;
  };
  const auditOf = async (site: TestSite, action: string) =>
    (await call(cookies.managerA, 'GET', `/sites/${site.siteId}/audit?action=${action}&limit=200`)).json<PageOf<AuditEntry>>().items;

  it('keeps customers per site: the same number at another site learns and changes nothing of the first', async () => {
    const phone = '13700000001';
    await register(cookies.parkA, siteA, phone, { name: '李先生' });
    const againAtA = await register(cookies.parkA, siteA, phone);
    expect(againAtA.customer).toMatchObject({ name: '李先生', isReturning: true, visitCount: 2 });
    const before = await customerRows(phone);

    const atB = await register(cookies.parkB, siteB, phone);
    expect(atB.customer).toMatchObject({ name: null, isReturning: false, visitCount: 1 });
    expect(JSON.stringify(atB)).not.toContain('李先生');
    const renamedAtB = await register(cookies.parkB, siteB, phone, { name: '李总' });
    expect(renamedAtB.customer).toMatchObject({ name: '李总', visitCount: 2 });

    const after = await customerRows(phone);
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.site_id === siteA.siteId)).toEqual(before.find((r) => r.site_id === siteA.siteId));
    // Each site's managers find only their own customer.
    expect((await findByPhone(cookies.managerA, siteA, phone)).map((c) => c.name)).toEqual(['李先生']);
    expect((await findByPhone(cookies.managerB, siteB, phone)).map((c) => c.name)).toEqual(['李总']);
    expect((await call(cookies.managerA, 'GET', `/sites/${siteB.siteId}/customers`)).statusCode).toBe(404);
  });

  it('finds a customer by phone for the managers only, the number masked in the list', async () => {
    await register(cookies.parkA, siteA, '13700000002', { name: '周女士' });
    const byEnd = await findByPhone(cookies.managerA, siteA, '0002');
    expect(byEnd).toEqual([expect.objectContaining({ name: '周女士', phoneMasked: '137****0002' }) as Customer]);
    const list = await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/customers?limit=200`);
    expect(list.body).not.toContain('13700000002');
    for (const cookie of [cookies.parkA, cookies.supervisorA]) {
      expect(code(await call(cookie, 'GET', `/sites/${siteA.siteId}/customers`))).toBe('FORBIDDEN');
      expect(code(await call(cookie, 'GET', `/sites/${siteA.siteId}/customers/${byEnd[0]!.id}/export`))).toBe('FORBIDDEN');
      expect(code(await call(cookie, 'DELETE', `/sites/${siteA.siteId}/customers/${byEnd[0]!.id}`))).toBe('FORBIDDEN');
    }
  });

  it('exports everything held about a customer as JSON and as a workbook, each audited', async () => {
    const phone = '13700000003';
    const visit = await register(cookies.parkA, siteA, phone, { name: '陈先生', plate: '沪AD12345' });
    const photoId = await uploadPhoto(cookies.parkA, siteA);
    await call(cookies.parkA, 'PUT', `/sites/${siteA.siteId}/visits/${visit.id}/vehicle-check`, {
      marks: [{ x: 0.2, y: 0.7, note: '划痕' }],
      notes: '左后门旧划痕',
      photoIds: [photoId],
      signature: SIGNED,
    });
    const lost = await returnLostItem(phone);
    const customerId = visit.customer!.id;

    const json = await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/customers/${customerId}/export`);
    expect(json.statusCode).toBe(200);
    const data = json.json<CustomerExport>();
    expect(data.customer).toMatchObject({ id: customerId, phone, name: '陈先生', visitCount: 1 });
    expect(data.visits).toEqual([expect.objectContaining({ id: visit.id, plate: '沪AD12345', partySize: 2 }) as object]);
    expect(data.vehicleChecks).toEqual([
      expect.objectContaining({ visitId: visit.id, notes: '左后门旧划痕', damageMarks: 1, photoIds: [photoId], signature: SIGNED }) as object,
    ]);
    expect(data.lostItemsReturned).toEqual([expect.objectContaining({ id: lost, returnedTo: '陈先生', hasSignature: true }) as object]);

    const xlsx = await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/customers/${customerId}/export.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['客户', '到访', '验车', '失物领取']);
    const about = wb.getWorksheet('客户')!;
    const fields = new Map<string, unknown>();
    about.eachRow((row, n) => n > 1 && fields.set(row.getCell(1).text, row.getCell(2).value));
    expect(fields.get('手机号')).toBe(phone);
    expect(fields.get('姓名')).toBe('陈先生');
    expect(wb.getWorksheet('到访')!.getRow(1).values).toEqual([undefined, '到达', '离开', '人数', '方式', '车牌']);
    expect(wb.getWorksheet('到访')!.getRow(2).getCell(5).value).toBe('沪AD12345');
    expect(wb.getWorksheet('验车')!.getRow(2).getCell(2).value).toBe('左后门旧划痕');

    const exports = (await auditOf(siteA, 'customer.export')).filter((e) => e.entityId === customerId);
    expect(exports.map((e) => e.detail.format).sort()).toEqual(['json', 'xlsx']);
    expect(JSON.stringify(exports)).not.toContain(phone);

    // An English reader (the app's language passed as `lang`, or the browser's) gets English words only.
    for (const [query, acceptLanguage] of [
      ['?lang=en-US', 'zh-CN,zh;q=0.9'],
      ['', 'en-GB,en;q=0.8'],
    ] as const) {
      const enXlsx = await t.app.inject({
        method: 'GET',
        url: `/api/sites/${siteA.siteId}/customers/${customerId}/export.xlsx${query}`,
        headers: { cookie: cookies.managerA, 'accept-language': acceptLanguage },
      });
      const en = new ExcelJS.Workbook();
      await en.xlsx.load(enXlsx.rawPayload as unknown as ArrayBuffer);
      expect(en.worksheets.map((w) => w.name)).toEqual(['Customer', 'Visits', 'Vehicle checks', 'Lost items']);
      const enVisits = en.getWorksheet('Visits')!;
      expect(enVisits.getRow(1).values).toEqual([undefined, 'Arrived', 'Left', 'Party', 'Arrival', 'Plate']);
      expect(enVisits.getRow(2).getCell(4).value).toBe('By car');
    }
  });

  it('records a withdrawal of consent: the customer is no longer named on visits, until they consent again', async () => {
    const phone = '13700000004';
    const visit = await register(cookies.parkA, siteA, phone, { name: '赵女士' });
    const withdrawn = await call(cookies.managerA, 'POST', `/sites/${siteA.siteId}/customers/${visit.customer!.id}/withdraw-consent`);
    expect(withdrawn.json<Customer>().consentWithdrawnAt).toBe(T0);
    expect((await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/visits/${visit.id}`)).json<Visit>().customer).toBeNull();
    expect((await auditOf(siteA, 'customer.consent_withdrawn')).map((e) => e.entityId)).toContain(visit.customer!.id);
    // Asked again at the car park, the customer agrees: known again from now.
    const again = await register(cookies.parkA, siteA, phone);
    expect(again.customer).toMatchObject({ id: visit.customer!.id, name: '赵女士' });
    expect((await customerRows(phone))[0]!.consent_withdrawn_at).toBeNull();
  });

  it('erases a customer: name, phone, plates, signatures and their photos, keeping the visitor figures', async () => {
    const phone = '13700000005';
    const first = await register(cookies.parkA, siteA, phone, { name: '孙先生', plate: '苏E12345F' });
    const second = await register(cookies.parkA, siteA, phone, { plate: '苏E12345F' });
    const photoId = await uploadPhoto(cookies.parkA, siteA);
    // A photo that is also an anomaly's evidence stays with the anomaly.
    const evidenceId = await uploadPhoto(cookies.parkA, siteA);
    await call(cookies.parkA, 'PUT', `/sites/${siteA.siteId}/visits/${first.id}/vehicle-check`, {
      marks: [],
      notes: '无损伤',
      photoIds: [photoId, evidenceId],
      signature: SIGNED,
    });
    const db = t.testDb.database.db;
    const uploader = (await db.selectFrom('photos').select('uploaded_by').where('id', '=', evidenceId).executeTakeFirstOrThrow()).uploaded_by;
    await db
      .insertInto('anomalies')
      .values({
        ...{ id: newId(), site_id: siteA.siteId, shift_id: null, post_id: null, item_id: null, item_text: '车身划痕', category: 'other' },
        ...{ note: '停车时已有', photo_id: evidenceId, needs_repair: 0, status: 'open', reported_by: uploader, reported_at: T0 },
        ...{
          acknowledged_by: null,
          acknowledged_at: null,
          assigned_to: null,
          resolved_by: null,
          resolved_at: null,
          resolution: null,
          updated_at: T0,
        },
      })
      .execute();
    const lost = await returnLostItem(phone);
    const question = newId();
    expect(
      (await call(cookies.parkA, 'POST', `/sites/${siteA.siteId}/visits/${first.id}/questions`, { id: question, text: '王先生问车位价格' }))
        .statusCode,
    ).toBe(201);
    const countsBefore = (await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/visitor-counts`)).json<VisitorCounts>();

    const erased = await call(cookies.managerA, 'DELETE', `/sites/${siteA.siteId}/customers/${first.customer!.id}`);
    expect(erased.json<CustomerErasure>()).toEqual({
      customerId: first.customer!.id,
      visitsAnonymised: 2,
      vehicleChecksErased: 1,
      photosDeleted: 1,
      lostItemsErased: 1,
      questionsBlanked: 1,
    });
    expect((await db.selectFrom('photos').select('id').where('id', 'in', [photoId, evidenceId]).execute()).map((r) => r.id)).toEqual([evidenceId]);
    expect(await customerRows(phone)).toEqual([]);
    const asked = await t.testDb.database.db.selectFrom('visit_questions').selectAll().where('id', '=', question).executeTakeFirstOrThrow();
    expect([asked.text, asked.asked_at > 0]).toEqual(['', true]);
    for (const v of [first, second]) {
      const after = (await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/visits/${v.id}`)).json<Visit>();
      expect(after).toMatchObject({ customer: null, plateMasked: null, partySize: 2 });
    }
    expect((await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/visits/${first.id}/vehicle-check`)).statusCode).toBe(404);
    expect((await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/photos/${photoId}`)).statusCode).toBe(404);
    const item = await t.testDb.database.db.selectFrom('lost_items').selectAll().where('id', '=', lost).executeTakeFirstOrThrow();
    expect([item.returned_to, item.returned_phone, item.return_signature, item.status]).toEqual([null, null, null, 'returned']);
    // The figures the site reports do not move.
    expect((await call(cookies.managerA, 'GET', `/sites/${siteA.siteId}/visitor-counts`)).json<VisitorCounts>()).toEqual(countsBefore);
    const audit = (await auditOf(siteA, 'customer.erase')).find((e) => e.entityId === first.customer!.id)!;
    expect(audit.detail).toMatchObject({ reason: 'request', visitsAnonymised: 2 });
    expect(JSON.stringify(audit)).not.toContain(phone);
    expect(JSON.stringify(audit)).not.toContain('孙先生');
    expect(code(await call(cookies.managerA, 'DELETE', `/sites/${siteA.siteId}/customers/${first.customer!.id}`))).toBe('CUSTOMER_NOT_FOUND');
  });

  it('purges plates, signatures and photos after the site’s retention period, by a daily timer', async () => {
    const db = t.testDb.database.db;
    const site = { companyId: siteA.companyId, ...(await createSite(db, siteA.companyId, t.clock.now())) };
    const managerPerson = await createPerson(db, site, 'site_manager');
    let manager = await loginAs(t.app, managerPerson.login);
    const park = await loginAs(t.app, (await createPerson(db, site, 'staff')).login);
    expect((await call(manager, 'PATCH', `/sites/${site.siteId}`, { customerRetentionDays: 30 })).json()).toMatchObject({
      customerRetentionDays: 30,
    });
    const start = t.clock.now();
    const old = await register(park, site, '13700000006', { name: '钱先生', plate: '浙A11111' });
    const photoId = await uploadPhoto(park, site);
    await call(park, 'PUT', `/sites/${site.siteId}/visits/${old.id}/vehicle-check`, { marks: [], notes: '', photoIds: [photoId], signature: SIGNED });
    const question = newId();
    expect((await call(park, 'POST', `/sites/${site.siteId}/visits/${old.id}/questions`, { id: question, text: '钱先生问学区' })).statusCode).toBe(
      201,
    );
    const questionText = async () =>
      (await db.selectFrom('visit_questions').select('text').where('id', '=', question).executeTakeFirstOrThrow()).text;
    const leaving = await register(park, site, '13700000007', { name: '吴女士' });
    await call(manager, 'POST', `/sites/${site.siteId}/customers/${leaving.customer!.id}/withdraw-consent`);
    const timers = t.app.services.timers;
    await inTransaction(t.app.services.deps, (tx) => scheduleCustomerRetention(tx));
    // Scheduling the same day again adds nothing: one timer per daily slot.
    expect(await inTransaction(t.app.services.deps, (tx) => scheduleCustomerRetention(tx))).toBe(false);

    // The first night: the withdrawn customer goes; what is younger than 30 days stays.
    t.clock.set(start + DAY);
    expect(await timers.runDue()).toBeGreaterThanOrEqual(1);
    expect(await customerRows('13700000007')).toEqual([]);
    const visitOf = (id: string) => db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const photoRows = () => db.selectFrom('photos').select('id').where('id', '=', photoId).execute();
    expect((await visitOf(old.id)).plate).toBe('浙A11111');
    expect(await photoRows()).toHaveLength(1);
    expect(await questionText()).toBe('钱先生问学区');

    // Night after night until the 30 days are over: each firing schedules the next day once.
    for (let day = 2; day <= 30; day++) {
      t.clock.set(start + day * DAY);
      await timers.runDue();
    }
    // The last run was at 29 days and 17 hours: not yet.
    expect((await visitOf(old.id)).plate).toBe('浙A11111');
    t.clock.set(start + 31 * DAY);
    expect(await timers.runDue()).toBe(1);
    const slots = await db.selectFrom('timers').select(['id', 'status']).where('kind', '=', 'customers.retention').orderBy('id').execute();
    expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
    expect(slots.filter((s) => s.status === 'pending')).toHaveLength(1);
    expect(slots.every((s) => /^customers\.retention:\d{4}-\d{2}-\d{2}$/.test(s.id))).toBe(true);

    manager = await loginAs(t.app, managerPerson.login); // a month later: a new session
    expect((await visitOf(old.id)).plate).toBeNull();
    expect((await visitOf(old.id)).party_size).toBe(2);
    expect(await photoRows()).toEqual([]);
    expect(await questionText()).toBe('');
    expect((await call(manager, 'GET', `/sites/${site.siteId}/visits/${old.id}/vehicle-check`)).statusCode).toBe(404);
    expect((await call(manager, 'GET', `/sites/${site.siteId}/photos/${photoId}`)).statusCode).toBe(404);
    // The customer who consented stays known (name and number), without the car.
    expect((await customerRows('13700000006')).map((r) => r.name)).toEqual(['钱先生']);
    const purges = (await call(manager, 'GET', `/sites/${site.siteId}/audit?action=customer.retention_purge`)).json<PageOf<AuditEntry>>().items;
    expect(purges.map((p) => p.detail)).toEqual([
      expect.objectContaining({ retentionDays: 30, platesCleared: 1, vehicleChecksErased: 1, photosDeleted: 1, questionsBlanked: 1 }),
      expect.objectContaining({ customersErased: 1 }),
    ]);
    // Another site of the company keeps its 180 days: its plates are still there.
    expect(
      (await db.selectFrom('visits').select('plate').where('site_id', '=', siteA.siteId).where('plate', 'is not', null).execute()).length,
    ).toBeGreaterThan(0);
  });

  /** A lost item opened by two staff and handed back to the owner of `phone`, who signs; its id. */
  async function returnLostItem(phone: string): Promise<string> {
    const id = newId();
    await call(cookies.parkA, 'POST', `/sites/${siteA.siteId}/lost-items`, { id, what: '雨伞', whereFound: '前台', storagePlace: '前台抽屉' });
    await call(cookies.parkA, 'POST', `/sites/${siteA.siteId}/lost-items/${id}/open`, {});
    await call(cookies.staffA2, 'POST', `/sites/${siteA.siteId}/lost-items/${id}/open`, {});
    const res = await call(cookies.parkA, 'POST', `/sites/${siteA.siteId}/lost-items/${id}/return`, {
      ownerName: phone === '13700000003' ? '陈先生' : '孙先生',
      ownerPhone: phone,
      signature: SIGNED,
    });
    expect(res.statusCode, res.body).toBe(200);
    return id;
  }
});
