import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import { packEvents, parseNotification, type Notice } from './bus.js';

const room = (i: number) => `site:0194b8f0-7c1e-7000-8000-${String(i).padStart(12, '0')}`;
const ev = (roomName: string, seq: number, title = '新客到访'): RealtimeEvent => ({
  type: 'notification.created',
  room: roomName,
  siteId: roomName.slice(5),
  payload: { notificationId: `n${seq}`, title, body: '', fromName: '张伟' },
  at: 1_796_500_000_000 + seq,
  seq,
});

function unpack(payloads: string[]) {
  const parsed = payloads.map((p) => parseNotification(p));
  const notices: Notice[] = [];
  const events: RealtimeEvent[] = [];
  for (const n of parsed) {
    if (!n || !('rooms' in n)) throw new Error('not a notice payload');
    notices.push(...n.rooms);
    events.push(...n.events);
  }
  return { notices, events, origins: parsed.map((n) => n?.origin) };
}

describe('packEvents', () => {
  it('packs many rooms’ events into few NOTIFY payloads, each under PostgreSQL’s limit, each room’s notice with its events', () => {
    const events = Array.from({ length: 400 }, (_, i) => [ev(room(i), i + 1), ev(room(i), i + 2)]).flat();
    const payloads = packEvents('origin-1', events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(60);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const { notices, events: carried, origins } = unpack(payloads);
    expect(notices).toEqual(Array.from({ length: 400 }, (_, i) => [room(i), i + 2]));
    expect(carried).toEqual(events);
    expect(new Set(origins)).toEqual(new Set(['origin-1']));
    // A room's events travel in the payload of its notice.
    for (const p of payloads) {
      const n = parseNotification(p) as { rooms: Notice[]; events: RealtimeEvent[] };
      const rooms = new Set(n.rooms.map(([r]) => r));
      expect(n.events.every((e) => rooms.has(e.room))).toBe(true);
    }
  });

  it('sends the notice alone for a room whose events do not fit a payload, when not carrying, and for what is past the carried bytes', () => {
    const huge = ev(room(1), 7, '长'.repeat(3000)); // 9,000 bytes of UTF-8 on its own
    const { notices, events } = unpack(packEvents('o', [ev(room(0), 1), huge]));
    expect(notices).toEqual([
      [room(0), 1],
      [room(1), 7],
    ]);
    expect(events).toEqual([ev(room(0), 1)]);

    // Not carrying (no other instance listens): every room's notice, no event.
    expect(unpack(packEvents('o', [ev(room(0), 1), ev(room(0), 2)], false))).toMatchObject({ notices: [[room(0), 2]], events: [] });

    // A backlog of ~600 kB: the first ~256 kB of events travel, the rest as notices only.
    const backlog = Array.from({ length: 3000 }, (_, i) => ev(room(i), 1, '待接待'.repeat(20)));
    const packed = unpack(packEvents('o', backlog));
    expect(packed.notices).toHaveLength(3000);
    expect(packed.events.length).toBeGreaterThan(500);
    expect(packed.events.length).toBeLessThan(3000);
    expect(packed.events).toEqual(backlog.slice(0, packed.events.length));
  });
});

describe('parseNotification', () => {
  it('reads notices with their events, notices alone (an earlier version’s) and wake-ups, and refuses anything else', () => {
    const e = ev('site:a', 3);
    expect(parseNotification(JSON.stringify({ origin: 'o', rooms: [['site:a', 3]], events: [e] }))).toEqual({
      origin: 'o',
      rooms: [['site:a', 3]],
      events: [e],
    });
    expect(parseNotification('{"origin":"o","rooms":[["site:a",3]]}')).toEqual({ origin: 'o', rooms: [['site:a', 3]], events: [] });
    expect(parseNotification('{"origin":"o","catchUp":true}')).toEqual({ origin: 'o', catchUp: true });
    for (const bad of [
      'nope',
      'null',
      '[]',
      '{"rooms":[]}',
      '{"origin":"o","rooms":[["site:a","3"]]}',
      '{"origin":"o","rooms":[["site:a",0]]}',
      '{"origin":"o"}',
      '{"origin":"o","rooms":[["site:a",3]],"events":{}}',
      // an event its room's notice does not cover
      JSON.stringify({ origin: 'o', rooms: [['site:a', 2]], events: [e] }),
      JSON.stringify({ origin: 'o', rooms: [['site:b', 3]], events: [e] }),
      // events not of the log's shape
      JSON.stringify({ origin: 'o', rooms: [['site:a', 3]], events: [{ ...e, seq: '3' }] }),
      JSON.stringify({ origin: 'o', rooms: [['site:a', 3]], events: [{ ...e, payload: null }] }),
      JSON.stringify({ origin: 'o', rooms: [['site:a', 3]], events: [{ ...e, siteId: 7 }] }),
    ])
      expect(parseNotification(bad), bad).toBeNull();
  });
});
