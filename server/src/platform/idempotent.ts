/**
 * Writes keyed by an id the phone generated. A phone that lost the answer sends the same write
 * again, sometimes while the first is still in flight: the second copy either finds the first
 * already stored (`findStored`) or loses the race on the primary key, and then answers with
 * what the first stored. Either way the write is recorded once. An id already taken by another
 * record (of another site, another kind, another person) is refused with ID_CONFLICT.
 */
import { isPrimaryKeyViolation, isUniqueViolation } from '../db/create-db.js';
import { AppError } from './errors.js';

export async function writeOnce<T>(
  findStored: () => Promise<T | undefined>,
  write: () => Promise<T>,
  opts: { readFirst?: boolean } = {},
): Promise<{ value: T; created: boolean }> {
  // `readFirst: false` is for writes whose first statement inserts the keyed row: a repeat then
  // fails on the primary key before anything else is written, and the usual case (a new id)
  // saves the read.
  if (opts.readFirst !== false) {
    const before = await findStored();
    if (before !== undefined) return { value: before, created: false };
  }
  try {
    return { value: await write(), created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await findStored();
    if (winner === undefined && isPrimaryKeyViolation(err)) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    if (winner === undefined) throw err;
    return { value: winner, created: false };
  }
}
