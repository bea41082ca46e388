/**
 * No signal across the site (issue 11): the shuttle driver's phone starts and finishes a trip,
 * and the car-park attendant's phone records a signed vehicle check with a photo, reports an
 * incident with a photo and proves a patrol checkpoint by opening its QR URL, all while offline.
 * Each write waits on its phone and shows in the outbox banner; both phones reload without
 * network (the app comes from the service worker) and still list every waiting write; when the
 * signal comes back the banners clear and the server holds each write exactly once, under the id
 * the phone made and with the time of the tap where the domain keeps it.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Checkpoint, Incident, PageOf, PatrolRound, PatrolRoute, ShuttleTrip, VehicleCheck, Visit } from '@anchang/contracts';
import { gradientPng } from './support/images.js';
import type { TestServer } from './support/server.js';
import { sign } from './support/signature.js';
import { signInOnPhone, staffPhone } from './support/staff-phone.js';
import { DEMO_PASSWORD, manager, shanghaiToday, signIn } from './support/staff-setup.js';
import { startServerAndBrowser, stopServerAndBrowser } from './support/e2e-env.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
afterAll(() => stopServerAndBrowser(server, browser));

interface AuditPage {
  items: { action: string; entityId: string | null; detail: Record<string, unknown> | null }[];
  nextCursor: string | null;
}
interface StoredWrite {
  key: string;
  state: string;
  op: { kind: string; body?: { id?: string; at?: number } };
}

/** The server's time of day at the site, HH:MM. */
const shanghaiNow = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(server.now()),
  );

/** A demo post's phone at 360 px, signed in. */
async function narrowPhone(login: string): Promise<{ context: BrowserContext; page: Page }> {
  const phone = await staffPhone(browser, server.url, 'narrow');
  await signInOnPhone(phone.page, { login, password: DEMO_PASSWORD });
  return phone;
}

/** The phone's own clock (the tap times it stamps come from it). */
const phoneNow = (page: Page) => page.evaluate(() => Date.now());

/** What waits in the phone's outbox, as stored on the phone (IndexedDB). */
function storedWrites(page: Page): Promise<StoredWrite[]> {
  return page.evaluate(
    () =>
      new Promise<StoredWrite[]>((resolve, reject) => {
        const open = indexedDB.open('anchang-staff');
        open.onerror = () => reject(new Error('cannot open the phone store'));
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve(all.result as StoredWrite[]);
          all.onerror = () => reject(new Error('cannot read the outbox'));
        };
      }),
  );
}

/** The banner shows the phone offline with `count` records waiting, named by kind. */
async function bannerWaits(page: Page, count: number, kinds: string[]): Promise<void> {
  const banner = page.locator(`[data-testid="outbox-banner"][data-offline="true"][data-waiting="${count}"]`);
  await banner.waitFor().catch(async (error: unknown) => {
    // Say what the banner showed instead, and what the phone had stored.
    const now = await page.getByTestId('outbox-banner').evaluateAll((els) => els.map((e) => e.outerHTML));
    throw new Error(`banner on ${page.url()}: ${JSON.stringify(now)}; stored: ${JSON.stringify((await storedWrites(page)).map((w) => w.op.kind))}`, {
      cause: error,
    });
  });
  await banner.getByTestId('offline-indicator').waitFor();
  await expect.poll(() => banner.getByTestId('outbox-summary').textContent()).toBe(kinds.join(' · '));
}

/** The outbox's list (tap the banner): every line waiting, named as the person reads it. */
async function listedWaiting(page: Page): Promise<string[]> {
  await page.getByTestId('outbox-banner').click();
  const sheet = page.getByTestId('outbox-sheet');
  await sheet.waitFor();
  const rows = sheet.getByTestId('outbox-item');
  await rows.first().waitFor();
  expect(await sheet.locator('[data-testid="outbox-item"]:not([data-state="waiting"])').count()).toBe(0);
  const lines = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
  // Close the sheet by its mask, as a thumb would.
  await page
    .locator('.adm-mask')
    .last()
    .click({ position: { x: 20, y: 20 } });
  await sheet.waitFor({ state: 'hidden' });
  return lines;
}

