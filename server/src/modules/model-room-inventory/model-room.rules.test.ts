import { describe, expect, it } from 'vitest';
import { checkProblem, incidentFor } from './model-room.rules.js';

const items = [
  { id: 'a', name: '抱枕', quantity: 4 },
  { id: 'b', name: '台灯', quantity: 1 },
];

describe('model-room check rules', () => {
  it('accepts every item accounted for once', () => {
    expect(
      checkProblem(items, [
        { itemId: 'a', status: 'present' },
        { itemId: 'b', status: 'missing', foundQuantity: 0 },
      ]),
    ).toBeNull();
  });
  it('refuses a list with an item left out, an unknown item or one twice', () => {
    expect(checkProblem(items, [{ itemId: 'a', status: 'present' }])).toMatchObject({
      code: 'CHECK_INCOMPLETE',
      params: { uncheckedItemIds: ['b'] },
    });
    expect(
      checkProblem(items, [
        { itemId: 'a', status: 'present' },
        { itemId: 'b', status: 'present' },
        { itemId: 'z', status: 'present' },
      ]),
    ).toMatchObject({ code: 'CHECK_INCOMPLETE', params: { unknownItemIds: ['z'] } });
    expect(
      checkProblem(items, [
        { itemId: 'a', status: 'present' },
        { itemId: 'a', status: 'present' },
      ]),
    ).toMatchObject({ code: 'DUPLICATE_LINE' });
  });
  it('needs a found quantity below the listed one for a missing item', () => {
    const lines = (found?: number) => [
      { itemId: 'a', status: 'missing' as const, foundQuantity: found },
      { itemId: 'b', status: 'present' as const },
    ];
    expect(checkProblem(items, lines())?.code).toBe('MISSING_QUANTITY_INVALID');
    expect(checkProblem(items, lines(4))?.code).toBe('MISSING_QUANTITY_INVALID');
    expect(checkProblem(items, lines(3))).toBeNull();
  });
  it('needs a note, then a photo, for damage', () => {
    const lines = (note?: string, photoId?: string) => [
      { itemId: 'a', status: 'present' as const },
      { itemId: 'b', status: 'damaged' as const, note, photoId },
    ];
    expect(checkProblem(items, lines('  '))?.code).toBe('DAMAGE_NOTE_REQUIRED');
    expect(checkProblem(items, lines('裂了'))?.code).toBe('DAMAGE_PHOTO_REQUIRED');
    expect(checkProblem(items, lines('裂了', 'p'))).toBeNull();
  });
  it('turns findings into incidents', () => {
    expect(incidentFor('A户型', 'closing', items[0]!, { itemId: 'a', status: 'missing', foundQuantity: 3 })).toEqual({
      kind: 'missing_item',
      severity: 'medium',
      description: 'A户型闭场检查:抱枕 应有 4,实有 3',
    });
    expect(incidentFor('A户型', 'opening', items[1]!, { itemId: 'b', status: 'damaged', note: '灯罩裂开' })?.kind).toBe('damage');
    expect(incidentFor('A户型', 'opening', items[1]!, { itemId: 'b', status: 'present' })).toBeNull();
  });
});
