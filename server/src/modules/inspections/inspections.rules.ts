/**
 * Pure rules of inspections: checking a submitted form against the post's form, and the
 * rectification's state machine (待整改 → 待复查 → 整改完成 / 二次整改 / 扣分关闭).
 */
import {
  RECTIFICATION_MOVES,
  type InspectionFormItem,
  type RectificationAction,
  type RectificationStatus,
  type SubmitInspectionItem,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';

export interface CheckedItem extends InspectionFormItem {
  passed: boolean;
  deduction: number;
  note: string | null;
  photoId: string | null;
}

/**
 * Each answer must be an item of the form, once; a failed item deducts more than 0 and at most
 * the item's points; a passed one deducts nothing. Items the inspector could not observe (no
 * guest came while they watched) may be left out; the answers keep the form's order.
 */
export function checkAnswers(form: readonly InspectionFormItem[], answers: readonly SubmitInspectionItem[]): CheckedItem[] {
  const byId = new Map(form.map((item) => [item.itemId, item]));
  const seen = new Set<string>();
  for (const a of answers) {
    const item = byId.get(a.itemId);
    if (!item) throw new AppError('INSPECTION_ITEM_UNKNOWN', { message: 'This item is not on the post’s form', params: { itemId: a.itemId } });
    if (seen.has(a.itemId)) throw new AppError('INSPECTION_ITEM_REPEATED', { message: 'An item was answered twice', params: { itemId: a.itemId } });
    seen.add(a.itemId);
    const deduction = a.deduction ?? 0;
    const valid = a.passed ? deduction === 0 : deduction > 0 && deduction <= item.points;
    if (!valid)
      throw new AppError('INSPECTION_DEDUCTION_INVALID', {
        message: a.passed ? 'A passed item deducts nothing' : `A failed item deducts between 1 and its ${item.points} points`,
        params: { itemId: a.itemId, deduction, points: item.points },
      });
  }
  const answerOf = new Map(answers.map((a) => [a.itemId, a]));
  return form.flatMap((item) => {
    const a = answerOf.get(item.itemId);
    if (!a) return [];
    return [{ ...item, passed: a.passed, deduction: a.passed ? 0 : (a.deduction ?? 0), note: a.note?.trim() || null, photoId: a.photoId ?? null }];
  });
}

export interface RectificationState {
  id: string;
  status: RectificationStatus;
  round: number;
  deadlineAt: number;
}

/**
 * Where `action` takes the rectification at `now`: the new status, round and deadline. A move
 * the state does not allow is a 409 with RECTIFICATION_STATE. A second rectification starts a
 * new deadline of `rectifyHours` from the re-check.
 */
export function nextRectificationState(
  current: RectificationState,
  action: RectificationAction,
  now: number,
  rectifyHours: number,
): { status: RectificationStatus; round: number; deadlineAt: number } {
  const move = RECTIFICATION_MOVES[action];
  if (!move.from.includes(current.status))
    throw new AppError('RECTIFICATION_STATE', {
      message: `A rectification that is ${current.status} cannot ${action}`,
      params: { rectificationId: current.id, status: current.status, action },
    });
  if (action === 'redo') return { status: move.to, round: current.round + 1, deadlineAt: now + rectifyHours * 3_600_000 };
  return { status: move.to, round: current.round, deadlineAt: current.deadlineAt };
}

/** A fix that comes in after the deadline of its round was late, whether or not the timer has run yet. */
export const isLateFix = (deadlineAt: number, now: number): boolean => now > deadlineAt;
