import { Health } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { DialectName } from '../../db/create-db.js';
import { AppError } from '../../platform/errors.js';

export const APP_VERSION = '0.1.0';

export function registerHealthRoutes(app: App, opts: { dialect: DialectName; schemaVersion: string; ping: () => Promise<void> }): void {
  const startedAt = Date.now();
  app.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness, database dialect and schema version', response: { 200: Health } } },
    async () => {
      try {
        await opts.ping();
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', { status: 503, message: 'The database does not answer' });
      }
      return {
        status: 'ok' as const,
        dialect: opts.dialect,
        schemaVersion: opts.schemaVersion,
        version: APP_VERSION,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  );
}
