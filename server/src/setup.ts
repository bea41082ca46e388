/**
 * `npm run setup`: the first-run setup from a terminal, for a server whose web page is not
 * reachable yet. Creates the company, its first site and its first company admin on an empty
 * database (the same use case as the /setup page), then exits. Reads the database settings
 * like the server (DATABASE_URL, SQLITE_FILE); asks for what the flags do not give:
 *
 *   npm run setup -- --company "安畅物业" --site "滨江壹号售楼处" --time-zone Asia/Shanghai \
 *                    --login admin --name "周总"
 *
 * The password is asked for without echo (or `--password`, which other users of the machine may
 * see in the process list).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { isStrongPassword, PASSWORD_MIN_LENGTH, type SetupBody } from '@anchang/contracts';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/create-db.js';
import { getInstanceInfo, runFirstSetup } from './modules/instance/index.js';
import { systemClock } from './platform/clock.js';
import { AppError } from './platform/errors.js';
import { LocalEventBus } from './platform/events/bus.js';
import type { Logger } from './platform/logger.js';

const FLAGS = {
  company: { type: 'string' },
  site: { type: 'string' },
  'time-zone': { type: 'string' },
  login: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
} as const;

class InputEndedError extends Error {
  constructor() {
    super('The input ended before every answer was given; nothing was set up.');
  }
}

/**
 * Questions on one readline interface (a second one would miss lines the first had buffered from
 * a pipe). On a terminal, secret answers are not echoed; when the input ends, asking fails.
 */
function createPrompter() {
  const isTerminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: isTerminal });
  const lines = rl[Symbol.asyncIterator]();
  let muted = false;
  // A terminal's readline echoes keystrokes through _writeToOutput: silent while muted.
  const internals = rl as unknown as { _writeToOutput?: (s: string) => void };
  const write = internals._writeToOutput?.bind(rl);
  if (isTerminal && write) {
    internals._writeToOutput = (text: string) => {
      if (!muted) write(text);
    };
  }
  const question = async (text: string, secret = false): Promise<string> => {
    process.stdout.write(text);
    muted = secret && isTerminal;
    const next = await lines.next();
    if (muted) process.stdout.write('\n');
    muted = false;
    if (next.done) throw new InputEndedError();
    return next.value.trim();
  };
  return {
    isTerminal,
    ask: async (text: string, fallback?: string) => (await question(fallback ? `${text} [${fallback}]: ` : `${text}: `)) || fallback || '',
    askSecret: (text: string) => question(`${text}: `, true),
    close: () => rl.close(),
  };
}

type Prompter = ReturnType<typeof createPrompter>;

async function askUntil(prompt: Prompter, question: string, isValid: (v: string) => boolean, rule: string): Promise<string> {
  for (;;) {
    const value = await prompt.ask(question);
    if (isValid(value)) return value;
    console.log(`  ${rule}`);
  }
}

async function askPassword(prompt: Prompter): Promise<string> {
  for (;;) {
    const password = await prompt.askSecret(`Admin password (${PASSWORD_MIN_LENGTH}+ characters, letters and digits)`);
    if (!isStrongPassword(password)) {
      console.log(`  Too weak: use at least ${PASSWORD_MIN_LENGTH} characters with letters and digits.`);
      continue;
    }
    if ((await prompt.askSecret('Again')) === password) return password;
    console.log('  The two entries differ.');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: FLAGS, strict: true });
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    if (!(await getInstanceInfo(database)).needsSetup) {
      console.error('This installation is already set up: a company exists. Sign in instead.');
      process.exitCode = 1;
      return;
    }
    const prompt = createPrompter();
    let input: SetupBody;
    try {
      const required = (v: string) => v.length > 0;
      input = {
        companyName: values.company ?? (await askUntil(prompt, 'Company name (公司名称)', required, '(required)')),
        siteName: values.site ?? (await askUntil(prompt, 'First sales center (首个案场)', required, '(required)')),
        // Has a default: asked only of a person at a terminal.
        timeZone: values['time-zone'] ?? (prompt.isTerminal ? await prompt.ask('Time zone (时区)', 'Asia/Shanghai') : 'Asia/Shanghai'),
        adminLogin:
          values.login ??
          (await askUntil(prompt, 'Admin login (管理员账号)', (v) => /^[a-zA-Z0-9._-]{3,32}$/.test(v), '3–32 letters, digits or . _ -')),
        adminName: values.name ?? (await askUntil(prompt, 'Admin name (管理员姓名)', required, '(required)')),
        adminPassword: values.password ?? (await askPassword(prompt)),
      };
    } finally {
      prompt.close();
    }
    const log = pino({ level: 'warn' }) as unknown as Logger;
    const events = await LocalEventBus.start(database.db, log);
    const deps = { db: database.db, dialect: database.dialect, events, clock: systemClock, log };
    const result = await runFirstSetup(deps, input).finally(() => events.close());
    console.log(`\nSet up: company "${input.companyName}", sales center "${input.siteName}", admin "${result.admin.login}".`);
    console.log('Start the server and sign in with that account.');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof InputEndedError) console.error(err.message);
  else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`);
  else if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});
