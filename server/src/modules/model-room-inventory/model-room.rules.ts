/**
 * The rules of a model-room check (MODEL-IN-1 at opening, MODEL-POST-2 at closing): every item
 * on the list is accounted for exactly once; a missing item says how many were found; a damaged
 * one carries a note and a photo. And what each finding reports as an incident.
 */
import type { CheckLineStatus, ErrorCode } from '@anchang/contracts';

export interface ListedItem {
  id: string;
  name: string;
  quantity: number;
}
export interface CheckLine {
  itemId: string;
  status: CheckLineStatus;
  foundQuantity?: number;
  note?: string;
  photoId?: string;
}

/** The first thing wrong with a check, or null when it can be recorded. */
export function checkProblem(items: readonly ListedItem[], lines: readonly CheckLine[]): { code: ErrorCode; params: Record<string, unknown> } | null {
  const listed = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.itemId)) return { code: 'DUPLICATE_LINE', params: { itemId: l.itemId } };
    seen.add(l.itemId);
  }
  const unknown = lines.filter((l) => !listed.has(l.itemId)).map((l) => l.itemId);
  const unchecked = items.filter((i) => !seen.has(i.id)).map((i) => i.id);
  if (unknown.length > 0 || unchecked.length > 0)
    return { code: 'CHECK_INCOMPLETE', params: { unknownItemIds: unknown, uncheckedItemIds: unchecked } };
  for (const l of lines) {
    const item = listed.get(l.itemId)!;
    if (l.status === 'missing' && (l.foundQuantity === undefined || l.foundQuantity >= item.quantity))
      return { code: 'MISSING_QUANTITY_INVALID', params: { itemId: l.itemId, expected: item.quantity, found: l.foundQuantity ?? null } };
    if (l.status === 'damaged' && !l.note?.trim()) return { code: 'DAMAGE_NOTE_REQUIRED', params: { itemId: l.itemId } };
    if (l.status === 'damaged' && !l.photoId) return { code: 'DAMAGE_PHOTO_REQUIRED', params: { itemId: l.itemId } };
  }
  return null;
}

/** The incident a finding raises: a missing item (GUARD-IN-4) or damage (GUARD-IN-6); none when present. */
export function incidentFor(
  roomName: string,
  phase: 'opening' | 'closing',
  item: ListedItem,
  line: CheckLine,
): { kind: 'missing_item' | 'damage'; severity: 'medium'; description: string } | null {
  const when = phase === 'opening' ? '开场检查' : '闭场检查';
  const note = line.note?.trim() ? `。${line.note.trim()}` : '';
  if (line.status === 'missing')
    return {
      kind: 'missing_item',
      severity: 'medium',
      description: `${roomName}${when}:${item.name} 应有 ${item.quantity},实有 ${line.foundQuantity ?? 0}${note}`,
    };
  if (line.status === 'damaged') return { kind: 'damage', severity: 'medium', description: `${roomName}${when}:${item.name} 损坏${note}` };
  return null;
}
