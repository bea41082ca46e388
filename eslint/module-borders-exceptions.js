// Exceptions to anchang/module-borders (issue 14): queries still outside their owner's repository, each
// with the reason it is still there. Shrink this list; do not grow it.
// `file` is relative to server/src/modules; `tables` are the foreign tables allowed there; `queryBuilder`
// allows the query builder in a file that is not a *.repository.ts.

/** @type {{ file: string, tables?: string[], queryBuilder?: boolean, reason: string }[]} */
export const borderExceptions = [
  {
    file: 'supplies/supplies.repository.ts',
    tables: ['requisitions'],
    reason: 'TODO(issue 14): the store issues requisitions of the post-shift forms',
  },
];
