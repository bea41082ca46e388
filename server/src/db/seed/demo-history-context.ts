/**
 * What a module receives to write its part of the demo's history (issue 12: a newcomer's first start
 * shows a past month and the current month so far, generated through the same services a phone or
 * the console calls). The demo history (demo-history.ts) builds one context and hands it to each
 * module's `seed<Module>DemoHistory(ctx)` in turn; a module moves `ctx.clock` to the instants it
 * writes at, so every row carries a believable time.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { ManualClock } from '../../platform/clock.js';
import type { Deps } from '../../platform/tx.js';

export interface DemoHistoryContext {
  /** The services' dependencies; `deps.clock` is `clock`. */
  deps: Deps;
  clock: ManualClock;
  siteId: string;
  companyId: string;
  /** The site's IANA time zone (Asia/Shanghai in the demo). */
  timeZone: string;
  /** Demo logins (admin, manager, supervisor, hall, bar, park, shuttle, model, tech, security, clean, green, consultant, client) to person ids. */
  personIdByLogin: Readonly<Record<string, string>>;
  /** The actor a service expects, for one demo login, as if that person had signed in. */
  actorFor(login: string): Promise<Actor>;
  /** Site-local days (YYYY-MM-DD), oldest first: the previous month's 1st through yesterday. */
  days: readonly string[];
  /** A seeded random number in [0, 1): the same demo on every fresh start. */
  random(): number;
}
