/**
 * Readiness: may this instance be sent traffic, and if not, why. It must be able to say "no"
 * quickly when the database is away, so every database probe has a short deadline.
 */
import { BLOCKING_READINESS_REASONS, type HealthReady, type ReadinessReason } from '@anchang/contracts';
import { databaseErrorKind } from '../../db/create-db.js';

/** What readiness looks at; app.ts wires each from the platform piece that knows. */
export interface ReadinessProbes {
  /** The newest migration this code knows. */
  expectedSchemaVersion: string;
  /** The newest migration applied to the database: also the database round trip. */
  currentSchemaVersion(): Promise<string>;
  isShuttingDown(): boolean;
  events(): { isListening: boolean; downSince: number | null };
  timers(): { failingSince: number | null; lastError: string | null };
  /** Timers that used up their attempts since `since` (epoch ms). */
  countFailedTimersSince(since: number): Promise<number>;
  now(): number;
}

/** A probe slower than this counts as the database being busy. */
const DATABASE_PROBE_TIMEOUT_MS = 2000;
const DAY_MS = 24 * 3_600_000;

class ProbeTimeout extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(probes: ReadinessProbes): Promise<HealthReady> {
  const reasons: ReadinessReason[] = [];
  if (probes.isShuttingDown()) reasons.push('shutting_down');

  const database: HealthReady['checks']['database'] = { ok: false, latencyMs: null, error: null };
  let current: string | null = null;
  const started = performance.now();
  try {
    current = await withDeadline(probes.currentSchemaVersion(), DATABASE_PROBE_TIMEOUT_MS);
    database.ok = true;
    database.latencyMs = Math.round(performance.now() - started);
  } catch (err) {
    database.error = err instanceof Error ? err.message : String(err);
    reasons.push(err instanceof ProbeTimeout || databaseErrorKind(err) === 'busy' ? 'database_busy' : 'database_unreachable');
  }

  // Names are date-prefixed: a database migrated further by a newer instance is fine.
  const migrationsOk = current !== null && current >= probes.expectedSchemaVersion;
  if (current !== null && !migrationsOk) reasons.push('migrations_pending');

  const events = probes.events();
  if (!events.isListening) reasons.push('event_listener_down');

  const tick = probes.timers();
  let failedLastDay: number | null = null;
  if (database.ok) {
    failedLastDay = await withDeadline(probes.countFailedTimersSince(probes.now() - DAY_MS), DATABASE_PROBE_TIMEOUT_MS).catch(() => null);
  }
  const timersOk = tick.failingSince === null && !failedLastDay;
  if (!timersOk) reasons.push('timers_failing');

  const blocked = reasons.some((r) => BLOCKING_READINESS_REASONS.includes(r));
  return {
    status: blocked ? 'not_ready' : reasons.length > 0 ? 'degraded' : 'ready',
    reasons,
    checks: {
      database,
      migrations: { ok: migrationsOk, expected: probes.expectedSchemaVersion, current },
      events: { ok: events.isListening, downSince: events.downSince },
      timers: { ok: timersOk, failingSince: tick.failingSince, lastError: tick.lastError, failedLastDay },
    },
  };
}
