import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINT_SETTINGS, type ComplaintStatus } from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import { deadlineFor, escalationDueAt, isOverdueNow, nextComplaintState, type ComplaintState, type MoveInput } from './complaints.rules.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 2, 0);
const state = (status: ComplaintStatus, extra: Partial<ComplaintState> = {}): ComplaintState => ({
  id: 'c1',
  status,
  severity: 'urgent',
  deadlineAt: T0 + 2 * H,
  overdueAt: null,
  firstResultAt: null,
  reopenCount: 0,
  ...extra,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return 'no error';
};
const result: MoveInput = { action: 'report_result', resultText: '已向客户致歉并调整排班', channel: 'phone' };

describe('complaint deadlines', () => {
  it('counts the site’s hours per severity from the round’s start, and escalates at twice that', () => {
    expect(deadlineFor(T0, 'urgent', DEFAULT_COMPLAINT_SETTINGS)).toBe(T0 + 2 * H);
    expect(deadlineFor(T0, 'serious', DEFAULT_COMPLAINT_SETTINGS)).toBe(T0 + 24 * H);
    expect(deadlineFor(T0, 'normal', { deadlineHours: { normal: 48, serious: 12, urgent: 1 } })).toBe(T0 + 48 * H);
    expect(escalationDueAt(T0, T0 + 24 * H)).toBe(T0 + 48 * H);
  });
  it('is overdue while waiting past the deadline, or once marked', () => {
    expect(isOverdueNow({ status: 'handling', overdueAt: null, deadlineAt: T0 }, T0)).toBe(false);
    expect(isOverdueNow({ status: 'handling', overdueAt: null, deadlineAt: T0 }, T0 + 1)).toBe(true);
    expect(isOverdueNow({ status: 'result_reported', overdueAt: null, deadlineAt: T0 }, T0 + H)).toBe(false);
    expect(isOverdueNow({ status: 'closed', overdueAt: T0, deadlineAt: T0 }, T0 + H)).toBe(true);
  });
});

describe('the complaint state machine', () => {
  it('walks received → handling → result reported → closed when satisfied', () => {
    const s = DEFAULT_COMPLAINT_SETTINGS;
    expect(nextComplaintState(state('received'), { action: 'assign', ownerId: 'p' }, T0, s).status).toBe('handling');
    expect(nextComplaintState(state('handling'), { action: 'assign', ownerId: 'p' }, T0, s).status).toBe('handling');
    const reported = nextComplaintState(state('handling'), result, T0 + H, s);
    expect(reported).toMatchObject({ status: 'result_reported', eventKind: 'result', firstResultAt: T0 + H, overdueAt: null });
    expect(nextComplaintState(state('result_reported'), { action: 'follow_up', verdict: 'satisfied' }, T0, s)).toMatchObject({
      status: 'closed',
      newRound: null,
    });
  });
  it('reopens on a not-satisfied follow-up with a new deadline, and keeps the first result’s time', () => {
    const now = T0 + 5 * H;
    const move = nextComplaintState(
      state('result_reported', { firstResultAt: T0 + H }),
      { action: 'follow_up', verdict: 'not_satisfied' },
      now,
      DEFAULT_COMPLAINT_SETTINGS,
    );
    expect(move).toMatchObject({ status: 'handling', newRound: { startAt: now, deadlineAt: now + 2 * H }, firstResultAt: T0 + H });
    expect(nextComplaintState(state('closed'), { action: 'reopen' }, now, DEFAULT_COMPLAINT_SETTINGS).newRound).toEqual({
      startAt: now,
      deadlineAt: now + 2 * H,
    });
  });
  it('marks a late result overdue at the deadline', () => {
    const move = nextComplaintState(state('handling'), result, T0 + 3 * H, DEFAULT_COMPLAINT_SETTINGS);
    expect(move.overdueAt).toBe(T0 + 2 * H);
  });
  it('refuses a close or a result without a result, and moves the state does not allow', () => {
    const s = DEFAULT_COMPLAINT_SETTINGS;
    expect(codeOf(() => nextComplaintState(state('handling'), { action: 'close' }, T0, s))).toBe('422 COMPLAINT_RESULT_REQUIRED');
    expect(codeOf(() => nextComplaintState(state('received'), { action: 'close' }, T0, s))).toBe('422 COMPLAINT_RESULT_REQUIRED');
    expect(codeOf(() => nextComplaintState(state('handling'), { ...result, resultText: '  ' }, T0, s))).toBe('422 COMPLAINT_RESULT_REQUIRED');
    expect(codeOf(() => nextComplaintState(state('handling'), { ...result, channel: null }, T0, s))).toBe('422 COMPLAINT_CHANNEL_REQUIRED');
    expect(codeOf(() => nextComplaintState(state('received'), result, T0, s))).toBe('409 COMPLAINT_STATE');
    expect(codeOf(() => nextComplaintState(state('handling'), { action: 'follow_up', verdict: 'satisfied' }, T0, s))).toBe('409 COMPLAINT_STATE');
    expect(codeOf(() => nextComplaintState(state('closed'), { action: 'note', note: 'x' }, T0, s))).toBe('409 COMPLAINT_STATE');
    expect(codeOf(() => nextComplaintState(state('closed'), { action: 'close' }, T0, s))).toBe('409 COMPLAINT_STATE');
    expect(codeOf(() => nextComplaintState(state('handling'), { action: 'reopen' }, T0, s))).toBe('409 COMPLAINT_STATE');
  });
});
