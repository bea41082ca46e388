import {
  DeclareWeatherBody,
  Page,
  RotatedWebhookToken,
  SiteParams,
  WeatherDeclaration,
  WeatherListQuery,
  WeatherParams,
  WeatherWebhookBody,
  WeatherWebhookInfo,
  WeatherWebhookParams,
  WeatherWebhookResult,
} from '@anchang/contracts';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http/types.js';
import { PublicRateLimiter } from '../checkpoints/public-rate-limit.js';
import type { Deps } from '../../platform/tx.js';
import { declareWeather, endWeather, getWebhookInfo, listWeather, receiveWebhook, rotateWebhookToken } from './weather.service.js';

export function registerWeatherRoutes(app: App, deps: Deps): void {
  const tags = ['weather'];
  app.get(
    '/sites/:siteId/weather',
    {
      schema: {
        tags,
        summary: 'Weather declarations, newest first',
        params: SiteParams,
        querystring: WeatherListQuery,
        response: { 200: Page(WeatherDeclaration) },
      },
    },
    (req) => listWeather(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/weather',
    {
      schema: {
        tags,
        summary: 'Declare abnormal weather: CLEAN-3, TECH-4 and GUARD-IN-12 tasks go to those posts',
        params: SiteParams,
        body: DeclareWeatherBody,
        response: { 200: WeatherDeclaration, 201: WeatherDeclaration },
      },
    },
    async (req, reply) => {
      const { declaration, created } = await declareWeather(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(declaration);
    },
  );
  app.post(
    '/sites/:siteId/weather/:weatherId/end',
    { schema: { tags, summary: 'End a weather declaration', params: WeatherParams, response: { 200: WeatherDeclaration } } },
    (req) => endWeather(deps, req.actor, req.params.siteId, req.params.weatherId),
  );
  app.get(
    '/sites/:siteId/weather/webhook',
    {
      schema: {
        tags,
        summary: "The site's weather webhook (the token is never shown again)",
        params: SiteParams,
        response: { 200: WeatherWebhookInfo },
      },
    },
    (req) => getWebhookInfo(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/weather/webhook/rotate',
    { schema: { tags, summary: 'Make a new webhook token (the old one stops working)', params: SiteParams, response: { 200: RotatedWebhookToken } } },
    (req) => rotateWebhookToken(deps, req.actor, req.params.siteId),
  );
}

/**
 * Outside the session scope: a weather service authenticates with the site's bearer token.
 * Calls per IP are limited, so wrong-token attempts cannot flood the audit log.
 */
export function registerWeatherWebhook(app: App, deps: Deps): void {
  const limiter = new PublicRateLimiter(deps.clock, 30, 60_000);
  app.post(
    '/public/weather-webhook/:siteId',
    {
      schema: {
        tags: ['weather'],
        summary: 'A weather service declares or ends weather (Authorization: Bearer <site token>)',
        security: [],
        params: WeatherWebhookParams,
        body: WeatherWebhookBody,
        response: { 200: WeatherWebhookResult },
      },
      // Called by a weather service from anywhere, authorised by the site's token, never a cookie.
      config: { allowCrossSite: true },
    },
    async (req, reply) => {
      const wait = limiter.hit(req.ip);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new AppError('PUBLIC_RATE_LIMITED', { params: { retryAfterSeconds: wait } });
      }
      const header = req.headers.authorization;
      const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
      return { declaration: await receiveWebhook(deps, req.params.siteId, token, req.body, String(req.id)) };
    },
  );
}
