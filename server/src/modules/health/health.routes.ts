import { Health, HealthLive, HealthReady } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { DialectName } from '../../db/create-db.js';
import { AppError } from '../../platform/errors.js';
import { checkReadiness, type ReadinessProbes } from './readiness.js';

export const APP_VERSION = '0.1.0';

export interface HealthOptions {
  dialect: DialectName;
  schemaVersion: string;
  ping: () => Promise<void>;
  readiness: ReadinessProbes;
}

export function registerHealthRoutes(app: App, opts: HealthOptions): void {
  const startedAt = Date.now();
  const uptimeSeconds = () => Math.round((Date.now() - startedAt) / 1000);
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness, database dialect and schema version', response: { 200: Health } } },
    async () => {
      try {
        await opts.ping();
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', { message: 'The database does not answer' });
      }
      return {
        status: 'ok' as const,
        dialect: opts.dialect,
        schemaVersion: opts.schemaVersion,
        version: APP_VERSION,
        uptimeSeconds: uptimeSeconds(),
      };
    },
  );

  // For a process manager: the process answers. Never touches the database, so an outage
  // there does not get a healthy process restarted.
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The process is up (no dependency checked)', response: { 200: HealthLive } } },
    async (_req, reply) => {
      void reply.header('cache-control', 'no-store');
      return { status: 'live' as const, uptimeSeconds: uptimeSeconds() };
    },
  );

  // For a load balancer: 503 while this instance should get no traffic (shutting down,
  // database out of reach or migrations pending), with the reasons; 200 `degraded` when it
  // serves but something needs attention (event listener down, timers failing).
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether this instance should be sent traffic, and why not',
        response: { 200: HealthReady, 503: HealthReady },
      },
    },
    async (_req, reply) => {
      const report = await checkReadiness(opts.readiness);
      void reply.header('cache-control', 'no-store');
      if (report.status === 'not_ready') void reply.header('retry-after', '5');
      return reply.status(report.status === 'not_ready' ? 503 : 200).send(report);
    },
  );
}
