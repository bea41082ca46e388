import type { Kysely, Transaction } from 'kysely';
import type { CompaniesTable, DB } from '../../db/schema.js';

type Q = Kysely<DB> | Transaction<DB>;

export async function hasAnyCompany(db: Q): Promise<boolean> {
  return (await db.selectFrom('companies').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function hasDemoCompany(db: Q): Promise<boolean> {
  return (await db.selectFrom('companies').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) !== undefined;
}

export async function insertCompany(db: Q, row: Omit<CompaniesTable, 'is_demo'>): Promise<void> {
  await db
    .insertInto('companies')
    .values({ ...row, is_demo: 0 })
    .execute();
}

/**
 * The first-run claim: one fixed primary key, so of two setups racing on an empty database the
 * second fails here with a unique violation (it waits for the first to commit on PostgreSQL).
 */
export async function claimFirstRun(db: Q, companyId: string, now: number): Promise<void> {
  await db.insertInto('first_run').values({ id: 'first-run', company_id: companyId, completed_at: now }).execute();
}

/** A company's name ('' when it is gone), for `me`. */
export const findCompanyName = async (db: Q, id: string) =>
  (await db.selectFrom('companies').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
