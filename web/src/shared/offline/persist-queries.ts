/**
 * The staff app's last answers, kept on the phone: who is signed in, today's roster, the open
 * shift with its standard, my anomalies. Opening or reloading the app without signal then shows
 * the shift as it was, with the outbox's waiting writes laid over it, instead of a spinner.
 *
 * Only the keys below are kept, each tagged with the person it belongs to; signing out (or a
 * different person signing in) clears them. Stored answers never replace newer ones in memory.
 */
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Me } from '@anchang/contracts';
import { queryKeys } from '../api/query-keys';
import { idbClear, idbDelete, idbGetAll, idbPut } from './idb';

interface StoredQuery {
  key: string;
  queryKey: QueryKey;
  data: unknown;
  updatedAt: number;
  personId: string | null;
}

const MAX_STORED = 40;
/** Per-site query kinds worth having offline: ['site', siteId, <kind>, …]. */
const SITE_KINDS = new Set([
  'my-day',
  'shift',
  'standards',
  'standard-settings',
  'anomalies',
  'requisitions',
  'notifications',
  'visits',
  'visitor-counts',
  // The screens whose writes wait in the outbox: a reload without signal still shows them.
  'supplies',
  'rounds',
  'model-rooms',
  'equipment',
  // Reported, registered, handed over without signal too: the forms' pickers and the lists.
  'zones',
  'work-orders',
  'lost-items',
  'handovers',
]);

export function isPersisted(queryKey: QueryKey): boolean {
  if (queryKey[0] === queryKeys.me[0] && queryKey.length === 1) return true;
  // The demo mark shows without signal too.
  if (queryKey[0] === queryKeys.instance[0]) return true;
  return queryKey[0] === 'site' && typeof queryKey[2] === 'string' && SITE_KINDS.has(queryKey[2]);
}

const keyString = (queryKey: QueryKey) => JSON.stringify(queryKey);

/**
 * Restores the stored answers into `queryClient`, then keeps the store up to date with every
 * new answer. Returns a function that stops the keeping (for tests).
 */
export function persistQueries(queryClient: QueryClient): () => void {
  const cache = queryClient.getQueryCache();
  let personId: string | null = null;
  let restoring = true;
  const pending = new Map<string, StoredQuery | null>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    flushTimer = null;
    const writes = [...pending.values()].filter((v): v is StoredQuery => v !== null);
    const deletes = [...pending.entries()].filter(([, v]) => v === null).map(([k]) => k);
    pending.clear();
    void Promise.all([writes.length ? idbPut('queries', writes) : null, deletes.length ? idbDelete('queries', deletes) : null])
      .then(() => prune())
      .catch((error: unknown) => console.warn('could not keep answers for offline use', error));
  };
  const schedule = (key: string, value: StoredQuery | null) => {
    pending.set(key, value);
    // Batched, but soon: the answer should be on disk before the signal can drop again.
    flushTimer ??= setTimeout(flush, 50);
  };

  const onQuery = (query: Query) => {
    if (restoring || !isPersisted(query.queryKey) || query.state.status !== 'success') return;
    if (query.queryKey[0] === queryKeys.me[0]) {
      const me = query.state.data as Me | null;
      const next = me?.id ?? null;
      if (next !== personId) {
        // Signed out, or someone else signed in: nothing of the last person stays on the phone.
        pending.clear();
        personId = next;
        void idbClear('queries').then(() => {
          if (me) schedule(keyString(query.queryKey), toStored(query, next));
        });
        return;
      }
    }
    if (!personId) return;
    schedule(keyString(query.queryKey), toStored(query, personId));
  };

  const unsubscribe = cache.subscribe((event) => {
    const query = event.query as Query;
    if (event.type === 'updated' && event.action.type === 'success') onQuery(query);
    else if (event.type === 'added' && query.state.status === 'success') onQuery(query);
  });

  void restore(queryClient)
    .then((restoredPerson) => {
      personId = restoredPerson;
    })
    .catch((error: unknown) => console.warn('could not restore offline answers', error))
    .finally(() => {
      restoring = false;
      // Answers that arrived while restoring are kept now.
      for (const query of cache.findAll()) onQuery(query);
    });

  return () => {
    unsubscribe();
    if (flushTimer) clearTimeout(flushTimer);
  };
}

function toStored(query: Query, personId: string | null): StoredQuery {
  return { key: keyString(query.queryKey), queryKey: query.queryKey, data: query.state.data, updatedAt: query.state.dataUpdatedAt, personId };
}

/** Puts stored answers into the cache where it has nothing newer; returns whose they were. */
async function restore(queryClient: QueryClient): Promise<string | null> {
  const stored = await idbGetAll<StoredQuery>('queries');
  const me = stored.find((s) => s.queryKey[0] === queryKeys.me[0] && s.queryKey.length === 1);
  const person = (me?.data as Me | null | undefined)?.id ?? null;
  if (!person) return null;
  for (const entry of [me!, ...stored.filter((s) => s !== me && s.personId === person)]) {
    const current = queryClient.getQueryState(entry.queryKey);
    if (current && current.dataUpdatedAt >= entry.updatedAt && current.data !== undefined) continue;
    queryClient.setQueryData(entry.queryKey, entry.data, { updatedAt: entry.updatedAt });
    // A kept answer may have been made stale by an event since: refetch it when next shown.
    void queryClient.invalidateQueries({ queryKey: entry.queryKey, exact: true, refetchType: 'none' });
  }
  return person;
}

/** Keeps the store small: the newest answers win. */
async function prune(): Promise<void> {
  const stored = await idbGetAll<StoredQuery>('queries');
  if (stored.length <= MAX_STORED) return;
  const oldest = stored
    .filter((s) => s.queryKey[0] !== queryKeys.me[0])
    .sort((a, b) => a.updatedAt - b.updatedAt)
    .slice(0, stored.length - MAX_STORED)
    .map((s) => s.key);
  await idbDelete('queries', oldest);
}
