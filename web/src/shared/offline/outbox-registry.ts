/**
 * The outbox's one operation registry. Each kind of phone write registers, from its own
 * feature's `outbox-kinds.ts`: its key (the id the server stores it under, made at the tap),
 * the time of the tap (when the domain cares), how to send it, what to do with the answer, and
 * how the banner names it. The outbox itself knows no kind.
 *
 * Each feature also adds its op types to `OutboxOpsByKind` (declaration merging), so screens
 * can narrow `item.op` by its `kind` as with any union.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';

/** Every kind's op, by kind: each feature's `outbox-kinds.ts` adds its own. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutboxOpsByKind {}
export type OutboxKindName = keyof OutboxOpsByKind;
export type OutboxOp = OutboxOpsByKind[OutboxKindName];

export interface ApplyContext {
  queryClient: QueryClient;
  personId: string;
}

export interface OutboxKind<Op extends { kind: string; siteId: string }> {
  /** The write's idempotency key: the id the server stores it under (made when the person acted). */
  key(op: Op): string;
  /** When the person tapped, as the op sends it (`at`); absent where the domain takes the server's time. */
  tapTime?(op: Op): number | undefined;
  /** The op without its tap time: the server refused the phone's clock and its own time is the best left. */
  withoutTime?(op: Op): Op;
  send(op: Op): Promise<unknown>;
  /** Puts the server's answer where the screens read it (query cache), before the waiting copy goes. */
  apply?(op: Op, response: unknown, ctx: ApplyContext): void;
  /** One line for the outbox's list. */
  describe(op: Op, t: TFunction, locale: string): string;
  /** The i18n key (with `count`) naming this kind in the banner's summary, e.g. "2 条巡更打卡". */
  group: string;
  /** Keys of writes (photos) that travel with this one: they count as part of it, not alone. */
  carries?(op: Op): readonly string[];
  /** How long an unanswered send waits before it counts as lost (photos are slower). */
  timeoutMs?: number;
}

type AnyKind = OutboxKind<OutboxOp>;
const kinds = new Map<string, AnyKind>();

export function registerOutboxKind<K extends OutboxKindName>(kind: K, def: OutboxKind<OutboxOpsByKind[K]>): void {
  kinds.set(kind, def);
}

export function outboxKind(kind: string): AnyKind | undefined {
  return kinds.get(kind);
}

/** The registered kind of an op; throws for a kind no loaded feature registered (the sender waits). */
export function requireKind(op: { kind: string }): AnyKind {
  const def = kinds.get(op.kind);
  if (!def) throw new Error(`outbox: no kind "${op.kind}" registered`);
  return def;
}
