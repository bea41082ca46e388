import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@anchang/contracts';
import { planReplay, REPLAY_LIMIT } from './replay.js';

const ev = (seq: number): RealtimeEvent => ({ type: 'site.changed', room: 'site:a', siteId: 'a', payload: { siteId: 'a' }, at: seq, seq });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
const seqs = (events: RealtimeEvent[]) => events.map((e) => e.seq);

describe('planReplay', () => {
  it('starts a socket without `since` at the room’s head', () => {
    expect(planReplay({ since: undefined, head: 12, rows: [], sent: null })).toEqual({ resync: false, replay: [], liveFrom: 12, seq: 12 });
  });

  it('sends what was missed after `since`, including rows committed after the head was read', () => {
    const plan = planReplay({ since: 3, head: 6, rows: range(4, 7), sent: null });
    expect(plan.resync).toBe(false);
    expect(seqs(plan.replay)).toEqual([4, 5, 6, 7]);
    expect(plan.seq).toBe(7);
  });

  it('asks for a resync when too much was missed, when some was pruned, or when `since` is from elsewhere', () => {
    expect(planReplay({ since: 0, head: REPLAY_LIMIT + 1, rows: [], sent: null }).resync).toBe(true);
    expect(planReplay({ since: 2, head: 6, rows: range(5, 6), sent: null }).resync).toBe(true);
    expect(planReplay({ since: 2, head: 6, rows: [], sent: null }).resync).toBe(true);
    const foreign = planReplay({ since: 9, head: 6, rows: [], sent: null });
    expect(foreign).toEqual({ resync: true, replay: [], liveFrom: 6, seq: 6 });
  });

  it('does not send twice what a socket already following the room was sent', () => {
    // Joined at 5 (hello), then live 6 and 7; the client resumes from 6.
    const plan = planReplay({ since: 6, head: 8, rows: range(7, 8), sent: { liveFrom: 5, upTo: 7 } });
    expect(seqs(plan.replay)).toEqual([8]);
    expect(plan).toMatchObject({ resync: false, liveFrom: 5, seq: 8 });
  });

  it('replays before the join point while nothing went out live yet, and resyncs once something did', () => {
    const quiet = planReplay({ since: 2, head: 5, rows: range(3, 5), sent: { liveFrom: 5, upTo: 5 } });
    expect(seqs(quiet.replay)).toEqual([3, 4, 5]);
    expect(quiet).toMatchObject({ liveFrom: 2, seq: 5 });
    expect(planReplay({ since: 2, head: 6, rows: range(3, 6), sent: { liveFrom: 5, upTo: 6 } }).resync).toBe(true);
  });
});
