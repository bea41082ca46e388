/**
 * Which pages may open the realtime socket. A browser sends its page's origin with every
 * WebSocket upgrade, and the session cookie rides along whatever page asks, so a page of
 * another site could otherwise listen with the visitor's session (cross-site WebSocket
 * hijacking). Allowed: the server's own host, or an origin in TRUSTED_ORIGINS. A request
 * without Origin comes from no browser page (a script, the load test, a native app): it holds
 * its own cookie, so it is let through to the session check like any HTTP client.
 */
export function isOriginAllowed(origin: string | undefined, requestHost: string, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    const page = new URL(origin);
    if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
    // Parsed with the page's scheme, so `host:80` and `host` compare equal over http.
    return page.host === new URL(`${page.protocol}//${requestHost}`).host;
  } catch {
    return false; // `null` (a sandboxed page, a file) or garbage
  }
}
