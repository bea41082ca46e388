import { describe, expect, it } from 'vitest';
import { checkProblems, firstProblem, isReadyToSubmit, UNANSWERED } from './daily-check-rules';

describe('daily equipment check rules', () => {
  const ids = ['a', 'b', 'c'];

  it('starts with every asset unanswered, so an untouched form cannot be sent', () => {
    const problems = checkProblems(ids, {});
    expect(problems.unanswered).toEqual(ids);
    expect(isReadyToSubmit(problems)).toBe(false);
    expect(firstProblem(problems)).toEqual({ assetId: 'a', code: 'CHECK_INCOMPLETE' });
  });

  it('asks an abnormal asset for a note and a photo, and nothing more of a normal one', () => {
    const problems = checkProblems(ids, {
      a: { answer: 'ok', note: '', hasPhoto: false },
      b: { answer: 'abnormal', note: '  ', hasPhoto: false },
      c: { answer: 'abnormal', note: '不制冷', hasPhoto: false },
    });
    expect(problems).toEqual({ unanswered: [], noNote: ['b'], noPhoto: ['b', 'c'] });
    expect(firstProblem(problems)).toEqual({ assetId: 'b', code: 'NOTE_REQUIRED' });
  });

  it('is ready once each asset is answered and each abnormal one is described and photographed', () => {
    const problems = checkProblems(ids, {
      a: { answer: 'ok', note: '', hasPhoto: true },
      b: { ...UNANSWERED, answer: 'ok' },
      c: { answer: 'abnormal', note: '不制冷', hasPhoto: true },
    });
    expect(isReadyToSubmit(problems)).toBe(true);
    expect(firstProblem(problems)).toBeNull();
  });

  it('reports a missing photo last, after the unanswered and undescribed ones', () => {
    expect(firstProblem({ unanswered: [], noNote: [], noPhoto: ['c'] })).toEqual({ assetId: 'c', code: 'PHOTO_REQUIRED' });
  });
});
