/**
 * A throwaway PostgreSQL database on the machine's server for one bench run: created empty (the
 * server migrates and seeds it on boot) and dropped at the end, connections and all.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(adminUrl = PG_ADMIN_URL): Promise<ScratchDatabase> {
  const name = `anchang_bench_${Date.now()}_${crypto.randomBytes(3).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends any connection the server left behind.
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresVersion(adminUrl = PG_ADMIN_URL): Promise<string> {
  return withAdmin(adminUrl, async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? 'unknown');
}
