// The built-in standards library: the current version's data plus lookups over it.
import type { PostKind } from '@anchang/contracts';
import { STANDARDS_LIBRARY as LIBRARY_2026_11 } from './library-v2026-11.js';
import { LIBRARY_VERSION, STANDARDS_LIBRARY } from './library-v2026-12.js';
import type { PostStandardDef, StandardItemDef } from './types.js';

export type * from './types.js';
export { LIBRARY_VERSION, STANDARDS_LIBRARY } from './library-v2026-12.js';

/** The library's standard for a post. Every post kind has one, so a miss is a programming error. */
export function findPostStandard(post: PostKind): PostStandardDef {
  const def = STANDARDS_LIBRARY.find((d) => d.post === post);
  if (!def) throw new Error(`standards library has no post ${post}`);
  return def;
}

/** The items a post's staff tick off at the start (PRE, 班前) or end (POST, 下班) of a shift, in order. */
export function checklistItems(post: PostKind, phase: 'PRE' | 'POST'): StandardItemDef[] {
  return findPostStandard(post).items.filter((item) => item.phase === phase);
}

/** Every item id in the library once, in library order (shared ids such as HALL-POST-1 counted once). */
export function referenceItemIds(): string[] {
  return [...new Set(STANDARDS_LIBRARY.flatMap((def) => def.items.map((item) => item.id)))];
}

/**
 * The item ids a post had in a given library version: an update adds only what is new since the
 * site's version, so an item the site removed on purpose is not brought back. An unknown version
 * answers none: every item the site lacks is then added.
 */
export function libraryItemIds(version: string, post: PostKind): string[] {
  const library = version === '2026-11' ? LIBRARY_2026_11 : version === LIBRARY_VERSION ? STANDARDS_LIBRARY : [];
  return (library.find((d) => d.post === post)?.items ?? []).map((item) => item.id);
}
