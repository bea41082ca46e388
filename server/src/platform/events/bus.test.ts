import { describe, expect, it } from 'vitest';
import { packNotices, parseNotification, type Notice } from './bus.js';

describe('packNotices', () => {
  it('packs many rooms’ notices into few NOTIFY payloads, each under PostgreSQL’s limit, losing none', () => {
    const notices: Notice[] = Array.from({ length: 600 }, (_, i) => [`site:0194b8f0-7c1e-7000-8000-${String(i).padStart(12, '0')}`, i + 1]);
    const payloads = packNotices('origin-1', notices);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(20);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const unpacked = payloads.flatMap((p) => {
      const n = parseNotification(p);
      return n && 'rooms' in n ? n.rooms : [];
    });
    expect(unpacked).toEqual(notices);
    expect(parseNotification(payloads[0]!)?.origin).toBe('origin-1');
  });
});

describe('parseNotification', () => {
  it('reads notices and wake-ups, and refuses anything else', () => {
    expect(parseNotification('{"origin":"o","rooms":[["site:a",3]]}')).toEqual({ origin: 'o', rooms: [['site:a', 3]] });
    expect(parseNotification('{"origin":"o","catchUp":true}')).toEqual({ origin: 'o', catchUp: true });
    for (const bad of [
      'nope',
      'null',
      '{"rooms":[]}',
      '{"origin":"o","rooms":[["site:a","3"]]}',
      '{"origin":"o","rooms":[["site:a",0]]}',
      '{"origin":"o"}',
    ])
      expect(parseNotification(bad)).toBeNull();
  });
});
