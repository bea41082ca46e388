/**
 * Splits the UI messages at build time so a phone downloads only its own language, and first only
 * the sections its first screens need. `src/i18n/zh-CN.ts` and `en-US.ts` stay the single source
 * (anyone adds keys there as before, nothing to re-run): this plugin evaluates them and serves
 * them as JSON chunks through virtual modules:
 *
 *   `virtual:i18n-messages` → `{ 'zh-CN': { core: () => import(…), rest: () => import(…) }, 'en-US': … }`
 *
 * `core` holds the top-level sections named in FIRST_LOAD_SECTIONS (the login page, the phone's
 * frame and its home cards); `rest` every other section, so a section someone adds later lands
 * there without any change here. JSON rather than the TypeScript objects: it parses faster and
 * carries no code. Types still come from `typeof zhCN` (src/i18n/index.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Sections the staff app's first screens use: the login page, the phone's frame and home's own
 * words. Home's cards of other features read theirs from `rest`, which follows at once and
 * usually lands before the cards' data does. (Error messages are in `rest`: an error comes from
 * a request, after the first screen.)
 */
export const FIRST_LOAD_SECTIONS = [
  'app',
  'common',
  'auth',
  'mobile',
  'nav',
  'realtime',
  'roles',
  'postKinds',
  'greeting',
  'language',
  'notices',
  'shiftPhone',
  'firstRun', // the demo bar above every screen
] as const;

const LOCALES = { 'zh-CN': 'zhCN', 'en-US': 'enUS' } as const;
type Locale = keyof typeof LOCALES;
type Group = 'core' | 'rest';
const INDEX_ID = 'virtual:i18n-messages';
const RESOLVED_PREFIX = '\0virtual:i18n-messages';

const i18nDir = fileURLToPath(new URL('./src/i18n/', import.meta.url));

/** Evaluates both message files in a child Node (with tsx), fresh each time so edits show up in dev. */
function readMessages(): Record<Locale, Record<string, unknown>> {
  const script = `
    const out = {};
    for (const [locale, name] of Object.entries(${JSON.stringify(LOCALES)})) {
      const mod = await import(${JSON.stringify(pathToFileURL(i18nDir).href)} + locale + '.ts');
      out[locale] = mod[name];
    }
    process.stdout.write(JSON.stringify(out));`;
  const json = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(json) as Record<Locale, Record<string, unknown>>;
}

function pick(messages: Record<string, unknown>, group: Group): Record<string, unknown> {
  const core = new Set<string>(FIRST_LOAD_SECTIONS);
  return Object.fromEntries(Object.entries(messages).filter(([section]) => core.has(section) === (group === 'core')));
}

export function i18nSplit(): Plugin {
  let cache: Record<Locale, Record<string, unknown>> | null = null;
  const messages = () => (cache ??= readMessages());
  return {
    name: 'anchang:i18n-split',
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(`${INDEX_ID}/`)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return null;
      // Any edit under src/i18n re-evaluates the messages (dev) and rebuilds (watch).
      this.addWatchFile(path.join(i18nDir, 'zh-CN.ts'));
      this.addWatchFile(path.join(i18nDir, 'en-US.ts'));
      if (id === RESOLVED_PREFIX) {
        const entries = Object.keys(LOCALES).map(
          (locale) =>
            `${JSON.stringify(locale)}: { core: () => import(${JSON.stringify(`${INDEX_ID}/${locale}/core`)}), ` +
            `rest: () => import(${JSON.stringify(`${INDEX_ID}/${locale}/rest`)}) }`,
        );
        return `export const loaders = { ${entries.join(', ')} };`;
      }
      const [locale, group] = id.slice(RESOLVED_PREFIX.length + 1).split('/') as [Locale, Group];
      const all = messages()[locale];
      if (!all || (group !== 'core' && group !== 'rest')) throw new Error(`i18n-split: unknown module ${id}`);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(pick(all, group)))});`;
    },
    watchChange(id) {
      if (id.startsWith(i18nDir)) cache = null;
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(i18nDir)) return;
      cache = null;
      for (const mod of server.moduleGraph.getModulesByFile(file) ?? []) server.moduleGraph.invalidateModule(mod);
      for (const id of server.moduleGraph.idToModuleMap.keys())
        if (id.startsWith(RESOLVED_PREFIX)) {
          const mod = server.moduleGraph.getModuleById(id);
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
      server.ws.send({ type: 'full-reload' });
      return [];
    },
  };
}
