import { describe, expect, it } from 'vitest';
import type { Phase, StandardItem } from '@anchang/contracts';
import { addItem, itemsMissingText, moveItem, removeItem, updateItem } from './standard-draft';

const item = (id: string, phase: Phase): StandardItem => ({
  id,
  phase,
  group: 'check',
  text: { zh: id, en: '' },
  requiresPhoto: false,
  requiresNote: false,
});
const ids = (items: StandardItem[]) => items.map((i) => i.id);
const items = [item('P1', 'PRE'), item('P2', 'PRE'), item('I1', 'IN'), item('I2', 'IN'), item('O1', 'POST')];

describe('standard draft', () => {
  it('moves an item past its neighbour of the same phase only', () => {
    expect(ids(moveItem(items, 'I2', -1))).toEqual(['P1', 'P2', 'I2', 'I1', 'O1']);
    expect(ids(moveItem(items, 'I1', -1))).toEqual(ids(items)); // first of its phase stays
    expect(ids(moveItem(items, 'P2', 1))).toEqual(ids(items)); // last of its phase stays
  });

  it('skips items of other phases when they are interleaved', () => {
    const mixed = [item('P1', 'PRE'), item('I1', 'IN'), item('P2', 'PRE')];
    expect(ids(moveItem(mixed, 'P2', -1))).toEqual(['P2', 'I1', 'P1']);
  });

  it('adds a new item at the end of its phase', () => {
    expect(ids(addItem(items, 'IN', 'SITE-X'))).toEqual(['P1', 'P2', 'I1', 'I2', 'SITE-X', 'O1']);
    expect(ids(addItem(items, 'POST', 'SITE-Y'))).toEqual([...ids(items), 'SITE-Y']);
    expect(ids(addItem([item('O1', 'POST')], 'PRE', 'SITE-Z'))).toEqual(['SITE-Z', 'O1']);
    expect(addItem(items, 'IN', 'SITE-X')[4]).toMatchObject({ group: 'requirement', text: { zh: '', en: '' } });
  });

  it('rewords, flags and removes', () => {
    const edited = updateItem(items, 'P1', { text: { zh: '  ', en: 'x' }, requiresPhoto: true });
    expect(edited[0]).toMatchObject({ requiresPhoto: true, text: { en: 'x' } });
    expect(itemsMissingText(edited)).toEqual(['P1']);
    expect(ids(removeItem(items, 'I1'))).toEqual(['P1', 'P2', 'I2', 'O1']);
  });
});
