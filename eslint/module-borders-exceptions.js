// Exceptions to anchang/module-borders (issue 14): queries still outside their owner's repository, each
// with the reason it is still there. Shrink this list; do not grow it.
// `file` is relative to server/src/modules; `tables` are the foreign tables allowed there; `queryBuilder`
// allows the query builder in a file that is not a *.repository.ts.

const JOIN = 'TODO(issue 14): a join across two modules, to split into two calls with the same result';

/** @type {{ file: string, tables?: string[], queryBuilder?: boolean, reason: string }[]} */
export const borderExceptions = [
  // "Which posts does this person work" answers by post kind, which lives on the posts table.
  { file: 'people/people.repository.ts', tables: ['posts'], reason: 'TODO(issue 14): post kind read through a join to posts' },
  {
    file: 'supplies/supplies.repository.ts',
    tables: ['requisitions'],
    reason: 'TODO(issue 14): the store issues requisitions of the post-shift forms',
  },
  { file: 'visits/visits.repository.ts', tables: ['zones'], reason: JOIN },
];
