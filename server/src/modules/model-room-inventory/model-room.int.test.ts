import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, ModelRoom, ModelRoomCheck, ModelRoomItem, PageOf } from '@anchang/contracts';
import { newId } from '../../platform/ids.js';
import { buildTestApp, type TestApp } from '../../test/build-test-app.js';
import { createCompanyWithSite, createPerson, loginAs, type TestSite } from '../../test/factories.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { connectSocket } from '../../test/ws-client.js';

describe(`model-room item lists and their checks (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestApp;
  let site: TestSite;
  let base: string;
  let manager: string;
  let guide: string;
  let hostess: string;
  let roomId: string;
  let server: string;
  const items: ModelRoomItem[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.testDb.database.db;
    site = await createCompanyWithSite(db);
    base = `/api/sites/${site.siteId}`;
    manager = await loginAs(t.app, (await createPerson(db, site, 'site_manager')).login);
    const now = t.clock.now();
    const modelPost = newId();
    await db
      .insertInto('posts')
      .values({ id: modelPost, site_id: site.siteId, kind: 'MODEL', name: '样板房岗', zone_id: null, created_at: now, updated_at: now })
      .execute();
    guide = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [modelPost] })).login);
    hostess = await loginAs(t.app, (await createPerson(db, site, 'staff', { postIds: [site.postId] })).login);
    const room = await call(manager, 'POST', '/zones', { kind: 'MODEL_ROOM', name: 'A户型样板房', capacity: 10 });
    expect(room.statusCode, room.body).toBe(201);
    roomId = room.json<{ id: string }>().id;
    for (const [name, quantity] of [
      ['抱枕', 4],
      ['装饰花瓶', 1],
      ['台灯', 2],
    ] as const) {
      const res = await call(manager, 'POST', `/model-rooms/${roomId}/items`, { name, quantity, positionNote: '客厅' });
      expect(res.statusCode, res.body).toBe(201);
      items.push(res.json<ModelRoomItem>());
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${base}${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = async (res: ReturnType<typeof call>) => (await res).json<{ error: { code: string } }>().error.code;
  const allPresent = () => items.map((i) => ({ itemId: i.id, status: 'present' as const }));

  it('records a missing item at the check as a missing_item incident that reaches the manager live', async () => {
    const board = await connectSocket(server, manager);
    await board.waitFor((m) => m.type === 'hello');
    board.send({ type: 'subscribe', siteId: site.siteId });
    await board.waitFor((m) => m.type === 'subscribed');
    const id = newId();
    const lines = allPresent();
    lines[0] = { itemId: items[0]!.id, status: 'missing', foundQuantity: 3 } as never;
    // The check is the model-room guide's: the hall hostess is refused.
    expect(await code(call(hostess, 'POST', `/model-rooms/${roomId}/checks`, { id, phase: 'closing', lines }))).toBe('NOT_ON_POST');
    const res = await call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id, phase: 'closing', lines });
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json<ModelRoomCheck>();
    expect(check).toMatchObject({ phase: 'closing', present: 2, missing: 1, damaged: 0 });
    const line = check.lines.find((l) => l.itemId === items[0]!.id)!;
    expect(line).toMatchObject({ status: 'missing', expected: 4, foundQuantity: 3 });
    expect(line.incidentId).not.toBeNull();
    const live = await board.waitFor((m) => m.type === 'event' && m.event.type === 'incident.created');
    expect(live.type === 'event' && live.event.payload).toMatchObject({ incidentId: line.incidentId, kind: 'missing_item' });
    board.close();
    const incidents = (await call(manager, 'GET', '/incidents?status=open')).json<PageOf<Incident>>();
    const incident = incidents.items.find((i) => i.id === line.incidentId);
    expect(incident?.kind).toBe('missing_item');
    expect(incident?.description).toContain('抱枕');
    // Sent again: the same check, no second incident.
    expect((await call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id, phase: 'closing', lines })).statusCode).toBe(200);
    const again = (await call(manager, 'GET', '/incidents?status=open')).json<PageOf<Incident>>();
    expect(again.items.filter((i) => i.kind === 'missing_item')).toHaveLength(1);
  });

  it('needs a note and a photo for damage, and raises a damage incident with the photo', async () => {
    const lines = allPresent();
    lines[2] = { itemId: items[2]!.id, status: 'damaged' } as never;
    expect(await code(call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'opening', lines }))).toBe('DAMAGE_NOTE_REQUIRED');
    lines[2] = { itemId: items[2]!.id, status: 'damaged', note: '灯罩裂开' } as never;
    expect(await code(call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'opening', lines }))).toBe('DAMAGE_PHOTO_REQUIRED');
    const photoId = newId();
    const up = await t.app.inject({
      method: 'PUT',
      url: `${base}/photos/${photoId}`,
      headers: { cookie: guide, 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(up.statusCode, up.body).toBeLessThan(300);
    lines[2] = { itemId: items[2]!.id, status: 'damaged', note: '灯罩裂开', photoId } as never;
    const check = (await call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'opening', lines })).json<ModelRoomCheck>();
    const incidentId = check.lines.find((l) => l.status === 'damaged')!.incidentId;
    const incidents = (await call(manager, 'GET', '/incidents')).json<PageOf<Incident>>();
    expect(incidents.items.find((i) => i.id === incidentId)).toMatchObject({ kind: 'damage', photoId });
  });

  it('refuses a check that leaves items out or finds as many as listed', async () => {
    expect(await code(call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'opening', lines: allPresent().slice(1) }))).toBe(
      'CHECK_INCOMPLETE',
    );
    const lines = allPresent();
    lines[1] = { itemId: items[1]!.id, status: 'missing', foundQuantity: 1 } as never;
    expect(await code(call(guide, 'POST', `/model-rooms/${roomId}/checks`, { id: newId(), phase: 'opening', lines }))).toBe(
      'MISSING_QUANTITY_INVALID',
    );
    expect(await code(call(guide, 'POST', `/model-rooms/${site.zoneId}/checks`, { id: newId(), phase: 'opening', lines: allPresent() }))).toBe(
      'MODEL_ROOM_NOT_FOUND',
    );
  });

  it('shows the history newest first and the latest check on the room; only overseers keep the list', async () => {
    const history = (await call(guide, 'GET', `/model-rooms/${roomId}/checks?limit=1`)).json<PageOf<ModelRoomCheck>>();
    expect(history.items[0]).toMatchObject({ phase: 'opening', damaged: 1 });
    expect(history.nextCursor).not.toBeNull();
    const rooms = (await call(guide, 'GET', '/model-rooms')).json<PageOf<ModelRoom>>();
    expect(rooms.items).toMatchObject([{ zoneId: roomId, itemCount: 3, lastCheck: { id: history.items[0]!.id, damaged: 1, missing: 0 } }]);
    expect(await code(call(guide, 'POST', `/model-rooms/${roomId}/items`, { name: '挂画', quantity: 1 }))).toBe('FORBIDDEN');
    const patched = await call(manager, 'PATCH', `/model-room-items/${items[1]!.id}`, { quantity: 2 });
    expect(patched.json<ModelRoomItem>().quantity).toBe(2);
    const list = (await call(guide, 'GET', `/model-rooms/${roomId}/items`)).json<PageOf<ModelRoomItem>>();
    expect(list.items.map((i) => i.name)).toEqual(['抱枕', '装饰花瓶', '台灯']);
  });
  it('keeps the time a check waited in the phone outbox was made; sent twice, stored once', async () => {
    const sentAt = t.clock.now() - 30 * 60_000;
    const body = { id: newId(), phase: 'closing', lines: allPresent(), at: sentAt };
    const ahead = await call(guide, 'POST', `/model-rooms/${roomId}/checks`, { ...body, at: t.clock.now() + 10 * 60_000 });
    expect([ahead.statusCode, ahead.json<{ error: { code: string } }>().error.code]).toEqual([400, 'CLOCK_TIME_INVALID']);
    const first = await call(guide, 'POST', `/model-rooms/${roomId}/checks`, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<ModelRoomCheck>()).toMatchObject({ id: body.id, at: sentAt, present: 3 });
    const again = await call(guide, 'POST', `/model-rooms/${roomId}/checks`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json<ModelRoomCheck>()).toMatchObject({ id: body.id, at: sentAt });
    const rows = await t.testDb.database.db.selectFrom('model_room_checks').select('id').where('id', '=', body.id).execute();
    expect(rows).toHaveLength(1);
    const lines = await t.testDb.database.db.selectFrom('model_room_check_lines').select('id').where('check_id', '=', body.id).execute();
    expect(lines).toHaveLength(3);
  });
});
