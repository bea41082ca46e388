import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';
import { i18nSplit } from './i18n-split-plugin';
import { precompress } from './precompress-plugin';
import { bootStyles } from './boot-styles-plugin';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const apiTarget = process.env.ANCHANG_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Two apps, one build: the console at `/` and the staff phone app at `/m`. In dev, deep links
 * under /m must load the staff app's HTML rather than the console's, as the server does in
 * production.
 */
function staffAppFallback(): Plugin {
  return {
    name: 'anchang:staff-app-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const wantsHtml = (req.headers.accept ?? '').includes('text/html');
        if (wantsHtml && (url === '/m' || url.startsWith('/m/') || url.startsWith('/m?'))) req.url = '/m/index.html';
        next();
      });
    },
  };
}

/**
 * The API behind the dev and preview servers. The Host header stays the browser's
 * (changeOrigin: false): the server refuses writes and realtime sockets whose Origin is not the
 * host they were sent to, and here both are Vite's.
 */
const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: apiTarget, changeOrigin: false, ws: true },
};

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), staffAppFallback(), i18nSplit(), bootStyles('m/index.html'), precompress()],
  // The contracts' schemas are the server's; the browser gets an inert TypeBox (see the stub).
  resolve: { alias: { '@sinclair/typebox': here('src/shared/typebox-stub.ts') } },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and antd-mobile are large; each app loads only its own, and route pages are lazy.
    chunkSizeWarningLimit: 900,
    // bench/size.ts reads which files each page loads from here.
    manifest: true,
    // The entry's own imports are preloaded from the HTML. A lazy page's imports are not: the
    // browser finds them when the page's chunk arrives. Vite's preload inserts a <link> per
    // import, and on a 4× slower phone CPU those inserts were the login page's longest task.
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    rolldownOptions: {
      input: { console: here('index.html'), staff: here('m/index.html') },
      treeshake: {
        // The contracts' TypeBox schemas (`Type.Object(…)` at module level) are for the server's
        // validation; the web uses their types and a few constants. Without this every schema of
        // every module the web touches ships to the phone.
        manualPureFunctions: ['Type'],
        // Nor does a contracts module do anything when imported but declare: one whose exports
        // the web does not use is left out whole (`export *` in their index otherwise keeps all).
        moduleSideEffects: (id: string) => !/[\\/]contracts[\\/]src[\\/]/.test(id),
      },
      output: {
        codeSplitting: {
          groups: [
            // What both apps load on every page, in long-cached chunks with readable names. The rest
            // of the libraries (i18next, react-query, dayjs and its plugins) are left to the
            // bundler, which puts each where it is used: a group would make the login page download
            // every plugin any page uses.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
