/**
 * The daily equipment check's rules on the phone, the same the server applies (CHECK_INCOMPLETE,
 * NOTE_REQUIRED, PHOTO_REQUIRED): every asset answered on purpose, and an abnormal one described
 * and photographed. Nothing starts as 正常, so a submitted "all fine" means each asset was looked at.
 */

export type CheckAnswer = 'ok' | 'abnormal';

export interface CheckLineDraft {
  answer: CheckAnswer | null;
  note: string;
  hasPhoto: boolean;
}

export const UNANSWERED: CheckLineDraft = Object.freeze({ answer: null, note: '', hasPhoto: false });

export interface CheckProblems {
  unanswered: string[];
  noNote: string[];
  noPhoto: string[];
}

/** What still stops the check from being sent, per asset, in the order the assets are listed. */
export function checkProblems(assetIds: readonly string[], drafts: Readonly<Record<string, CheckLineDraft>>): CheckProblems {
  const problems: CheckProblems = { unanswered: [], noNote: [], noPhoto: [] };
  for (const id of assetIds) {
    const draft = drafts[id] ?? UNANSWERED;
    if (draft.answer === null) problems.unanswered.push(id);
    else if (draft.answer === 'abnormal') {
      if (!draft.note.trim()) problems.noNote.push(id);
      if (!draft.hasPhoto) problems.noPhoto.push(id);
    }
  }
  return problems;
}

export const isReadyToSubmit = (p: CheckProblems): boolean => p.unanswered.length + p.noNote.length + p.noPhoto.length === 0;

/** The first asset the person should go back to, and why (the error code the server would answer). */
export function firstProblem(p: CheckProblems): { assetId: string; code: 'CHECK_INCOMPLETE' | 'NOTE_REQUIRED' | 'PHOTO_REQUIRED' } | null {
  if (p.unanswered[0]) return { assetId: p.unanswered[0], code: 'CHECK_INCOMPLETE' };
  if (p.noNote[0]) return { assetId: p.noNote[0], code: 'NOTE_REQUIRED' };
  if (p.noPhoto[0]) return { assetId: p.noPhoto[0], code: 'PHOTO_REQUIRED' };
  return null;
}
