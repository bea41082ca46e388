/**
 * Pure rules of complaints: the deadline per severity, and the state machine
 * 受理 → 处理中 → 已反馈 → 回访 (satisfied: closed; not satisfied: back to handling with a new deadline).
 */
import {
  canMoveComplaint,
  type ComplaintAction,
  type ComplaintChannel,
  type ComplaintSettings,
  type ComplaintSeverity,
  type ComplaintStatus,
  type ComplaintVerdict,
  type ComplaintEventKind,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';

const HOUR = 3_600_000;

/** The deadline of a round that starts at `startAt`. */
export const deadlineFor = (startAt: number, severity: ComplaintSeverity, settings: ComplaintSettings): number =>
  startAt + settings.deadlineHours[severity] * HOUR;

/** The second level: as long again as the deadline gave, counted from the round's start. */
export const escalationDueAt = (startAt: number, deadlineAt: number): number => startAt + 2 * (deadlineAt - startAt);

export interface ComplaintState {
  id: string;
  status: ComplaintStatus;
  severity: ComplaintSeverity;
  deadlineAt: number;
  overdueAt: number | null;
  firstResultAt: number | null;
  reopenCount: number;
}

export type MoveInput =
  | { action: 'assign'; ownerId: string }
  | { action: 'note'; note: string | null }
  | { action: 'report_result'; resultText: string | null; channel: ComplaintChannel | null }
  | { action: 'follow_up'; verdict: ComplaintVerdict }
  | { action: 'close' }
  | { action: 'reopen' };

export interface Move {
  status: ComplaintStatus;
  eventKind: ComplaintEventKind;
  /** A new round began (reopened): a new deadline and its timers. */
  newRound: { startAt: number; deadlineAt: number } | null;
  /** Set when a result goes back after the deadline and the timer has not yet marked it. */
  overdueAt: number | null;
  firstResultAt: number | null;
}

/**
 * Where `action` takes a complaint in `state` at `now`. Throws 409 COMPLAINT_STATE for a move the
 * state does not allow, and COMPLAINT_RESULT_REQUIRED for a result without text or a close before
 * any result went back.
 */
export function nextComplaintState(state: ComplaintState, input: MoveInput, now: number, settings: ComplaintSettings): Move {
  const { action } = input;
  if (action === 'close' && (state.status === 'received' || state.status === 'handling'))
    throw new AppError('COMPLAINT_RESULT_REQUIRED', {
      message: 'Report the result to the complainant before closing',
      params: { complaintId: state.id },
    });
  if (!canMoveComplaint(state.status, action)) throw stateError(state, action);
  const same = { overdueAt: state.overdueAt, firstResultAt: state.firstResultAt, newRound: null };
  switch (input.action) {
    case 'assign':
      return { ...same, status: 'handling', eventKind: 'assigned' };
    case 'note':
      return { ...same, status: state.status, eventKind: 'note' };
    case 'report_result': {
      if (!input.resultText?.trim())
        throw new AppError('COMPLAINT_RESULT_REQUIRED', {
          message: 'Write the result told to the complainant',
          params: { complaintId: state.id },
        });
      if (!input.channel)
        throw new AppError('COMPLAINT_CHANNEL_REQUIRED', {
          message: 'Say how the result reached the complainant',
          params: { complaintId: state.id },
        });
      const late = now > state.deadlineAt;
      return {
        ...same,
        status: 'result_reported',
        eventKind: 'result',
        overdueAt: state.overdueAt ?? (late ? state.deadlineAt : null),
        firstResultAt: state.firstResultAt ?? now,
      };
    }
    case 'follow_up':
      if (input.verdict === 'satisfied') return { ...same, status: 'closed', eventKind: 'follow_up' };
      return {
        ...same,
        status: 'handling',
        eventKind: 'follow_up',
        newRound: { startAt: now, deadlineAt: deadlineFor(now, state.severity, settings) },
      };
    case 'close':
      return { ...same, status: 'closed', eventKind: 'closed' };
    case 'reopen':
      return {
        ...same,
        status: 'handling',
        eventKind: 'reopened',
        newRound: { startAt: now, deadlineAt: deadlineFor(now, state.severity, settings) },
      };
  }
}

export const stateError = (state: { id: string; status: ComplaintStatus }, action: ComplaintAction) =>
  new AppError('COMPLAINT_STATE', {
    message: `A complaint that is ${state.status} cannot ${action}`,
    params: { complaintId: state.id, status: state.status, action },
  });

/** Overdue as a reader sees it now: marked, or still waiting on a result past its deadline. */
export const isOverdueNow = (row: { status: ComplaintStatus; overdueAt: number | null; deadlineAt: number }, now: number): boolean =>
  row.overdueAt !== null || ((row.status === 'received' || row.status === 'handling') && now > row.deadlineAt);
