import { describe, expect, it } from 'vitest';
import { ANOMALY_COLOR, PROGRESS_COLORS, checklistState } from './checklist-progress';

describe('checklistState', () => {
  it('never calls a fully answered list with anomalies all clear', () => {
    expect(checklistState({ done: 2, total: 2, anomalies: 2 })).toBe('anomalies');
    expect(checklistState({ done: 2, total: 2, anomalies: 0 })).toBe('clear');
  });

  it('keeps a list with items left in progress, anomalies or not', () => {
    expect(checklistState({ done: 1, total: 2, anomalies: 1 })).toBe('todo');
    expect(checklistState({ done: 0, total: 2, anomalies: 0 })).toBe('todo');
  });

  it('has nothing to show for an empty list', () => {
    expect(checklistState({ done: 0, total: 0, anomalies: 0 })).toBe('none');
  });

  it('gives green to all clear only, and anomalies a colour of their own', () => {
    const green = PROGRESS_COLORS.clear;
    expect(
      Object.entries(PROGRESS_COLORS)
        .filter(([, colour]) => colour === green)
        .map(([state]) => state),
    ).toEqual(['clear']);
    expect(Object.values(PROGRESS_COLORS)).not.toContain(ANOMALY_COLOR);
  });
});
