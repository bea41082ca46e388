/**
 * Refuses writes that a browser sends on behalf of another site (CSRF). Every POST, PUT, PATCH
 * and DELETE, and every WebSocket handshake, must come from this host: the browser's Origin
 * header says where the page that sent it was loaded from; when it sends none, Sec-Fetch-Site
 * says the same in other words. A request carrying neither is not a browser's (curl, another
 * server, the tests' inject) and passes: it carries no ambient cookie a victim did not mean to
 * send.
 *
 * Routes meant to be called from anywhere (the weather service's webhook, authorised by its
 * own token) opt out with `config: { allowCrossSite: true }`.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { App } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A public endpoint other sites and services may call (no session cookie counts on it). */
    allowCrossSite?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * host[:port] without the default ports, lower-cased. The scheme is left out on purpose: behind a
 * TLS proxy that is not (yet) trusted the server sees http while the page is https, and the
 * browser's SameSite cookie already keeps http and https apart.
 */
const normalHost = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

function originHost(origin: string): string | null {
  try {
    return normalHost(new URL(origin).host);
  } catch {
    return null; // "null" (sandboxed frames, privacy-sensitive contexts) and garbage
  }
}

/** Whether the request comes from a page of this server (or of an origin configured as trusted). */
export function isSameSiteRequest(req: FastifyRequest, trustedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    // request.host follows X-Forwarded-Host only from a trusted proxy.
    return originHost(origin) === normalHost(req.host) || trustedOrigins.includes(origin);
  }
  const fetchSite = req.headers['sec-fetch-site'];
  return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
}

export function registerCrossSiteGuard(app: App, opts: { trustedOrigins: readonly string[] }): void {
  app.addHook('onRequest', async (req) => {
    const isWrite = STATE_CHANGING.has(req.method);
    const isSocketHandshake = req.method === 'GET' && req.headers.upgrade?.toLowerCase() === 'websocket';
    if (!isWrite && !isSocketHandshake) return;
    if (req.routeOptions.config.allowCrossSite === true) return;
    if (!isSameSiteRequest(req, opts.trustedOrigins)) {
      throw new AppError('CROSS_SITE_REQUEST', {
        message: 'This request came from another site and was refused',
        params: { origin: req.headers.origin ?? null, secFetchSite: req.headers['sec-fetch-site'] ?? null },
      });
    }
  });
}
