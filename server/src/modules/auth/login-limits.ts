/**
 * Login limits that hold under attack, shared by every instance through the database:
 *
 * - per account, from any address: each attempt counts before its password is checked (so a
 *   burst of concurrent guesses counts in full) and a successful login clears the count;
 *   `maxFailuresPerAccount` attempts without a success, then a wait until the window ends;
 * - per client address, whatever the accounts (password spraying): `@fastify/rate-limit` on the
 *   login route, with its counters in the same table through `DatabaseRateLimitStore`. The
 *   address is `request.ip`, which believes X-Forwarded-For only from trusted proxies
 *   (TRUST_PROXY), so a client cannot pick a fresh address per request.
 *
 * Both answer 429 LOGIN_RATE_LIMITED with Retry-After.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyRateLimitStore, RateLimitOptions, RateLimitPluginOptions } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { clearThrottle, hitThrottle } from './login-throttle.repository.js';

export interface LoginLimitSettings {
  maxFailuresPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

const rateLimited = (retryAfterMs: number) =>
  new AppError('LOGIN_RATE_LIMITED', {
    message: 'Too many login attempts; wait and try again',
    params: { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  });

const accountKey = (login: string) => `account:${login.trim().toLowerCase()}`;

export class LoginLimits {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    readonly settings: LoginLimitSettings,
  ) {}

  /** Counts an attempt on the account; throws LOGIN_RATE_LIMITED when it is over the limit. */
  async countAccountAttempt(login: string): Promise<void> {
    const now = this.clock.now();
    const { hits, resetAt } = await hitThrottle(this.db, accountKey(login), now, this.settings.windowMs);
    if (hits > this.settings.maxFailuresPerAccount) throw rateLimited(resetAt - now);
  }

  /** The right password was given: earlier failures no longer count against the account. */
  clearAccount(login: string): Promise<void> {
    return clearThrottle(this.db, accountKey(login));
  }

  /** Route config for the per-address limit (the login route's `config.rateLimit`). */
  addressLimit(): RateLimitOptions {
    return { max: this.settings.maxPerAddress, timeWindow: this.settings.windowMs };
  }
}

/**
 * A store for `@fastify/rate-limit` backed by the `login_throttle` table, so every instance on
 * one database counts together. Keys are namespaced by route: `rate:<url>|<address>`.
 */
export function databaseRateLimitStore(db: Kysely<DB>, clock: Clock): NonNullable<RateLimitPluginOptions['store']> {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(private readonly namespace = 'rate:') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock.now();
      hitThrottle(db, `${this.namespace}${key}`, now, timeWindow).then(
        ({ hits, resetAt }) => callback(null, { current: hits, ttl: Math.max(0, resetAt - now) }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin hands the merged route settings, with the route itself under `routeInfo`.
      const route = (routeOptions as { routeInfo?: { url?: string } }).routeInfo;
      return new DatabaseRateLimitStore(`rate:${route?.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore as unknown as NonNullable<RateLimitPluginOptions['store']>;
}

/** What the per-address limit answers when exceeded: the app's one error model. */
export const rateLimitError = (_req: FastifyRequest, context: { ttl: number }) => rateLimited(context.ttl);
