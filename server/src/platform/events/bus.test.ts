import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import { packPayloads } from './bus.js';

const event = (i: number): RealtimeEvent => ({
  type: 'notification.created',
  room: 'site:s',
  siteId: 's',
  payload: { notificationId: `n${i}`, title: '下午三点例会'.repeat(3), body: '请准时参加', fromName: '林经理' },
  at: i,
});

describe('packPayloads', () => {
  it('packs many events into few NOTIFY payloads, each under PostgreSQL’s limit, losing none', () => {
    const events = Array.from({ length: 200 }, (_, i) => event(i));
    const payloads = packPayloads('origin-1', events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(20);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const unpacked = payloads.flatMap((p) => (JSON.parse(p) as { origin: string; events: RealtimeEvent[] }).events);
    expect(unpacked).toEqual(events);
    expect((JSON.parse(payloads[0]!) as { origin: string }).origin).toBe('origin-1');
  });
});
