import { describe, expect, it } from 'vitest';
import type { ChecklistResult, StandardItem } from '@anchang/contracts';
import type { OutboxItem } from '../../shared/offline/outbox';
import './outbox-kinds';
import { clockInAvailability, clockInOpensAt, draftProblems, greetingFor, mergeResults, progressOf, recordsOnTap } from './shift-rules';

const saved = (itemId: string, result: ChecklistResult['result'], recordedAt: number): ChecklistResult => ({
  id: `r-${itemId}-${recordedAt}`,
  itemId,
  phase: 'PRE',
  result,
  note: null,
  photoId: null,
  recordedAt,
});

const waiting = (
  itemId: string,
  result: ChecklistResult['result'],
  at: number,
  state: OutboxItem['state'] = 'waiting',
  shiftId = 'S1',
): OutboxItem => ({
  key: `k-${itemId}-${at}`,
  seq: at,
  personId: 'P1',
  createdAt: at,
  op: { kind: 'result', siteId: 'X', shiftId, phase: 'PRE', itemText: { zh: '项', en: '' }, body: { id: `k-${itemId}-${at}`, itemId, result, at } },
  state,
  attempts: state === 'failed' ? 1 : 0,
  error: state === 'failed' ? { status: 400, code: 'NOTE_REQUIRED', message: '', params: {} } : null,
});

describe('mergeResults: the checklist as the server will hold it', () => {
  it('lays waiting writes over the saved results, in the order they were made', () => {
    const views = mergeResults([saved('A', 'ok', 100)], [waiting('A', 'anomaly', 200), waiting('B', 'ok', 210), waiting('B', 'na', 220)], 'S1');
    expect(views.get('A')).toMatchObject({ result: 'anomaly', status: 'waiting' });
    expect(views.get('B')).toMatchObject({ result: 'na', status: 'waiting' });
  });

  it('keeps a later saved result over an earlier one made offline (the server does too)', () => {
    const views = mergeResults([saved('A', 'ok', 300)], [waiting('A', 'anomaly', 200)], 'S1');
    expect(views.get('A')).toMatchObject({ result: 'ok', status: 'saved' });
  });

  it('shows a refused write as failed, with its error, and ignores other shifts', () => {
    const views = mergeResults([], [waiting('A', 'anomaly', 200, 'failed'), waiting('C', 'ok', 200, 'waiting', 'S2')], 'S1');
    expect(views.get('A')).toMatchObject({ status: 'failed', error: { code: 'NOTE_REQUIRED' } });
    expect(views.has('C')).toBe(false);
  });

  it('counts saved and waiting results as done, failed ones not', () => {
    const items = [{ id: 'A' }, { id: 'B' }, { id: 'C' }] as StandardItem[];
    const views = mergeResults([saved('A', 'ok', 1)], [waiting('B', 'ok', 2), waiting('C', 'ok', 3, 'failed')], 'S1');
    expect(progressOf(items, views)).toEqual({ done: 2, total: 3, anomalies: 0 });
  });

  it('counts the 异常 answers apart from the answered ones (a refused one is neither)', () => {
    const items = [{ id: 'A' }, { id: 'B' }, { id: 'C' }] as StandardItem[];
    const views = mergeResults([saved('A', 'anomaly', 1)], [waiting('B', 'anomaly', 2), waiting('C', 'anomaly', 3, 'failed')], 'S1');
    expect(progressOf(items, views)).toEqual({ done: 2, total: 3, anomalies: 2 });
  });
});

describe('clockInAvailability (as the server: from earlyMinutes before the start until the end)', () => {
  const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
  it.each([
    ['07:29', 'tooEarly'],
    ['07:30', 'open'],
    ['17:59', 'open'],
    ['18:00', 'over'],
  ])('%s for 08:30–18:00 with 60 min early is %s', (now, expected) => {
    expect(clockInAvailability(at('2026-11-28', now), at('2026-11-28', '08:30'), at('2026-11-28', '18:00'), 60)).toBe(expected);
  });
  it.each([
    ['2026-11-28', '18:59', 'tooEarly'],
    ['2026-11-28', '19:00', 'open'],
    ['2026-11-29', '02:00', 'open'],
    ['2026-11-29', '08:00', 'over'],
  ])('%s %s for a 20:00–08:00 night line is %s', (date, now, expected) => {
    expect(clockInAvailability(at(date, now), at('2026-11-28', '20:00'), at('2026-11-29', '08:00'), 60)).toBe(expected);
  });
  it('says when it opens', () => {
    expect(clockInOpensAt(at('2026-11-28', '08:30'), 60)).toBe(at('2026-11-28', '07:30'));
    expect(clockInOpensAt(at('2026-11-28', '00:20'), 60)).toBe(at('2026-11-27', '23:20'));
  });
});

describe('greetingFor (HALL-IN-5)', () => {
  const windows = [
    { from: '08:30', to: '11:30', zh: '早上好', en: 'Good morning' },
    { from: '11:30', to: '14:30', zh: '中午好', en: 'Good day' },
    { from: '14:30', to: '18:00', zh: '下午好', en: 'Good afternoon' },
  ];
  it.each([
    [8 * 60 + 29, null],
    [8 * 60 + 30, '早上好'],
    [11 * 60 + 30, '中午好'],
    [17 * 60 + 59, '下午好'],
    [18 * 60, null],
  ])('minute %i → %s', (minute, zh) => {
    expect(greetingFor(windows, minute)?.zh ?? null).toBe(zh);
  });
});

describe('what a result needs before it is recorded (NOTE_REQUIRED / PHOTO_REQUIRED)', () => {
  const plain = { requiresNote: false, requiresPhoto: false };
  const strict = { requiresNote: true, requiresPhoto: true };
  it('records 正常 and 不适用 with one tap unless the item asks for more', () => {
    expect(recordsOnTap(plain, 'ok')).toBe(true);
    expect(recordsOnTap(plain, 'na')).toBe(true);
    expect(recordsOnTap(plain, 'anomaly')).toBe(false);
    expect(recordsOnTap(strict, 'ok')).toBe(false);
    expect(recordsOnTap(strict, 'na')).toBe(true);
  });
  it('asks an anomaly for its kind and a note; a photo where the item requires one', () => {
    expect(draftProblems(plain, { result: 'anomaly', note: ' ', category: null, hasPhoto: false })).toEqual(['CATEGORY_REQUIRED', 'NOTE_REQUIRED']);
    expect(draftProblems(plain, { result: 'anomaly', note: '坏了', category: 'equipment', hasPhoto: false })).toEqual([]);
    expect(draftProblems(strict, { result: 'ok', note: '', category: null, hasPhoto: false })).toEqual(['NOTE_REQUIRED', 'PHOTO_REQUIRED']);
    expect(draftProblems(strict, { result: 'na', note: '', category: null, hasPhoto: false })).toEqual([]);
  });
});
