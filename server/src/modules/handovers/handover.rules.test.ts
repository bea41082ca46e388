import { describe, expect, it } from 'vitest';
import { confirmDeadline, findIncomingShift, INCOMING_STARTED_GRACE_MS } from './handover.rules.js';

const H = 60 * 60_000;

describe('the incoming shift and the confirm deadline', () => {
  const spans = [
    { personId: 'me', startsAt: 8 * H, endsAt: 20 * H },
    { personId: 'night', startsAt: 20 * H, endsAt: 32 * H },
    { personId: 'tomorrow', startsAt: 32 * H, endsAt: 44 * H },
  ];
  it('is the next shift by someone else, even when it began a little before the handover', () => {
    expect(findIncomingShift(spans, 'me', 19 * H)?.personId).toBe('night');
    expect(findIncomingShift(spans, 'me', 21 * H)?.personId).toBe('night');
    expect(findIncomingShift(spans, 'me', 20 * H + INCOMING_STARTED_GRACE_MS + 1)?.personId).toBe('tomorrow');
    expect(findIncomingShift(spans, 'night', 31 * H)?.personId).toBe('tomorrow');
    expect(findIncomingShift([], 'me', 0)).toBeNull();
  });
  it('runs from the incoming start, never before writing', () => {
    expect(confirmDeadline(19 * H, 20 * H, 30)).toBe(20 * H + 30 * 60_000);
    expect(confirmDeadline(21 * H, 20 * H, 30)).toBe(21 * H + 30 * 60_000);
    expect(confirmDeadline(21 * H, null, 15)).toBe(21 * H + 15 * 60_000);
  });
});
