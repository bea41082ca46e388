/**
 * The server's roster conflicts, indexed the ways the week grid and the conflict panel read them.
 */
import type { RosterConflict, RosterEntry } from '@anchang/contracts';

export type ConflictKind = RosterConflict['kind'];
export const CONFLICT_KINDS: readonly ConflictKind[] = ['PERSON_DOUBLE_BOOKED', 'NO_PRE_JOB_TRAINING', 'CERTIFICATE_MISSING', 'POST_UNCOVERED'];

export const cellKey = (postId: string, date: string) => `${postId}|${date}`;

export interface ConflictIndex {
  /** Gaps in a post's cover on a day: `postId|date` → from–to spans. */
  gapsByCell: Map<string, { from: string; to: string }[]>;
  /** What is wrong with a roster line: entry id → conflict kinds. */
  issuesByEntry: Map<string, Set<ConflictKind>>;
  countByKind: Record<ConflictKind, number>;
}

export function indexConflicts(conflicts: readonly RosterConflict[]): ConflictIndex {
  const gapsByCell = new Map<string, { from: string; to: string }[]>();
  const issuesByEntry = new Map<string, Set<ConflictKind>>();
  const countByKind: Record<ConflictKind, number> = { PERSON_DOUBLE_BOOKED: 0, POST_UNCOVERED: 0, NO_PRE_JOB_TRAINING: 0, CERTIFICATE_MISSING: 0 };
  for (const c of conflicts) {
    countByKind[c.kind] += 1;
    if (c.kind === 'POST_UNCOVERED' && c.postId) {
      const key = cellKey(c.postId, c.date);
      gapsByCell.set(key, [...(gapsByCell.get(key) ?? []), { from: c.from ?? '', to: c.to ?? '' }]);
    }
    for (const id of c.entryIds) issuesByEntry.set(id, new Set([...(issuesByEntry.get(id) ?? []), c.kind]));
  }
  return { gapsByCell, issuesByEntry, countByKind };
}

/** Conflicts of one kind grouped by what they are about (a post for gaps, a person otherwise), dates in order. */
export function groupConflicts(conflicts: readonly RosterConflict[], kind: ConflictKind): { key: string; conflicts: RosterConflict[] }[] {
  const groups = new Map<string, RosterConflict[]>();
  for (const c of conflicts) {
    if (c.kind !== kind) continue;
    const key = (kind === 'POST_UNCOVERED' ? c.postId : c.personId) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].map(([key, list]) => ({
    key,
    conflicts: list.sort((a, b) => a.date.localeCompare(b.date) || (a.from ?? '').localeCompare(b.from ?? '')),
  }));
}

/** The posts a double booking puts the person on, from its roster lines. */
export const postsOfConflict = (conflict: RosterConflict, entries: readonly RosterEntry[]): string[] => [
  ...new Set(conflict.entryIds.map((id) => entries.find((e) => e.id === id)?.postId).filter((id): id is string => !!id)),
];
