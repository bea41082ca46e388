/**
 * buildApp: the whole server as a Fastify instance, with every dependency passed in, so tests
 * run it through `app.inject()` (or on a real port) against a real database and a driven clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Database } from './db/create-db.js';
import { schemaVersion } from './db/create-db.js';
import type { Clock } from './platform/clock.js';
import { systemClock } from './platform/clock.js';
import { LocalEventBus, PostgresEventBus, type EventBus } from './platform/events/bus.js';
import { registerErrorHandler } from './platform/http/error-handler.js';
import { validatorCompiler } from './platform/http/validation.js';
import type { App } from './platform/http/types.js';
import { authenticateRequest, type SessionSettings } from './platform/auth/session.js';
import { SessionCache } from './platform/auth/session-cache.js';
import { requireSiteMember } from './platform/auth/policy.js';
import { ID_PATTERN, newId } from './platform/ids.js';
import { RealtimeHub } from './platform/realtime/hub.js';
import { TimerRunner } from './platform/timers/timers.js';
import type { Deps } from './platform/tx.js';
import { currentContext, runInContext } from './platform/work-context.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { LoginLimiter, registerAuthRoutes, registerPublicAuthRoutes, type AuthDeps } from './modules/auth/index.js';
import { APP_VERSION, registerHealthRoutes } from './modules/health/index.js';
import { registerNotificationRoutes } from './modules/notifications/index.js';
import { registerPeopleRoutes } from './modules/people/index.js';
import { registerPostRoutes } from './modules/posts/index.js';
import { registerRealtimeRoutes, type ClientSocket } from './modules/realtime/index.js';
import { registerSiteRoutes } from './modules/sites/index.js';
import { registerZoneRoutes } from './modules/zones/index.js';
import { registerSessionPurge } from './modules/auth/session-purge.jobs.js';
import { registerAnomalyRoutes } from './modules/anomalies/index.js';
import { registerDayBoardRoutes } from './modules/day-board/index.js';
import { registerPhotoRoutes } from './modules/photos/index.js';
import { registerRosterRoutes } from './modules/rosters/index.js';
import { registerShiftFormRoutes } from './modules/shift-forms/index.js';
import { registerShiftRoutes } from './modules/shifts/index.js';
import { registerStandardRoutes } from './modules/standards/index.js';
import { registerTrainingRoutes } from './modules/training/index.js';
import { registerVisitRoutes, visitGuestPresence, type GuestPresence } from './modules/visits/index.js';
import { registerLostFoundRoutes } from './modules/lost-found/index.js';
import { registerIncidentRoutes } from './modules/incidents/index.js';
import { registerHallRoutes, registerHallTimers } from './modules/hall/index.js';
import { registerShuttleRoutes } from './modules/shuttle/index.js';
import { registerCheckpointRoutes, registerPublicCheckpointRoutes } from './modules/checkpoints/index.js';
import { registerPatrolRoutes, registerPatrolTimers } from './modules/patrols/index.js';
import { registerSuppliesRoutes } from './modules/supplies/index.js';
import { registerModelRoomInventoryRoutes } from './modules/model-room-inventory/index.js';
import { registerEquipmentRoutes } from './modules/equipment/index.js';
import { registerPublicRepairRoutes, registerRepairRoutes, registerRepairTimers } from './modules/repairs/index.js';
import { registerRoundRoutes, registerRoundTimers } from './modules/rounds/index.js';
import { registerWeatherRoutes, registerWeatherWebhook } from './modules/weather/index.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Fastify logger option; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  instanceId?: string;
  /** Guests on site, for the clock-out guard; by default the visits module's open visits. */
  guestPresence?: GuestPresence;
}

export interface AppServices {
  deps: Deps;
  timers: TimerRunner;
  hub: RealtimeHub<ClientSocket>;
  events: EventBus;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const instanceId = opts.instanceId ?? newId();

  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : newId();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  const events: EventBus =
    database.dialect === 'postgres' && database.databaseUrl && database.pool
      ? await PostgresEventBus.start(database.databaseUrl, database.pool, app.log)
      : new LocalEventBus(app.log);
  const deps: Deps = { db: database.db, dialect: database.dialect, events, clock, log: app.log };
  const sessions: SessionSettings = { ttlMs: config.sessionTtlHours * 3_600_000, cookieSecure: config.cookieSecure, cache: new SessionCache() };
  events.subscribe((event) => {
    if (event.type === 'access.changed') sessions.cache.forgetPerson((event.payload as { personId: string | null }).personId);
  });
  const authDeps: AuthDeps = {
    ...deps,
    sessions,
    loginLimiter: new LoginLimiter(clock, config.loginMaxFailures, config.loginWindowMinutes * 60_000),
  };
  const hub = new RealtimeHub<ClientSocket>(events, app.log);
  const timers = new TimerRunner(deps, instanceId);
  registerSessionPurge(timers);
  registerHallTimers(timers);
  registerPatrolTimers(timers);
  registerRepairTimers(timers);
  registerRoundTimers(timers);
  app.decorate('services', { deps, timers, hub, events });

