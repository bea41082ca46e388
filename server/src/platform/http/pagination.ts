/**
 * Keyset pagination on UUIDv7 ids (time-ordered): `cursor` is the last id of the previous
 * page, opaque to clients. Stable under concurrent inserts, O(page) at any depth.
 */
import type { PageOf } from '@anchang/contracts';
import { AppError } from '../errors.js';
import { ID_PATTERN } from '../ids.js';

export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  limit: number;
  afterId: string | null;
  direction: 'asc' | 'desc';
}

export function pageRequest(query: { limit?: number; cursor?: string }, direction: 'asc' | 'desc' = 'asc'): PageRequest {
  let afterId: string | null = null;
  if (query.cursor) {
    afterId = Buffer.from(query.cursor, 'base64url').toString('utf8');
    if (!ID_PATTERN.test(afterId)) {
      throw new AppError('INVALID_CURSOR', { message: 'The cursor is not one this server gave out' });
    }
  }
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, afterId, direction };
}

/** Rows were fetched with `limit + 1`: the extra row only says that another page exists. */
export function toPage<Row extends { id: string }, T>(rows: Row[], req: PageRequest, map: (r: Row) => T): PageOf<T> {
  const hasMore = rows.length > req.limit;
  const items = hasMore ? rows.slice(0, req.limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: hasMore && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
}

/** As toPage, for mappers that load related data for the whole page at once. */
export async function toPageBatched<Row extends { id: string }, T>(
  rows: Row[],
  req: PageRequest,
  mapAll: (rows: Row[]) => Promise<T[]>,
): Promise<PageOf<T>> {
  const hasMore = rows.length > req.limit;
  const pageRows = hasMore ? rows.slice(0, req.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: await mapAll(pageRows), nextCursor: hasMore && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
}
