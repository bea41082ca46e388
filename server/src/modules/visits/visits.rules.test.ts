import { describe, expect, it } from 'vitest';
import { maskPlate, receivingPost, stageAfterAck, stageDurations } from './visits.rules.js';

describe('visit rules', () => {
  it('routes each hand-off to its post and moves the guests on acknowledgement', () => {
    expect(receivingPost('hall', 'car')).toBe('HALL');
    expect(receivingPost('departure', 'car')).toBe('PARK');
    expect(receivingPost('departure', 'walk_in')).toBeNull();
    expect(receivingPost('consultant', 'car')).toBeNull();
    expect(stageAfterAck('model_room')).toBe('model_room');
    expect(stageAfterAck('bar')).toBeNull();
    // The show-area concierge (GUARD) receives guests on the way into the model room and out of it.
    expect(receivingPost('concierge', 'walk_in')).toBe('GUARD');
    expect(stageAfterAck('concierge')).toBe('concierge');
  });

  it('measures the time at each stage, the current one up to now', () => {
    const log = [
      { stage: 'car_park' as const, at: 0 },
      { stage: 'hall' as const, at: 60_000 },
      { stage: 'model_room' as const, at: 900_000 },
      { stage: 'hall' as const, at: 1_500_000 },
    ];
    expect(stageDurations(log, 1_800_000)).toEqual({ car_park: 60_000, hall: 840_000 + 300_000, model_room: 600_000 });
  });

  it('masks plates in lists', () => {
    expect(maskPlate('浙A12345')).toBe('浙A1**45');
    expect(maskPlate('沪AD12345')).toBe('沪AD***45');
    expect(maskPlate(null)).toBeNull();
  });
});
