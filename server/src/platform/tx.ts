/**
 * Use-case transactions. A service opens one transaction at its boundary and passes `tx` down
 * to repositories; events recorded on it are published only after the commit succeeds.
 */
import type { Kysely, Transaction } from 'kysely';
import type { EventMap, EventType, RealtimeEvent } from '@anchang/contracts';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/create-db.js';
import type { EventBus } from './events/bus.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  events: EventBus;
  clock: Clock;
  log: Logger;
}

export interface Tx {
  trx: Transaction<DB>;
  /** The instant the use case runs at: one value for every row it writes. */
  now: number;
  dialect: DialectName;
  /** To a site's room, or to one person's room (with the site it concerns, when there is one). */
  emit<T extends EventType>(room: { siteId: string } | { personId: string; siteId?: string }, type: T, payload: EventMap[T]): void;
}

export async function inTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const pending: RealtimeEvent[] = [];
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute((trx) =>
    fn({
      trx,
      now,
      dialect: deps.dialect,
      emit(room, type, payload) {
        const toPerson = 'personId' in room;
        pending.push({
          type,
          room: toPerson ? `user:${room.personId}` : `site:${room.siteId}`,
          siteId: room.siteId ?? null,
          payload,
          at: now,
        });
      },
    }),
  );
  if (pending.length > 0) {
    // The data is committed: a failed publish must not turn the request into an error.
    deps.events.publish(pending).catch((err: unknown) => deps.log.error({ err }, 'event publish failed'));
  }
  return result;
}
