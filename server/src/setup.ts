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
import { createInterface } from 'node:readline/promises';
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

async function ask(question: string, fallback?: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(fallback ? `${question} [${fallback}]: ` : `${question}: `)).trim();
    return answer || fallback || '';
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it (a terminal); plain reading otherwise (a pipe). */
async function askSecret(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const output = rl as unknown as { _writeToOutput?: (s: string) => void };
  let prompted = false;
  if (process.stdin.isTTY) {
    output._writeToOutput = (s: string) => {
      if (!prompted) process.stdout.write(s); // the question itself
      prompted = true;
    };
  }
  try {
    return await rl.question(`${question}: `);
  } finally {
    if (process.stdin.isTTY) process.stdout.write('\n');
    rl.close();
  }
}

async function askUntil(question: string, isValid: (v: string) => boolean, fallback?: string): Promise<string> {
  for (;;) {
    const value = await ask(question, fallback);
    if (isValid(value)) return value;
    console.log('  (required)');
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
    const required = (v: string) => v.length > 0;
    const input: SetupBody = {
      companyName: values.company ?? (await askUntil('Company name (公司名称)', required)),
      siteName: values.site ?? (await askUntil('First sales center (首个案场)', required)),
      timeZone: values['time-zone'] ?? (await ask('Time zone (时区)', 'Asia/Shanghai')),
      adminLogin: values.login ?? (await askUntil('Admin login (管理员账号)', (v) => /^[a-zA-Z0-9._-]{3,32}$/.test(v))),
      adminName: values.name ?? (await askUntil('Admin name (管理员姓名)', required)),
      adminPassword: values.password ?? '',
    };
    while (!values.password) {
      const password = await askSecret(`Admin password (${PASSWORD_MIN_LENGTH}+ characters, letters and digits)`);
      if (!isStrongPassword(password)) {
        console.log('  Too weak: use at least 8 characters with letters and digits.');
        continue;
      }
      if ((await askSecret('Again')) !== password) {
        console.log('  The two entries differ.');
        continue;
      }
      input.adminPassword = password;
      break;
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
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`);
  else if (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});