describe('offline phone writes', () => {
  it('a shuttle trip, a patrol scan, an incident with a photo and a signed vehicle check made offline survive a reload and reach the server once each', async () => {
    onTestFailed(() => console.error(`server output:\n${server.output()}`));
    const api = await signIn(server.url, manager.login, DEMO_PASSWORD);
    const site = `/sites/${api.siteId}`;

    // --- the scene, set through the API ---
    // A fire-equipment point in the car park on the attendant's patrol (PARK-PRE-2), due this minute.
    const zone = (await api.get<{ items: { id: string; kind: string }[] }>(`${site}/zones`)).items.find((z) => z.kind === 'CAR_PARK')!;
    const checkpoint = await api.post<Checkpoint>(`${site}/checkpoints`, {
      id: crypto.randomUUID(),
      zoneId: zone.id,
      nameZh: '车场消防栓',
      nameEn: 'Car park hydrant',
      lat: 30.2084,
      lng: 120.2122,
    });
    const route = await api.post<PatrolRoute>(`${site}/patrol-routes`, {
      id: crypto.randomUUID(),
      nameZh: '车场设备巡查',
      nameEn: 'Car park equipment round',
      stops: [{ checkpointId: checkpoint.id, plannedMinute: 0 }],
    });
    await api.post(`${site}/patrol-schedules`, {
      id: crypto.randomUUID(),
      routeId: route.id,
      postKind: 'PARK',
      kind: 'fixed',
      times: [shanghaiNow()],
      graceMinutes: 30,
    });
    // A car parked by the attendant, and a walk-in party the hall hands to the shuttle.
    const parkApi = await signIn(server.url, 'park', DEMO_PASSWORD);
    const car = await parkApi.post<Visit>(`${site}/visits`, { id: crypto.randomUUID(), partySize: 2, arrivalMode: 'car', plate: '浙A67890' });
    const hallApi = await signIn(server.url, 'hall', DEMO_PASSWORD);
    const party = await hallApi.post<Visit>(`${site}/visits`, { id: crypto.randomUUID(), partySize: 3, arrivalMode: 'walk_in' });
    const toShuttle = crypto.randomUUID();
    await hallApi.post(`${site}/visits/${party.id}/handoffs`, { id: toShuttle, to: 'shuttle' });

    // --- two phones, with the app kept on them (service worker) while there is signal ---
    const driver = await narrowPhone('shuttle');
    const shuttle = driver.page;
    await shuttle.locator('.adm-tab-bar-item').filter({ hasText: '来访' }).click();
    await shuttle.getByTestId('shuttle-vehicle').locator('input').fill('2号车');
    const waitingParty = shuttle.locator(`[data-testid="shuttle-waiting-visit"][data-visit-id="${party.id}"]`);
    await waitingParty.waitFor();

    const attendant = await narrowPhone('park');
    const park = attendant.page;
    await park.locator('.adm-tab-bar-item').filter({ hasText: '来访' }).click();
    const carRow = park.getByTestId('parked-car').filter({ hasText: car.plateMasked! });
    await carRow.getByTestId('vehicle-check-open').filter({ hasText: '车辆检查' }).waitFor();

    for (const page of [shuttle, park]) {
      await page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    }

    // --- the signal drops on both ---
    await driver.context.setOffline(true);
    await attendant.context.setOffline(true);

    // 电瓶车: boards the party (taking the hall's hand-off), drives off, arrives with nothing left on board.
    const beforeDepart = await phoneNow(shuttle);
    await waitingParty.locator('.adm-checkbox').click();
    await shuttle.getByTestId('shuttle-chosen').filter({ hasText: '共 3位' }).waitFor();
    await shuttle.getByTestId('shuttle-depart').click();
    const onTheRoad = shuttle.getByTestId('shuttle-en-route');
    await onTheRoad.waitFor();
    const afterDepart = await phoneNow(shuttle);
    const tripId = (await onTheRoad.getAttribute('data-trip-id'))!;
    await bannerWaits(shuttle, 2, ['1 次交接', '1 条电瓶车行程']);
    await onTheRoad.getByTestId('shuttle-arrive').click();
    await shuttle.getByTestId('items-left-no').click();
    const beforeArrive = await phoneNow(shuttle);
    await shuttle.getByTestId('confirm-arrive').click();
    await onTheRoad.waitFor({ state: 'detached' });
    const afterArrive = await phoneNow(shuttle);
    // Arriving hands the guests on to the show-area concierge: that hand-off waits too.
    await bannerWaits(shuttle, 4, ['2 次交接', '2 条电瓶车行程']);
    await shuttle.getByTestId('shuttle-log-row').first().waitFor();

    // 车场: the signed vehicle check with a photo of the bumper.
    await carRow.getByTestId('vehicle-check-open').click();
    await park.getByTestId('car-outline').waitFor();
    await park.getByTestId('vehicle-photo-input').setInputFiles({ name: 'bumper.png', mimeType: 'image/png', buffer: gradientPng() });
    await park.getByTestId('vehicle-photo').waitFor();
    await park.getByTestId('vehicle-notes').locator('textarea:not([readonly])').fill('后保险杠轻微擦痕,客户确认');
    await sign(park, 'signature-pad');
    await park.getByTestId('signature-pad-status').filter({ hasText: '已签名' }).waitFor();
    const beforeCheck = await phoneNow(park);
    await park.getByTestId('vehicle-check-submit').click();
    await carRow.getByTestId('vehicle-check-open').filter({ hasText: '车检已签 · 待发送' }).waitFor();
    const afterCheck = await phoneNow(park);
    await bannerWaits(park, 1, ['1 次车辆检查']);

    // An incident with a photo, from the home page.
    await park.locator('.adm-tab-bar-item').filter({ hasText: '首页' }).click();
    await park.getByTestId('incident-home-report').click();
    await park.locator('[data-testid="incident-kind"][data-kind="damage"]').click();
    const description = `车场入口道闸被访客车辆刮擦 #${Date.now() % 100_000}`;
    await park.getByTestId('incident-description').locator('textarea:not([readonly])').fill(description);
    await park.getByTestId('incident-photo-input').setInputFiles({ name: 'barrier.png', mimeType: 'image/png', buffer: gradientPng(80, 60) });
    await park.getByTestId('incident-photo-thumb').waitFor();
    const beforeIncident = await phoneNow(park);
    await park.getByTestId('incident-send').click();
    await bannerWaits(park, 2, ['1 次车辆检查', '1 起事件上报']);
    const afterIncident = await phoneNow(park);

    // The checkpoint's QR, opened by the phone's camera app: the scan is kept on the phone.
    const beforeScan = await phoneNow(park);
    const opened = await park.goto(`/m/q/c/${checkpoint.code}`);
    expect(opened?.fromServiceWorker()).toBe(true);
    await park.getByTestId('scan-saved-on-phone').waitFor();
    const afterScan = await phoneNow(park);
    // Back in the app, the banner counts it with the rest.
    await park.goto('/m/');
    await bannerWaits(park, 3, ['1 次车辆检查', '1 起事件上报', '1 次巡更打卡']);

    // What each phone stored, with the ids the server must keep.
    const driverWrites = await storedWrites(shuttle);
    const parkWrites = await storedWrites(park);
    expect(driverWrites.map((w) => w.op.kind).sort()).toEqual(['tripArrive', 'tripDepart', 'visitAck', 'visitHandoff']);
    expect(parkWrites.map((w) => w.op.kind).sort()).toEqual(['incidentReport', 'photo', 'photo', 'scan', 'vehicleCheck']);
    expect(driverWrites.find((w) => w.op.kind === 'tripDepart')!.key).toBe(tripId);
    const handoffToConcierge = driverWrites.find((w) => w.op.kind === 'visitHandoff')!.key;
    const incidentId = parkWrites.find((w) => w.op.kind === 'incidentReport')!.key;
    const scan = parkWrites.find((w) => w.op.kind === 'scan')!;

    // --- a reload on both, still without network: nothing is lost ---
    for (const page of [shuttle, park]) {
      const reloaded = await page.reload();
      expect(reloaded?.fromServiceWorker()).toBe(true); // the app itself came from the phone
    }
    await bannerWaits(shuttle, 4, ['2 次交接', '2 条电瓶车行程']);
    await bannerWaits(park, 3, ['1 次车辆检查', '1 起事件上报', '1 次巡更打卡']);
    expect(await listedWaiting(shuttle)).toEqual([
      expect.stringContaining('接待'),
      expect.stringContaining('发车 · 2号车 · 3位'),
      expect.stringContaining('电瓶车到达'),
      expect.stringContaining('交接'),
    ]);
    // The list shows each photo on its own line, before the write that carries it.
    expect(await listedWaiting(park)).toEqual([
      expect.stringMatching(/^照片/),
      expect.stringContaining(`车辆检查 ${car.plateMasked}`),
      expect.stringMatching(/^照片/),
      expect.stringContaining('上报事件 · 物品损坏'),
      expect.stringContaining('巡更打卡'),
    ]);
    // The screens still lay the waiting writes over what the phone kept: the trip arrived, the car signed.
    await shuttle
      .getByTestId('shuttle-log-row')
      .first()
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(`the driver's screen: ${await shuttle.locator('body').innerText()}`, { cause: error });
      });
    expect(await shuttle.getByTestId('shuttle-en-route').count()).toBe(0);
    await park.locator('.adm-tab-bar-item').filter({ hasText: '来访' }).click();
    await carRow.getByTestId('vehicle-check-open').filter({ hasText: '车检已签 · 待发送' }).waitFor();

    // Nothing reached the server while offline.
    expect((await api.get<PageOf<ShuttleTrip>>(`${site}/shuttle/trips`)).items).toEqual([]);
    expect((await api.get<PageOf<Incident>>(`${site}/incidents`)).items).toEqual([]);
    const checkAudit = await api.get<AuditPage>(`${site}/audit?action=visit.vehicle_check&limit=50`);
    expect(checkAudit.items).toEqual([]);

    // --- the signal comes back: both outboxes empty ---
    const backOnline = server.now();
    await driver.context.setOffline(false);
    await attendant.context.setOffline(false);
    for (const page of [shuttle, park]) await page.getByTestId('outbox-banner').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await storedWrites(shuttle)).toEqual([]);
    expect(await storedWrites(park)).toEqual([]);
    await carRow
      .getByTestId('vehicle-check-open')
      .filter({ hasText: /^车检已签$/ })
      .waitFor();

    // The trip: once, under the phone's id, with the taps' times.
    const trips = (await api.get<PageOf<ShuttleTrip>>(`${site}/shuttle/trips`)).items;
    expect(trips).toHaveLength(1);
    const trip = trips[0]!;
    expect(trip).toMatchObject({ id: tripId, vehicle: '2号车', visitIds: [party.id], guests: 3, status: 'arrived', itemsLeft: false });
    expect(trip.departedAt).toBeGreaterThanOrEqual(beforeDepart);
    expect(trip.departedAt).toBeLessThanOrEqual(afterDepart);
    expect(trip.arrivedAt).toBeGreaterThanOrEqual(beforeArrive);
    expect(trip.arrivedAt).toBeLessThanOrEqual(afterArrive);
    expect(trip.arrivedAt!).toBeLessThan(backOnline);
    const tripAudit = await api.get<AuditPage>(`${site}/audit?action=shuttle.depart&limit=50`);
    expect(tripAudit.items.filter((e) => e.entityId === tripId)).toHaveLength(1);
    // The party: the hall's hand-off taken once by the driver, handed on once to the concierge.
    const visit = await api.get<Visit & { handoffs: { id: string; to: string; ackedByName: string | null }[] }>(`${site}/visits/${party.id}`);
    expect(visit.stage).toBe('shuttle'); // until the concierge takes them
    expect(visit.handoffs.map((h) => [h.id, h.to, h.ackedByName])).toEqual([
      [toShuttle, 'shuttle', '赵强 (电瓶车)'],
      [handoffToConcierge, 'concierge', null],
    ]);

    // The vehicle check: once, signed at the tap, with its photo uploaded once.
    const check = await api.get<VehicleCheck>(`${site}/visits/${car.id}/vehicle-check`);
    expect(check.signedAt).toBeGreaterThanOrEqual(beforeCheck);
    expect(check.signedAt).toBeLessThanOrEqual(afterCheck);
    expect(check.notes).toBe('后保险杠轻微擦痕,客户确认');
    expect(check.signature.strokes).toHaveLength(2);
    expect(check.photoIds).toHaveLength(1);
    expect((await api.get<AuditPage>(`${site}/audit?action=visit.vehicle_check&limit=50`)).items).toHaveLength(1);

    // The incident: once, under the phone's id, reported at the tap, with its photo.
    const incidents = (await api.get<PageOf<Incident>>(`${site}/incidents`)).items;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: incidentId, kind: 'damage', description });
    expect(incidents[0]!.reportedAt).toBeGreaterThanOrEqual(beforeIncident);
    expect(incidents[0]!.reportedAt).toBeLessThanOrEqual(afterIncident);
    expect(incidents[0]!.photoId).toBeTruthy();
    const photos = await api.get<AuditPage>(`${site}/audit?action=photo.upload&limit=50`);
    for (const photoId of [check.photoIds[0]!, incidents[0]!.photoId!]) {
      expect(photos.items.filter((e) => e.entityId === photoId)).toHaveLength(1);
    }

    // The scan: once, under the phone's id, proving the attendant's round at the time the QR was opened.
    const scans = await api.get<AuditPage>(`${site}/audit?action=checkpoint.scan&limit=50`);
    const ofCheckpoint = scans.items.filter((e) => e.entityId === checkpoint.id);
    expect(ofCheckpoint.map((e) => e.detail?.scanId)).toEqual([scan.key]);
    expect(scan.op.body?.at).toBeGreaterThanOrEqual(beforeScan);
    expect(scan.op.body?.at).toBeLessThanOrEqual(afterScan);
    const rounds = await api.get<PageOf<PatrolRound>>(`${site}/patrol-rounds?date=${shanghaiToday(new Date(server.now()))}&limit=200`);
    const round = rounds.items.find((r) => r.routeId === route.id)!;
    expect(round.checks).toHaveLength(1);
    expect(round.checks[0]!.scannedAt).toBe(scan.op.body?.at);
    expect(round.status).toBe('done');
  });
});
