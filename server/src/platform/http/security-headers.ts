/**
 * Security headers on every answer (API, web app, docs, errors) through helmet.
 *
 * The CSP allows only the app's own scripts; styles may be inline because antd writes its
 * styles at run time; images may be data: and blob: URLs (photos are shown from memory before
 * upload); connections go to this host only, including its WebSocket. No page may frame us.
 * HSTS is sent only on requests that arrived over TLS: on plain http it would be meaningless,
 * and on a laptop's localhost it would stick to every other local server.
 */
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { FastifyRequest } from 'fastify';
import type { App } from './types.js';

const HOST_PATTERN = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The WebSocket origins of the host the page was loaded from. CSP 3 browsers let 'self' cover
 * them; older WebKit (some staff phones) needs them spelled out.
 */
function sameHostWebSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return HOST_PATTERN.test(host) ? `ws://${host} wss://${host}` : '';
}

export function registerSecurityHeaders(app: App, opts: { isSecure: (req: FastifyRequest) => boolean }): void {
  // Built once: @fastify/helmet builds helmet's whole middleware, CSP directives parsed and
  // checked, again on every request, which was 1.6 % of a busy server's time.
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", (req) => sameHostWebSockets(req)],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    // Sent below, per request, only over TLS.
    strictTransportSecurity: false,
    // Same-origin requests keep their Referer and, for writes, their Origin (which the cross-site
    // guard reads; `no-referrer` would turn it into "null"); tokens in public page URLs never leave.
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (opts.isSecure(req)) void reply.header('strict-transport-security', 'max-age=31536000');
    // On the raw response, as @fastify/helmet does: they stay on every answer, errors included.
    // Helmet throws rather than passing an error on (since 8.1), and Fastify answers a throw.
    setHeaders(req.raw, reply.raw, () => done());
  });
}
