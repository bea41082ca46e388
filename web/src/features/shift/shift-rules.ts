/**
 * The shift screen's rules, pure so they are tested at their edges: what the checklist shows
 * (the server's results with the phone's waiting writes laid over them, as the server will store
 * them), when the clock-in button is open, which greeting applies, and what a result needs
 * before it can be recorded (mirroring the server's NOTE_REQUIRED / PHOTO_REQUIRED).
 */
import type { ChecklistProgress, ChecklistResult, GreetingWindow, Phase, StandardItem, Text } from '@anchang/contracts';
import type { OutboxError, OutboxItem } from '../../shared/offline/outbox';
import type { ResultOp } from './outbox-kinds';

export type ResultValue = ChecklistResult['result'];
export type AnomalyCategory = 'equipment' | 'supplies' | 'environment' | 'other';
export const ANOMALY_CATEGORIES: readonly AnomalyCategory[] = ['equipment', 'supplies', 'environment', 'other'];

export interface ResultView {
  itemId: string;
  result: ResultValue;
  note: string | null;
  photoId: string | null;
  recordedAt: number;
  /** saved: the server has it · waiting: on the phone, to be sent · failed: the server refused it. */
  status: 'saved' | 'waiting' | 'failed';
  error: OutboxError | null;
  /** The outbox key of a waiting or failed write. */
  key: string | null;
}

/**
 * The checklist as the person should see it: the server's results, then the phone's writes for
 * this shift in the order they were made. A waiting write replaces the result of its item
 * unless the server already holds a later one (the server keeps the later, so do we).
 */
export function mergeResults(server: readonly ChecklistResult[], outbox: readonly OutboxItem[], shiftId: string): Map<string, ResultView> {
  const views = new Map<string, ResultView>();
  for (const r of server) {
    views.set(r.itemId, {
      itemId: r.itemId,
      result: r.result,
      note: r.note,
      photoId: r.photoId,
      recordedAt: r.recordedAt,
      status: 'saved',
      error: null,
      key: null,
    });
  }
  for (const item of outbox) {
    if (item.op.kind !== 'result' || item.op.shiftId !== shiftId) continue;
    const { body } = item.op;
    const at = body.at ?? item.createdAt;
    const saved = server.find((r) => r.itemId === body.itemId);
    if (saved && saved.recordedAt > at) continue;
    views.set(body.itemId, {
      itemId: body.itemId,
      result: body.result,
      note: body.note?.trim() || null,
      photoId: body.photoId ?? null,
      recordedAt: at,
      status: item.state === 'failed' ? 'failed' : 'waiting',
      error: item.error && item.state === 'failed' ? item.error : null,
      key: item.key,
    });
  }
  return views;
}

export function itemsOfPhase(items: readonly StandardItem[], phase: Phase): StandardItem[] {
  return items.filter((item) => item.phase === phase);
}

/**
 * Done = a result recorded (saved or waiting to be sent); a refused one is not done. Anomalies =
 * the done ones answered 异常, counted apart so a finished list with anomalies is not "all clear".
 */
export function progressOf(items: readonly StandardItem[], results: ReadonlyMap<string, ResultView>): ChecklistProgress {
  const answered = items.flatMap((item) => {
    const view = results.get(item.id);
    return view !== undefined && view.status !== 'failed' ? [view] : [];
  });
  return { done: answered.length, total: items.length, anomalies: answered.filter((view) => view.result === 'anomaly').length };
}

export function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export type ClockInAvailability = 'open' | 'tooEarly' | 'over';

/**
 * As the server decides it: from `earlyMinutes` before the start until the end of the line, on
 * the line's real instants, so a 20:00–08:00 night line stays open after midnight.
 */
export function clockInAvailability(now: number, startsAt: number, endsAt: number, earlyMinutes: number): ClockInAvailability {
  if (now < clockInOpensAt(startsAt, earlyMinutes)) return 'tooEarly';
  if (now >= endsAt) return 'over';
  return 'open';
}

/** The instant the clock-in opens. */
export function clockInOpensAt(startsAt: number, earlyMinutes: number): number {
  return startsAt - earlyMinutes * 60_000;
}

/** HALL-IN-5: the greeting window containing the site-local minute, as the server picks it. */
export function greetingFor(windows: readonly GreetingWindow[], minutesOfDay: number): GreetingWindow | null {
  return windows.find((w) => toMinutes(w.from) <= minutesOfDay && minutesOfDay < toMinutes(w.to)) ?? null;
}

export interface ResultDraft {
  result: ResultValue;
  note: string;
  category: AnomalyCategory | null;
  hasPhoto: boolean;
}

export type DraftProblem = 'NOTE_REQUIRED' | 'PHOTO_REQUIRED' | 'CATEGORY_REQUIRED';

/** What still stops this result from being recorded; the same rules the server applies. */
export function draftProblems(item: Pick<StandardItem, 'requiresNote' | 'requiresPhoto'>, draft: ResultDraft): DraftProblem[] {
  if (draft.result === 'na') return [];
  const problems: DraftProblem[] = [];
  if (draft.result === 'anomaly' && !draft.category) problems.push('CATEGORY_REQUIRED');
  if ((draft.result === 'anomaly' || item.requiresNote) && !draft.note.trim()) problems.push('NOTE_REQUIRED');
  if (item.requiresPhoto && !draft.hasPhoto) problems.push('PHOTO_REQUIRED');
  return problems;
}

/** Whether one tap on the result records it, or the person must add a note or photo first. */
export function recordsOnTap(item: Pick<StandardItem, 'requiresNote' | 'requiresPhoto'>, result: ResultValue): boolean {
  return result === 'na' || (result === 'ok' && !item.requiresNote && !item.requiresPhoto);
}

/** A standard's text in the UI language; English may be left empty by a site, then Chinese. */
export function textIn(text: Text, locale: string): string {
  return locale === 'en-US' && text.en.trim() ? text.en : text.zh;
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** The writes of a result op's photo, if it is still on the phone. */
export function isResultOp(item: OutboxItem): item is OutboxItem & { op: ResultOp } {
  return item.op.kind === 'result';
}
