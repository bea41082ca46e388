/**
 * The outbox kinds of the stock count, the round confirmation and the model-room and equipment
 * checks: each is keyed by the id the server stores it under, carries its photos, and (where the
 * domain cares) its tap time, which a refused phone clock drops.
 */
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api/client';
import { classifyFailure, toRequest, type OutboxItem, type OutboxOp } from '../../shared/offline/outbox';
import { outboxKind } from '../../shared/offline/outbox-registry';
import { countRecords, summarizeByKind } from '../../shared/offline/outbox-summary';
import '../supplies/outbox-kinds';
import './outbox-kinds';
import '../model-room-inventory/outbox-kinds';
import '../equipment/outbox-kinds';

const NOW = 1_800_000_000_000;
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

const count: OutboxOp = {
  kind: 'stockCount',
  siteId: 's1',
  storeName: '吧台仓',
  body: { id: 'count-1', storeId: 'store-1', lines: [{ itemId: 'i1', counted: 7 }] },
};
const round: OutboxOp = { kind: 'roundConfirm', siteId: 's1', slotId: 'slot-1', label: '全面保洁', body: { photoId: 'p-round', at: NOW - 60_000 } };
const roomCheck: OutboxOp = {
  kind: 'modelRoomCheck',
  siteId: 's1',
  roomId: 'room-1',
  roomName: '样板房 A 户型',
  body: {
    id: 'check-1',
    phase: 'opening',
    lines: [
      { itemId: 'i1', status: 'present' },
      { itemId: 'i2', status: 'damaged', note: '灯罩裂开', photoId: 'p-damage' },
    ],
    at: NOW - 120_000,
  },
};
const equipment: OutboxOp = {
  kind: 'equipmentCheck',
  siteId: 's1',
  body: {
    id: 'eq-1',
    kind: 'closing',
    results: [
      { assetId: 'a1', ok: true },
      { assetId: 'a2', ok: false, note: '灯不亮', photoId: 'p-fault' },
    ],
    at: NOW - 180_000,
  },
};
const photo = (photoId: string): OutboxOp => ({ kind: 'photo', siteId: 's1', photoId, bytes: new ArrayBuffer(4), contentType: 'image/jpeg' });

const item = (op: OutboxOp, key: string, seq: number): OutboxItem => ({
  key,
  seq,
  personId: 'me',
  createdAt: NOW,
  op,
  state: 'waiting',
  attempts: 0,
  error: null,
});
const keyOf = (op: OutboxOp) => outboxKind(op.kind)!.key(op);

describe('outbox kinds: stock count, round confirmation, model-room and equipment checks', () => {
  it('keys each write by the id the server stores it under (a round confirmation by its slot)', () => {
    expect([count, round, roomCheck, equipment].map(keyOf)).toEqual(['count-1', 'slot-1', 'check-1', 'eq-1']);
  });

  it('sends the tap time of a confirmation and of the checks, and drops it when the server refuses the phone clock', () => {
    const clockRefused = new ApiError(400, 'CLOCK_TIME_INVALID', {}, 'clock');
    for (const op of [round, roomCheck, equipment]) {
      expect(outboxKind(op.kind)!.tapTime!(op)).toBeLessThan(NOW);
      expect(classifyFailure(clockRefused, { op }, NOW)).toBe('retryWithoutTime');
      const sent = toRequest({ op, omitTime: true }) as { body: Record<string, unknown> };
      expect(sent.body).not.toHaveProperty('at');
      expect(sent.body.id ?? (sent as unknown as { slotId: string }).slotId).toBe(keyOf(op));
    }
    // The round keeps its photo when sent without time.
    expect((toRequest({ op: round, omitTime: true }) as { body: unknown }).body).toEqual({ photoId: 'p-round' });
    // A count takes the server's time: nothing to drop, and a refusal stays a refusal.
    expect(outboxKind('stockCount')!.tapTime).toBeUndefined();
    expect(classifyFailure(new ApiError(400, 'NEGATIVE_COUNT', {}, 'no'), { op: count }, NOW)).toBe('fail');
  });

  it('counts a write with its photos as one record, and names each kind in the summary and the list', () => {
    const items = [
      item(photo('p-damage'), 'p-damage', 1),
      item(roomCheck, 'check-1', 2),
      item(photo('p-fault'), 'p-fault', 3),
      item(equipment, 'eq-1', 4),
      item(photo('p-round'), 'p-round', 5),
      item(round, 'slot-1', 6),
      item(count, 'count-1', 7),
    ];
    expect(countRecords(items)).toBe(4);
    expect(summarizeByKind(items, t)).toEqual([
      'shiftPhone.outbox.groups.modelRoomCheck {"count":1}',
      'shiftPhone.outbox.groups.equipmentCheck {"count":1}',
      'shiftPhone.outbox.groups.roundConfirm {"count":1}',
      'shiftPhone.outbox.groups.stockCount {"count":1}',
    ]);
    expect(outboxKind('stockCount')!.describe(count, t, 'zh-CN')).toBe('shiftPhone.outbox.kinds.stockCount {"store":"吧台仓","count":1}');
    expect(outboxKind('equipmentCheck')!.describe(equipment, t, 'zh-CN')).toBe(
      'shiftPhone.outbox.kinds.equipmentCheck {"kind":"equipment.phone.closing","count":1}',
    );
  });
});
