/**
 * Customers belong to the site that registered them. They were one row per company and phone,
 * so registering a number at one site answered with the name and visit count another site had
 * recorded. Each shared row is split into one row per site it visited, with that site's own
 * visit count and first and last visit; the visits point at their site's row. A customer with no
 * visit (none are made that way) goes to the company's oldest site. The consent can now be
 * withdrawn: `consent_withdrawn_at`.
 *
 * SQLite cannot drop the old (company, phone) unique constraint, so the table is rebuilt (the
 * documented create-copy-drop-rename, foreign keys off meanwhile); PostgreSQL does the same with
 * the visits' foreign key dropped and put back. Frozen in time: never import app code here.
 */
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The tables as they are at this migration (frozen: not the app's schema types). */
interface Tables {
  customers: OldCustomer & { visit_count: number };
  customers_by_site: {
    id: string;
    site_id: string;
    phone: string;
    name: string | null;
    consent_at: number;
    consent_withdrawn_at: number | null;
    first_seen_at: number;
    last_visit_at: number;
    visit_count: number;
  };
  visits: { id: string; site_id: string; customer_id: string | null; arrived_at: number };
  sites: { id: string; company_id: string; created_at: number };
}

interface OldCustomer {
  id: string;
  company_id: string;
  phone: string;
  name: string | null;
  consent_at: number | string;
  first_seen_at: number | string;
  last_visit_at: number | string;
}

interface SiteUse {
  customer_id: string;
  site_id: string;
  visits: number | string;
  first_at: number | string;
  last_at: number | string;
}

async function splitRows(db: Kysely<Tables>): Promise<void> {
  await db.schema
    .createTable('customers_by_site')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('consent_at', 'bigint', (c) => c.notNull())
    .addColumn('consent_withdrawn_at', 'bigint')
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_visit_at', 'bigint', (c) => c.notNull())
    .addColumn('visit_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('customers_site_phone_uq', ['site_id', 'phone'])
    .execute();

  const customers: OldCustomer[] = await db.selectFrom('customers').selectAll().orderBy('id').execute();
  const uses = (await db
    .selectFrom('visits')
    .select((eb) => [
      'customer_id',
      'site_id',
      eb.fn.countAll().as('visits'),
      eb.fn.min('arrived_at').as('first_at'),
      eb.fn.max('arrived_at').as('last_at'),
    ])
    .where('customer_id', 'is not', null)
    .groupBy(['customer_id', 'site_id'])
    .execute()) as SiteUse[];
  const oldestSite = new Map<string, string>();
  for (const s of await db.selectFrom('sites').select(['id', 'company_id']).orderBy('created_at').orderBy('id').execute())
    if (!oldestSite.has(s.company_id)) oldestSite.set(s.company_id, s.id);

  for (const c of customers) {
    const sites = uses.filter((u) => u.customer_id === c.id).sort((a, b) => Number(a.first_at) - Number(b.first_at));
    if (sites.length === 0) {
      const siteId = oldestSite.get(c.company_id);
      if (!siteId) continue;
      await db
        .insertInto('customers_by_site')
        .values({
          id: c.id,
          site_id: siteId,
          phone: c.phone,
          name: c.name,
          consent_at: Number(c.consent_at),
          consent_withdrawn_at: null,
          first_seen_at: Number(c.first_seen_at),
          last_visit_at: Number(c.last_visit_at),
          visit_count: 0,
        })
        .execute();
      continue;
    }
    // The site where the customer came first keeps the id; every other site gets its own row.
    for (const [i, use] of sites.entries()) {
      const id = i === 0 ? c.id : randomUUID();
      await db
        .insertInto('customers_by_site')
        .values({
          id,
          site_id: use.site_id,
          phone: c.phone,
          name: c.name,
          consent_at: Number(c.consent_at),
          consent_withdrawn_at: null,
          first_seen_at: Number(use.first_at),
          last_visit_at: Number(use.last_at),
          visit_count: Number(use.visits),
        })
        .execute();
      if (i > 0) await db.updateTable('visits').set({ customer_id: id }).where('customer_id', '=', c.id).where('site_id', '=', use.site_id).execute();
    }
  }
  await db.schema.dropTable('customers').execute();
  await db.schema.alterTable('customers_by_site').renameTo('customers').execute();
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The migrator runs this inside one transaction already.
    await db.schema.alterTable('visits').dropConstraint('visits_customer_id_fkey').execute();
    await splitRows(db);
    await db.schema.alterTable('visits').addForeignKeyConstraint('visits_customer_id_fkey', ['customer_id'], 'customers', ['id']).execute();
    return;
  }
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await splitRows(trx);
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`customers per site: ${broken.rows.length} foreign keys broken`);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Rows split per site cannot be merged back without choosing whose name wins.
  throw new Error('2026-12-03-120-customers-per-site cannot be undone');
}
