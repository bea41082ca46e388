/**
 * The bench's load balancer for the two-instance run: a plain reverse proxy (http-proxy-3, a
 * maintained fork of node-http-proxy) in front of BENCH_PROXY_TARGETS, round-robin, HTTP
 * requests and WebSocket upgrades alike, as nginx with an `upstream` block of two servers does
 * by default. It knows nothing of the app: which instance answered is told by the instances
 * themselves (bench/server-entry.ts tags its responses with BENCH_INSTANCE).
 *
 * Run as its own process (`node --import tsx bench/proxy.ts`), so its CPU is neither the
 * servers' nor the load generator's. Prints `BENCH_PROXY_READY {"port":…}` once it listens.
 */
import http from 'node:http';
import type net from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import { PROXY_READY_PREFIX } from './ready.js';

function main(): void {
  const targets = (process.env.BENCH_PROXY_TARGETS ?? '').split(',').filter(Boolean);
  if (targets.length === 0) throw new Error('BENCH_PROXY_TARGETS: comma-separated upstream URLs');
  // Upstream connections kept open, as nginx's `keepalive` does: a new TCP connection per proxied request would be the proxy's cost, not the app's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  // X-Forwarded-For and friends, for the instances' TRUST_PROXY.
  const web = createProxyServer({ agent, xfwd: true });
  const ws = createProxyServer({ xfwd: true });
  let next = 0;
  const pick = () => targets[next++ % targets.length]!;

  const refuse = (err: Error, res: unknown) => {
    if (res instanceof http.ServerResponse) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bad gateway: ${err.message}`);
    } else (res as net.Socket | undefined)?.destroy();
  };
  web.on('error', (err, _req, res) => refuse(err, res));
  ws.on('error', (err, _req, socket) => refuse(err, socket));

  const server = http.createServer((req, res) => web.web(req, res, { target: pick() }));
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    ws.ws(req, socket, head, { target: pick() });
  });
  server.keepAliveTimeout = 75_000;
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address() as net.AddressInfo;
    process.stdout.write(`${PROXY_READY_PREFIX}${JSON.stringify({ port: address.port })}\n`);
  });
  const stop = () => {
    server.close();
    agent.destroy();
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
