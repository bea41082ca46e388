/**
 * The shape of a feature's realtime invalidation rules: for each event type it cares about, the
 * cached queries the event makes stale. Events carry ids only, so a rule names queries to
 * refetch rather than patching data. Each feature keeps its rules next to its query keys (in its
 * api file); event-invalidations.ts gathers them. This file imports no feature, so a feature's
 * api file can import it without a cycle.
 */
import type { QueryKey } from '@tanstack/react-query';
import type { EventMap, EventType } from '@anchang/contracts';

export interface InvalidationContext<T extends EventType = EventType> {
  /** The event's site; null for an event sent to one person's room. */
  siteId: string | null;
  payload: EventMap[T];
  /** Who is signed in on this tab, for events that concern only the person they name. */
  myId: string | null;
}

/**
 * A key prefix to invalidate, or a test of keys for queries that share no prefix (a notice in a
 * person's room, where the event has no site, reaches that person's notices on every site).
 */
export type StaleQueries = QueryKey | { readonly matches: (queryKey: QueryKey) => boolean };

export type InvalidationRule<T extends EventType = EventType> = (ctx: InvalidationContext<T>) => readonly StaleQueries[];

/** One feature's rules: which of its queries each event type makes stale. */
export type FeatureInvalidations = { readonly [T in EventType]?: InvalidationRule<T> };

const none: readonly StaleQueries[] = [];

/** A rule for events of a site: most cached data lives under ['site', siteId, …], so without a site there is nothing to do. */
export function onSite<T extends EventType = EventType>(
  rule: (siteId: string, ctx: InvalidationContext<T>) => readonly StaleQueries[],
): InvalidationRule<T> {
  return (ctx) => (ctx.siteId ? rule(ctx.siteId, ctx) : none);
}
