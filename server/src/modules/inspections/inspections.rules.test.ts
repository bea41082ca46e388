import { describe, expect, it } from 'vitest';
import {
  planDayFigures,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATUSES,
  type RectificationAction,
  type RectificationStatus,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import { checkAnswers, nextRectificationState } from './inspections.rules.js';

const H = 3_600_000;
const NOW = Date.UTC(2026, 11, 3, 2, 0);
const state = (status: RectificationStatus, round = 1) => ({ id: 'r1', status, round, deadlineAt: NOW - H });

describe('the rectification state machine', () => {
  const allowed: Record<RectificationStatus, Partial<Record<RectificationAction, RectificationStatus>>> = {
    to_rectify: { fix: 'to_recheck', close: 'closed_deducted' },
    second_rectify: { fix: 'to_recheck', close: 'closed_deducted' },
    to_recheck: { pass: 'done', redo: 'second_rectify', close: 'closed_deducted' },
    done: {},
    closed_deducted: {},
  };
  for (const status of RECTIFICATION_STATUSES)
    for (const action of RECTIFICATION_ACTIONS) {
      const to = allowed[status][action];
      it(`${status} --${action}--> ${to ?? '409'}`, () => {
        if (to) expect(nextRectificationState(state(status), action, NOW, 24).status).toBe(to);
        else {
          let error: unknown;
          try {
            nextRectificationState(state(status), action, NOW, 24);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(AppError);
          expect(error).toMatchObject({ code: 'RECTIFICATION_STATE', status: 409 });
        }
      });
    }

  it('a second rectification starts a new round with a new deadline; other moves keep the round and deadline', () => {
    expect(nextRectificationState(state('to_recheck'), 'redo', NOW, 24)).toEqual({ status: 'second_rectify', round: 2, deadlineAt: NOW + 24 * H });
    expect(nextRectificationState(state('to_recheck'), 'redo', NOW, 4).deadlineAt).toBe(NOW + 4 * H);
    expect(nextRectificationState(state('second_rectify', 2), 'fix', NOW, 24)).toEqual({ status: 'to_recheck', round: 2, deadlineAt: NOW - H });
  });
});

describe('checking the answers against the form', () => {
  const form = [
    { itemId: 'NORM-GREET-3M', source: 'norm' as const, text: { zh: '3 米迎宾', en: '3 m' }, points: 3 },
    { itemId: 'HALL-IN-1', source: 'standard' as const, text: { zh: '迎宾', en: 'greet' }, points: 2 },
  ];
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as AppError).code;
    }
    return null;
  };
  it('takes a deduction from 1 up to the item’s points on a failed item, none on a passed one', () => {
    expect(checkAnswers(form, [{ itemId: 'NORM-GREET-3M', passed: false, deduction: 3 }])[0]).toMatchObject({ deduction: 3, passed: false });
    expect(codeOf(() => checkAnswers(form, [{ itemId: 'NORM-GREET-3M', passed: false, deduction: 4 }]))).toBe('INSPECTION_DEDUCTION_INVALID');
    expect(codeOf(() => checkAnswers(form, [{ itemId: 'HALL-IN-1', passed: false }]))).toBe('INSPECTION_DEDUCTION_INVALID');
    expect(codeOf(() => checkAnswers(form, [{ itemId: 'HALL-IN-1', passed: false, deduction: -1 }]))).toBe('INSPECTION_DEDUCTION_INVALID');
    expect(codeOf(() => checkAnswers(form, [{ itemId: 'HALL-IN-1', passed: true, deduction: 1 }]))).toBe('INSPECTION_DEDUCTION_INVALID');
  });
  it('refuses an item not on the form or answered twice, and keeps the form’s order', () => {
    expect(codeOf(() => checkAnswers(form, [{ itemId: 'GUARD-IN-3', passed: true }]))).toBe('INSPECTION_ITEM_UNKNOWN');
    expect(
      codeOf(() =>
        checkAnswers(form, [
          { itemId: 'HALL-IN-1', passed: true },
          { itemId: 'HALL-IN-1', passed: true },
        ]),
      ),
    ).toBe('INSPECTION_ITEM_REPEATED');
    const out = checkAnswers(form, [
      { itemId: 'HALL-IN-1', passed: true, note: '  ' },
      { itemId: 'NORM-GREET-3M', passed: true },
    ]);
    expect(out.map((i) => i.itemId)).toEqual(['NORM-GREET-3M', 'HALL-IN-1']);
    expect(out[1]!.note).toBeNull();
  });
});

describe("the daily plan's done / due / missed", () => {
  it('counts done up to due; the rest is still to do today and missed once the day is over', () => {
    expect(planDayFigures({ timesPerDay: 2, inspections: 1, isOpenDay: true, isOver: false })).toEqual({ due: 2, done: 1, missed: 0, remaining: 1 });
    expect(planDayFigures({ timesPerDay: 2, inspections: 1, isOpenDay: true, isOver: true })).toEqual({ due: 2, done: 1, missed: 1, remaining: 0 });
    expect(planDayFigures({ timesPerDay: 2, inspections: 5, isOpenDay: true, isOver: true })).toEqual({ due: 2, done: 2, missed: 0, remaining: 0 });
    expect(planDayFigures({ timesPerDay: 3, inspections: 0, isOpenDay: true, isOver: true })).toEqual({ due: 3, done: 0, missed: 3, remaining: 0 });
  });
  it('asks nothing of a day the site is closed, nor of a post not in the plan', () => {
    expect(planDayFigures({ timesPerDay: 2, inspections: 0, isOpenDay: false, isOver: true })).toEqual({ due: 0, done: 0, missed: 0, remaining: 0 });
    expect(planDayFigures({ timesPerDay: 0, inspections: 1, isOpenDay: true, isOver: true })).toEqual({ due: 0, done: 0, missed: 0, remaining: 0 });
  });
});
