/**
 * buildApp: the whole server as a Fastify instance, with every dependency passed in, so tests
 * run it through `app.inject()` (or on a real port) against a real database and a driven clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DISPLAY_NAME_FORMAT, ERROR_STATUS } from '@anchang/contracts';
import type { Config } from './config.js';
import type { Database } from './db/create-db.js';
import { latestMigrationName, schemaVersion } from './db/create-db.js';
import type { Clock } from './platform/clock.js';
import { systemClock } from './platform/clock.js';
import { LocalEventBus, PostgresEventBus, type EventBus } from './platform/events/bus.js';
import type { LogDestination } from './platform/logger.js';
import { registerEventPrune } from './platform/events/prune.js';
import { registerCrossSiteGuard } from './platform/http/cross-site-guard.js';
import { registerErrorHandler, sendError } from './platform/http/error-handler.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { validatorCompiler } from './platform/http/validation.js';
import { completeOpenApiDocument } from './platform/http/openapi.js';
import type { App } from './platform/http/types.js';
import { authenticateRequest, isSecureRequest, SESSION_COOKIE, type SessionSettings } from './platform/auth/session.js';
import { SessionCache } from './platform/auth/session-cache.js';
import { requireSiteMember } from './platform/auth/policy.js';
import { ID_PATTERN, newId } from './platform/ids.js';
import { RealtimeHub } from './platform/realtime/hub.js';
import { countFailedTimersSince, TimerRunner, type FinalFailureListener } from './platform/timers/timers.js';
import { inTransaction, type Deps } from './platform/tx.js';
import { Lifecycle } from './platform/lifecycle.js';
import { currentContext, runInContext } from './platform/work-context.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import {
  databaseRateLimitStore,
  LoginLimits,
  rateLimitError,
  registerAuthRoutes,
  registerPublicAuthRoutes,
  type AuthDeps,
} from './modules/auth/index.js';
import { registerInstanceRoutes } from './modules/instance/index.js';
import { APP_VERSION, registerHealthRoutes } from './modules/health/index.js';
import { notifyCompanyAdmins, registerNotificationRoutes } from './modules/notifications/index.js';
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
import { registerTrainingRoutes, registerTrainingTimers } from './modules/training/index.js';
import { registerQuestionRoutes } from './modules/questions/index.js';
import {
  registerCustomerRetention,
  registerVisitChainTimers,
  registerVisitRoutes,
  visitGuestPresence,
  type GuestPresence,
} from './modules/visits/index.js';
import { registerLostFoundRoutes } from './modules/lost-found/index.js';
import { registerHandoverRoutes, registerHandoverTimers } from './modules/handovers/index.js';
import { registerIncidentRoutes } from './modules/incidents/index.js';
import { registerHallRoutes, registerHallTimers } from './modules/hall/index.js';
import { registerShuttleCallTimers, registerShuttleRoutes } from './modules/shuttle/index.js';
import { registerCheckpointRoutes, registerPublicCheckpointRoutes } from './modules/checkpoints/index.js';
import { registerPatrolRoutes, registerPatrolTimers } from './modules/patrols/index.js';
import { registerSuppliesRoutes } from './modules/supplies/index.js';
import { registerModelRoomInventoryRoutes } from './modules/model-room-inventory/index.js';
import { registerEquipmentRoutes } from './modules/equipment/index.js';
import { registerPublicRepairRoutes, registerRepairRoutes, registerRepairTimers } from './modules/repairs/index.js';
import { registerRoundRoutes, registerRoundTimers } from './modules/rounds/index.js';
import { registerWeatherRoutes, registerWeatherWebhook } from './modules/weather/index.js';
import { registerMeetingRoutes, registerMeetingTimers } from './modules/meetings/index.js';
import { registerCustomerFeedbackRoutes, registerCustomerSummaryTimers } from './modules/customer-feedback/index.js';
import { registerInspectionRoutes, registerInspectionTimers } from './modules/inspections/index.js';
import { registerComplaintRoutes, registerComplaintTimers } from './modules/complaints/index.js';
import { registerAssessmentRoutes, registerAssessmentTimers } from './modules/assessment/index.js';
import { registerClientReportRoutes, registerClientReportTimers } from './modules/client-reports/index.js';
import { registerSiteFiguresRoutes } from './modules/site-figures/index.js';
import { registerPublicSurveyRoutes, registerSurveyRoutes } from './modules/surveys/index.js';
import { DeliveryRunner, LogSmsProvider, registerIntegrationRoutes, TencentSmsProvider, type SmsProvider } from './modules/integrations/index.js';
import type { OutboundPolicy } from './platform/outbound/ssrf.js';
import { registerTurnGate } from './platform/http/turn-gate.js';
import { registerWriteGate } from './platform/http/write-gate.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Fastify logger option; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Where the default logger writes (main.ts: stdout, ended in order at shutdown); pino's default otherwise. */
  logDestination?: LogDestination;
  instanceId?: string;
  /** Guests on site, for the clock-out guard; by default the visits module's open visits. */
  guestPresence?: GuestPresence;
}

