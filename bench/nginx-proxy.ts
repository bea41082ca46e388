/**
 * nginx in front of the two-instance run, configured as the README's "Running several instances"
 * says (its `upstream`, its WebSocket settings), minus TLS: the proxy a production site runs, so
 * the run measures the app behind it rather than a proxy written in JavaScript that competes for
 * the same two cores (bench/proxy.ts, used when nginx is not installed: `apt-get install
 * nginx-light`).
 *
 * One worker process (the Node proxy is one thread too), no daemon, its files in a temporary
 * directory removed on stop.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

/** The nginx binary, or null when it is not installed. */
export function findNginx(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  return onPath || CANDIDATES.find((p) => fs.existsSync(p)) || null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function config(dir: string, port: number, targets: string[]): string {
  const servers = targets.map((t) => `        server ${new URL(t).host} max_fails=0;`).join('\n');
  const forwarded = `
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;`;
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    upstream anchang {
${servers}
        keepalive 64;
    }
    map $http_upgrade $connection_upgrade {
        default upgrade;
        ''      '';
    }
    server {
        listen 127.0.0.1:${port};
        client_max_body_size 2m;
        location /api/realtime {
            proxy_pass http://anchang;${forwarded}
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;
            proxy_buffering off;
        }
        location / {
            proxy_pass http://anchang;${forwarded}
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 60s;
        }
    }
}
`;
}

async function listening(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error('nginx did not listen within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** nginx round-robin over `targets`; resolves once it listens. */
export async function startNginxProxy(nginx: string, targets: string[]): Promise<{ pid: number; port: number; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchang-bench-nginx-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port, targets));
  const child = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGQUIT'); // graceful: the workers finish what they hold
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([listening(port, Date.now() + 10_000), exited.then(() => Promise.reject(new Error('nginx exited before it listened')))]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: child.pid!, port, stop };
}
