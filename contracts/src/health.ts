/**
 * Health endpoints for a process manager or a load balancer: `live` says the process answers,
 * `ready` says whether it should be sent traffic, and why not.
 */
import { Type, type Static } from '@sinclair/typebox';

export const HealthLive = Type.Object({
  status: Type.Literal('live'),
  uptimeSeconds: Type.Number(),
});

/**
 * Why an instance is not (fully) ready. The first four take it out of rotation (503); the
 * last two leave it serving (200, status `degraded`) but say what is wrong.
 */
export const READINESS_REASONS = [
  'shutting_down',
  'database_unreachable',
  'database_busy',
  'migrations_pending',
  'event_listener_down',
  'timers_failing',
] as const;
export type ReadinessReason = (typeof READINESS_REASONS)[number];
export const BLOCKING_READINESS_REASONS: readonly ReadinessReason[] = [
  'shutting_down',
  'database_unreachable',
  'database_busy',
  'migrations_pending',
];

export const HealthReady = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('not_ready')]),
  reasons: Type.Array(Type.Unsafe<ReadinessReason>({ type: 'string', enum: [...READINESS_REASONS] })),
  checks: Type.Object({
    database: Type.Object({
      ok: Type.Boolean(),
      latencyMs: Type.Union([Type.Number(), Type.Null()]),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
    migrations: Type.Object({
      ok: Type.Boolean(),
      expected: Type.String(),
      current: Type.Union([Type.String(), Type.Null()]),
    }),
    events: Type.Object({
      ok: Type.Boolean(),
      /** Since when the cross-instance event listener has been down (epoch ms), if it is. */
      downSince: Type.Union([Type.Number(), Type.Null()]),
    }),
    timers: Type.Object({
      ok: Type.Boolean(),
      /** Since when the timer poll has been failing (epoch ms), if it is. */
      failingSince: Type.Union([Type.Number(), Type.Null()]),
      lastError: Type.Union([Type.String(), Type.Null()]),
      /** Timers that used up their attempts in the last 24 hours. */
      failedLastDay: Type.Union([Type.Integer(), Type.Null()]),
    }),
  }),
});

export type HealthLive = Static<typeof HealthLive>;
export type HealthReady = Static<typeof HealthReady>;
