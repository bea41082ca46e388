import { describe, expect, it } from 'vitest';
import { TurnGate } from './turn-gate.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnGate', () => {
  it('starts a few requests per turn of the event loop and the rest in the turns after, first come first served', async () => {
    const gate = new TurnGate(3, (err) => {
      throw err;
    });
    const started: number[] = [];
    for (let i = 0; i < 8; i++) gate.enter(() => started.push(i));
    expect(started).toEqual([0, 1, 2]);
    expect(gate.queued).toBe(5);
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    // A request arriving now queues behind the ones already waiting.
    gate.enter(() => started.push(99));
    await nextTurn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 99]);
    expect(gate.queued).toBe(0);
  });

  it('never holds a request back on a quiet server', async () => {
    const gate = new TurnGate(2, () => undefined);
    const started: string[] = [];
    gate.enter(() => started.push('a'));
    await nextTurn();
    await nextTurn();
    gate.enter(() => started.push('b'));
    gate.enter(() => started.push('c'));
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('one start that throws does not strand the others of its turn', async () => {
    const errors: unknown[] = [];
    const gate = new TurnGate(1, (err) => errors.push(err));
    const started: number[] = [];
    gate.enter(() => started.push(1));
    gate.enter(() => {
      throw new Error('boom');
    });
    gate.enter(() => started.push(3));
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([1, 3]);
    expect(errors).toHaveLength(1);
  });
});