export interface AppServices {
  deps: Deps;
  timers: TimerRunner;
  /** Sends robot, webhook and SMS deliveries after their commit; main.ts starts it with the timers. */
  outbound: DeliveryRunner;
  hub: RealtimeHub<ClientSocket>;
  events: EventBus;
  /** main.ts calls `beginShutdown()` on SIGTERM: readiness answers 503 from then on. */
  lifecycle: Lifecycle;
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
      stream: opts.logDestination,
    },
    bodyLimit: config.bodyLimitBytes,
    // Answers are serialised, not validated: the request-only name format is nothing to check there.
    serializerOpts: { ajv: { formats: { [DISPLAY_NAME_FORMAT]: true } } },
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // A client gets this long to send a whole request, and less for its headers: slow or
    // stalled senders (a phone losing signal, a slowloris) are cut off with 408 instead of
    // holding a connection. Node checks every second (its default is every 30 s).
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // While draining on shutdown, a request that reaches an open keep-alive connection is still
    // served (with `Connection: close`) rather than refused with a 503.
    return503OnClosing: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : newId();
    },
    // The router's own refusals (bad percent-encoding, an over-long path segment) in the one error model.
    frameworkErrors: (err, req, reply) => void sendError(err, req, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  const events: EventBus =
    database.dialect === 'postgres' && database.databaseUrl && database.pool
      ? await PostgresEventBus.start(database.databaseUrl, app.log, { preparedStatements: database.preparedStatements })
      : await LocalEventBus.start(database.db, app.log);
  const deps: Deps = { db: database.db, dialect: database.dialect, events, clock, log: app.log };
  const sessions: SessionSettings = {
    ttlMs: config.sessionTtlHours * 3_600_000,
    maxAgeMs: config.sessionMaxDays * 86_400_000,
    cookieSecure: config.cookieSecure,
    cache: new SessionCache(),
  };
  events.subscribe((event) => {
    if (event.type === 'access.changed') sessions.cache.forgetPerson((event.payload as { personId: string | null }).personId);
    // A deleted post takes its assignments with it: the cached post kinds of its people are stale (rare: drop them all).
    else if (event.type === 'post.changed' && (event.payload as { action: string }).action === 'deleted') sessions.cache.forgetPerson(null);
  });
  const authDeps: AuthDeps = {
    ...deps,
    sessions,
    loginLimits: new LoginLimits(database.db, clock, {
      maxFailuresPerAccount: config.loginMaxFailures,
      maxPerAddress: config.loginMaxPerAddress,
      windowMs: config.loginWindowMinutes * 60_000,
    }),
  };
  const hub = new RealtimeHub<ClientSocket>(events, database.db, app.log);
  // While the cross-instance listener was down, `access.changed` events may have been missed,
  // and a session cache entry outlives them: forget every cached session. Realtime clients need
  // nothing: the bus catches up from the event log and the hub sends what they missed.
  events.onResume(() => {
    app.log.warn('event listener resumed: session cache flushed');
    sessions.cache.forgetPerson(null);
  });
  const timers = new TimerRunner(deps, instanceId, alertCompanyAdmins(deps));
  const lifecycle = new Lifecycle();
  registerSessionPurge(timers);
  registerEventPrune(timers);
  registerHallTimers(timers);
  registerPatrolTimers(timers);
  registerRepairTimers(timers);
  registerShuttleCallTimers(timers);
  registerHandoverTimers(timers);
  registerRoundTimers(timers);
  registerInspectionTimers(timers);
  registerComplaintTimers(timers);
  registerTrainingTimers(timers);
  registerCustomerRetention(timers);
  registerVisitChainTimers(timers);
  registerMeetingTimers(timers);
  registerAssessmentTimers(timers);
  registerCustomerSummaryTimers(timers);
  const outboundPolicy: OutboundPolicy = { allowPrivateHosts: config.outbound.allowPrivateHosts };
  const smsProvider: SmsProvider =
    config.outbound.sms.provider === 'tencent'
      ? new TencentSmsProvider({ ...config.outbound.sms, timeoutMs: config.outbound.timeoutMs, policy: outboundPolicy })
      : new LogSmsProvider(app.log);
  const outbound = new DeliveryRunner(deps, {
    timeoutMs: config.outbound.timeoutMs,
    policy: outboundPolicy,
    sms: smsProvider,
    publicUrl: config.outbound.publicUrl,
  });
  app.decorate('services', { deps, timers, outbound, hub, events, lifecycle });
  registerClientReportTimers(timers);

  registerErrorHandler(app);
  // First of all hooks: a saturated server still accepts new connections (platform/http/turn-gate.ts).
  if (config.requestsPerTurn > 0) registerTurnGate(app, config.requestsPerTurn);
  // On PostgreSQL a started write does not wait long for a connection (platform/http/write-gate.ts).
  // SQLite's writes wait for no connection: they share its one, and their commits.
  const writesInFlight = config.writesInFlight !== 'auto' ? config.writesInFlight : database.dialect === 'postgres' ? 2 * config.databasePoolSize : 0;
  if (writesInFlight > 0) registerWriteGate(app, writesInFlight, config.databaseWaitMs);
  // Everything a request runs, down to its timers and promises, knows which request it serves:
  // a crash report names it (platform/crash.ts).
  app.addHook('onRequest', (req, _reply, done) => runInContext({ reqId: String(req.id) }, done));
  registerSecurityHeaders(app, { isSecure: (req) => isSecureRequest(sessions, req) });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
    // Draining: the client opens a new connection for its next request (to another instance,
    // or refused once this one has closed) instead of reusing this one as it closes.
    if (lifecycle.isShuttingDown()) void reply.header('connection', 'close');
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
    // On close (before the HTTP server stops): every client is told 1012 "service restart", so
    // it reconnects, to another instance or to this one once it is back.
    preClose: (done) => {
      hub.close();
      done();
    },
  });
  app.websocketServer.on('error', (err) => app.log.error({ err }, 'realtime server error'));
  // Per route only (the login's per-address limit): a global limit would throttle static files too.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db, clock), errorResponseBuilder: rateLimitError });
  // After the websocket plugin's own hook, so a refused handshake's socket is closed with it.
  registerCrossSiteGuard(app, { trustedOrigins: config.trustedOrigins });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Anchang API', version: APP_VERSION, description: '案场服务标准运行平台 — sales-center service standards, run live.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '`__Host-anchang_sid` over TLS' } },
      },
      security: [{ session: [] }],
    },
    // Ids, tags, summaries and OpenAPI 3.0's wording of the schemas, for every route (platform/http/openapi.ts).
    transformObject: (written) => ('openapiObject' in written ? completeOpenApiDocument(written.openapiObject) : written.swaggerObject),
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
        readiness: {
          expectedSchemaVersion: latestMigrationName(),
          currentSchemaVersion: () => schemaVersion(database.db),
          isShuttingDown: () => lifecycle.isShuttingDown(),
          events: () => events.health(),
          timers: () => timers.health(),
          countFailedTimersSince: (since) => countFailedTimersSince(database.db, since),
          now: () => clock.now(),
        },
      });
      registerPublicAuthRoutes(api, authDeps);
      registerInstanceRoutes(api, authDeps);
      registerPublicCheckpointRoutes(api, deps);
      registerPublicRepairRoutes(api, deps);
      registerPublicSurveyRoutes(api, deps);
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
        registerRealtimeRoutes(authed, { ...deps, hub, limits: config.realtime, allowedOrigins: config.trustedOrigins });
        registerStandardRoutes(authed, deps);
        registerTrainingRoutes(authed, deps);
        registerRosterRoutes(authed, deps);
        registerPhotoRoutes(authed, deps);
        registerShiftRoutes(authed, { ...deps, guests: opts.guestPresence ?? visitGuestPresence(database.db, clock) });
        registerVisitRoutes(authed, deps);
        registerQuestionRoutes(authed, deps);
        registerLostFoundRoutes(authed, deps);
        registerHandoverRoutes(authed, deps);
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
        registerAssessmentRoutes(authed, deps);
        registerSurveyRoutes(authed, deps);
        registerWeatherRoutes(authed, deps);
        registerAnomalyRoutes(authed, deps);
        registerShiftFormRoutes(authed, deps);
        registerDayBoardRoutes(authed, deps);
        registerMeetingRoutes(authed, deps);
        registerCustomerFeedbackRoutes(authed, deps);
        registerInspectionRoutes(authed, deps);
        registerClientReportRoutes(authed, deps);
        registerSiteFiguresRoutes(authed, deps);
        registerComplaintRoutes(authed, deps);
        registerIntegrationRoutes(authed, { ...deps, outboundPolicy });
      });
    },
    { prefix: '/api' },
  );

  registerWebApp(app, config.webDistDir);

  app.addHook('onClose', async () => {
    await timers.stop();
    await outbound.stop();
    await events.close();
  });
  return app;
}

