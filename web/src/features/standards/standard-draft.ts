/**
 * Edits to a standard's items before they are saved as a new version. Pure functions over the
 * item array: the array's order is the order staff see on their phones, phase by phase.
 */
import { PHASES, type Phase, type StandardItem } from '@anchang/contracts';

export type ItemPatch = Partial<Pick<StandardItem, 'text' | 'requiresPhoto' | 'requiresNote'>>;

export const itemsOfPhase = (items: readonly StandardItem[], phase: Phase): StandardItem[] => items.filter((i) => i.phase === phase);

export function updateItem(items: readonly StandardItem[], id: string, patch: ItemPatch): StandardItem[] {
  return items.map((item) => (item.id === id ? { ...item, ...patch } : item));
}

export function removeItem(items: readonly StandardItem[], id: string): StandardItem[] {
  return items.filter((item) => item.id !== id);
}

/** Swaps an item with its neighbour in the same phase (items of other phases keep their places). */
export function moveItem(items: readonly StandardItem[], id: string, direction: -1 | 1): StandardItem[] {
  const index = items.findIndex((item) => item.id === id);
  const item = items[index];
  if (!item) return [...items];
  let other = index + direction;
  while (other >= 0 && other < items.length && items[other]!.phase !== item.phase) other += direction;
  if (other < 0 || other >= items.length) return [...items];
  const next = [...items];
  next[index] = items[other]!;
  next[other] = item;
  return next;
}

/** A new, empty item at the end of its phase, where the phase order (PRE, IN, POST) puts it. */
export function addItem(items: readonly StandardItem[], phase: Phase, id: string): StandardItem[] {
  const item: StandardItem = {
    id,
    phase,
    group: phase === 'IN' ? 'requirement' : 'check',
    text: { zh: '', en: '' },
    requiresPhoto: false,
    requiresNote: false,
  };
  const rank = PHASES.indexOf(phase);
  const after = items.reduce((last, other, i) => (PHASES.indexOf(other.phase) <= rank ? i : last), -1);
  return [...items.slice(0, after + 1), item, ...items.slice(after + 1)];
}

/** Items whose Chinese wording is empty: the server requires it, so we say so before saving. */
export const itemsMissingText = (items: readonly StandardItem[]): string[] => items.filter((i) => !i.text.zh.trim()).map((i) => i.id);

/** Trims what people typed, as the saved version should read. */
export const normaliseItems = (items: readonly StandardItem[]): StandardItem[] =>
  items.map((item) => ({ ...item, text: { zh: item.text.zh.trim(), en: item.text.en.trim() } }));

export const sameItems = (a: readonly StandardItem[], b: readonly StandardItem[]): boolean => JSON.stringify(a) === JSON.stringify(b);