  registerErrorHandler(app);
  // Everything a request runs, down to its timers and promises, knows which request it serves:
  // a crash report names it (platform/crash.ts).
  app.addHook('onRequest', (req, _reply, done) => runInContext({ reqId: String(req.id) }, done));
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
  });

  await app.register(cookie);
  await app.register(websocket, {
    options: {
      // A larger frame closes the socket with 1009 before it is buffered.
      maxPayload: config.realtime.maxFrameBytes,
      // Text that is not UTF-8 gets an error frame from the socket's own decoder (the socket
      // stays, as for any other bad message) rather than ws's close.
      skipUTF8Validation: true,
    },
    // A transport error (a reset, a frame over the limit) closes the socket by itself, and the
    // realtime module logs it with the socket's context; one thrown by the handler ends it here.
    errorHandler: (err, socket, req) => {
      req.log.debug({ err }, 'realtime socket error');
      if (socket.readyState === socket.OPEN) socket.terminate();
    },
  });
  app.websocketServer.on('error', (err) => app.log.error({ err }, 'realtime server error'));
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anchang API', version: APP_VERSION, description: '案场服务标准运行平台 — sales-center service standards, run live.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anchang_sid' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const currentSchemaVersion = await schemaVersion(database.db);
  await app.register(
    async (api: App) => {
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
      registerHealthRoutes(api, {
        dialect: database.dialect,
        schemaVersion: currentSchemaVersion,
        ping: async () => void (await database.db.selectFrom('companies').select('id').limit(1).execute()),
      });
      registerPublicAuthRoutes(api, authDeps);
      registerPublicCheckpointRoutes(api, deps);
      registerPublicRepairRoutes(api, deps);
      registerWeatherWebhook(api, deps);

      await api.register(async (authed: App) => {
        // Every route in this scope needs a session; it is checked before the body is read.
        authed.decorateRequest('actor', null as never);
        authed.addHook('onRequest', async (req) => {
          req.actor = await authenticateRequest(deps.db, clock, sessions, req);
          const context = currentContext();
          if (context) context.personId = req.actor.personId;
        });
        // Site scope in bulk: a person with no role on the site in the path learns nothing
        // about it, whatever else the request carries.
        authed.addHook('preValidation', async (req) => {
          const siteId = (req.params as { siteId?: unknown } | undefined)?.siteId;
          if (typeof siteId === 'string' && ID_PATTERN.test(siteId)) requireSiteMember(req.actor, siteId);
        });
        registerAuthRoutes(authed, authDeps);
        registerSiteRoutes(authed, deps);
        registerZoneRoutes(authed, deps);
        registerPostRoutes(authed, deps);
        registerPeopleRoutes(authed, deps);
        registerAuditRoutes(authed, deps);
        registerNotificationRoutes(authed, deps);
        registerRealtimeRoutes(authed, { ...deps, hub, limits: config.realtime, allowedOrigins: config.allowedOrigins });
        registerStandardRoutes(authed, deps);
        registerTrainingRoutes(authed, deps);
        registerRosterRoutes(authed, deps);
        registerPhotoRoutes(authed, deps);
        registerShiftRoutes(authed, { ...deps, guests: opts.guestPresence ?? visitGuestPresence(database.db) });
        registerVisitRoutes(authed, deps);
        registerLostFoundRoutes(authed, deps);
        registerIncidentRoutes(authed, deps);
        registerHallRoutes(authed, deps);
        registerShuttleRoutes(authed, deps);
        registerCheckpointRoutes(authed, deps);
        registerPatrolRoutes(authed, deps);
        registerSuppliesRoutes(authed, deps);
        registerModelRoomInventoryRoutes(authed, deps);
        registerEquipmentRoutes(authed, deps);
        registerRepairRoutes(authed, deps);
        registerRoundRoutes(authed, deps);
        registerWeatherRoutes(authed, deps);
        registerAnomalyRoutes(authed, deps);
        registerShiftFormRoutes(authed, deps);
        registerDayBoardRoutes(authed, deps);
      });
    },
    { prefix: '/api' },
  );

  registerWebApp(app, config.webDistDir);

  app.addHook('onClose', async () => {
    await timers.stop();
    hub.close();
    await events.close();
  });
  return app;
}

/** Serves the built web app: the console at `/`, the staff app at `/m`, with SPA fallbacks. */
function registerWebApp(app: App, distDir: string): void {
  const hasBuild = fs.existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) {
    void app.register(fastifyStatic, {
      root: distDir,
      index: false,
      wildcard: false,
      prefix: '/',
      // Built assets carry a content hash in their names: cache them for good.
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) void res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method !== 'GET' || url.startsWith('/api/') || path.extname(url) !== '') {
      return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route', params: { method: req.method, url } } });
    }
    if (!hasBuild) return reply.type('text/plain; charset=utf-8').send('Anchang: the web app is not built. Run `npm run build`.');
    const isStaffApp = url === '/m' || url.startsWith('/m/');
    // The HTML names the current assets: always revalidate it.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .sendFile(isStaffApp ? 'm/index.html' : 'index.html');
  });
}
