import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Counts one hit on `key` in its current window, opening a new window when the last one has
 * passed, and returns the count and the window's end. One statement (an upsert), so concurrent
 * hits on any instance each count exactly once.
 */
export async function hitThrottle(db: Kysely<DB>, key: string, now: number, windowMs: number): Promise<{ hits: number; resetAt: number }> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, hits: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`CASE WHEN login_throttle.reset_at <= ${now} THEN 1 ELSE login_throttle.hits + 1 END`,
        reset_at: sql<number>`CASE WHEN login_throttle.reset_at <= ${now} THEN ${now + windowMs} ELSE login_throttle.reset_at END`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
}

export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function deleteExpiredThrottles(db: Kysely<DB>, now: number): Promise<void> {
  await db.deleteFrom('login_throttle').where('reset_at', '<=', now).execute();
}
