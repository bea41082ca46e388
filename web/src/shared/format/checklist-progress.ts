/**
 * How a checklist's progress reads, on the phone and on the console alike. Answered / total and
 * the count of 异常 are two facts: a list answered in full with two anomalies is finished but not
 * all clear, so it never gets the green of an all-clear list, and its anomalies show in red beside it.
 */
import type { ChecklistProgress } from '@anchang/contracts';

export type { ChecklistProgress };

/** none: nothing to check · todo: items left · clear: all answered, none 异常 · anomalies: all answered, some 异常. */
export type ChecklistState = 'none' | 'todo' | 'clear' | 'anomalies';

export function checklistState(p: ChecklistProgress): ChecklistState {
  if (p.total === 0) return 'none';
  if (p.done < p.total) return 'todo';
  return p.anomalies > 0 ? 'anomalies' : 'clear';
}

/** The bar's colours: green only for all clear; the anomaly count carries the red. */
export const PROGRESS_COLORS: Record<ChecklistState, string> = {
  none: '#d9d9d9',
  todo: '#1677ff',
  clear: '#00875a',
  anomalies: '#1677ff',
};
export const ANOMALY_COLOR = '#c41d1d';
