/**
 * Production build of the server: one ESM bundle per entry, with the workspace packages
 * (contracts) compiled in and the npm dependencies left as imports. Running plain JavaScript
 * instead of transpiling TypeScript at start saves ~40 MB of memory and the start-up time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const SERVER_DIR = import.meta.dirname;

export async function bundleServer(entry: string, outfile: string): Promise<void> {
  const pkg = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@anchang/'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external: [...external, ...external.map((name) => `${name}/*`)],
    logLevel: 'warning',
  });
}

/**
 * The Node flags `npm start` runs the server with (the root package.json's start script), so
 * the benchmarks and the fault script run the bundle exactly as it ships.
 */
export function shippedNodeFlags(): string[] {
  const root = JSON.parse(fs.readFileSync(path.join(SERVER_DIR, '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const flags = /\bnode((?:\s+--\S+)*)\s+server\/dist\/main\.js/.exec(root.scripts.start)?.[1];
  if (flags === undefined) throw new Error('package.json: the start script does not run `node [flags] server/dist/main.js`');
  return flags.split(/\s+/).filter(Boolean);
}

/**
 * A fresh folder for a scratch bundle (benchmarks, the fault script). It must sit inside the
 * server workspace: npm may install a dependency under server/node_modules rather than the root
 * (an override pinned @fastify/static there), and a bundle elsewhere would not find it.
 */
export function scratchBundleDir(label: string): string {
  return fs.mkdtempSync(path.join(SERVER_DIR, `.build-${label}-`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(SERVER_DIR, 'build.ts')) {
  await bundleServer(path.join(SERVER_DIR, 'src/main.ts'), path.join(SERVER_DIR, 'dist/main.js'));
  console.log('server built: server/dist/main.js');
}