/**
 * A timer that used up its attempts is told to the company admins of its site, as a notice on
 * their phones and consoles. A timer of no site (housekeeping) shows in readiness and the log.
 */
function alertCompanyAdmins(deps: Deps): FinalFailureListener {
  return async (timer, error) => {
    const siteId = timer.siteId;
    if (!siteId) return;
    await inTransaction(deps, (tx) =>
      notifyCompanyAdmins(tx, {
        siteId,
        code: 'timer.failed',
        params: { kind: timer.kind, id: timer.id, attempts: timer.attempts, error: String(error) },
      }),
    );
  };
}

/**
 * Never `true`: only the configured proxies may speak for the client (see config.ts). A hop
 * count becomes a function, since Fastify ignores bare numbers: the socket's peer and the next
 * `hops - 1` X-Forwarded-For entries are proxies; the entry before them is the client.
 */
function fastifyTrustProxy(trust: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return [...trust];
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
      // Built assets carry a content hash in their names: cache them for good; anything else
      // (icons, the manifest) is revalidated. The plugin's own header would override ours.
      cacheControl: false,
      // The build writes .br and .gz beside each text file (web/precompress-plugin.ts): send
      // those to browsers that accept them, with no compression work per request.
      preCompressed: true,
      setHeaders: (res, filePath) => {
        const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('vary', 'accept-encoding'); // a cache must not hand the brotli copy to a browser without it
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (req.method !== 'GET' || url.startsWith('/api/') || path.extname(url) !== '') {
      return reply
        .status(ERROR_STATUS.ROUTE_NOT_FOUND)
        .send({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route', params: { method: req.method, url } } });
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
