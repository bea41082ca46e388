import { describe, expect, it } from 'vitest';
import { RoomSeqs } from './room-seqs';

describe('RoomSeqs', () => {
  it('keeps the last seq per room and refuses an event already seen', () => {
    const seqs = new RoomSeqs();
    expect(seqs.see({ room: 'site:a', seq: 4 })).toBe(true);
    expect(seqs.see({ room: 'user:p', seq: 9 })).toBe(true);
    expect(seqs.see({ room: 'site:a', seq: 5 })).toBe(true);
    expect(seqs.see({ room: 'site:a', seq: 5 })).toBe(false);
    expect(seqs.see({ room: 'site:a', seq: 3 })).toBe(false);
    expect(seqs.get('site:a')).toBe(5);
    expect(seqs.get('user:p')).toBe(9);
  });

  it('takes the seq the server acknowledges, and forgets a room left', () => {
    const seqs = new RoomSeqs();
    seqs.see({ room: 'site:a', seq: 5 });
    seqs.standAt('site:a', 40); // a resync: the screens refetch, live events follow after 40
    expect(seqs.see({ room: 'site:a', seq: 40 })).toBe(false);
    expect(seqs.see({ room: 'site:a', seq: 41 })).toBe(true);
    seqs.forget('site:a');
    expect(seqs.get('site:a')).toBeUndefined();
  });
});
