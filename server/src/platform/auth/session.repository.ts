import type { Kysely } from 'kysely';
import type { Role } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';

export interface SessionWithPerson {
  sessionId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  personId: string;
  companyId: string;
  name: string;
  login: string;
  isCompanyAdmin: boolean;
  isActive: boolean;
}

export async function findSession(db: Kysely<DB>, sessionId: string): Promise<SessionWithPerson | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      'p.id as person_id',
      'p.company_id',
      'p.name',
      'p.login',
      'p.is_company_admin',
      'p.is_active',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    sessionId: row.id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    personId: row.person_id,
    companyId: row.company_id,
    name: row.name,
    login: row.login,
    isCompanyAdmin: row.is_company_admin === 1,
    isActive: row.is_active === 1,
  };
}

/** Site roles of a person; company admins get every site of their company. */
export async function loadSiteRoles(
  db: Kysely<DB>,
  person: { personId: string; companyId: string; isCompanyAdmin: boolean },
): Promise<Map<string, Role>> {
  if (person.isCompanyAdmin) {
    const sites = await db.selectFrom('sites').select('id').where('company_id', '=', person.companyId).execute();
    return new Map(sites.map((s) => [s.id, 'company_admin']));
  }
  const rows = await db.selectFrom('site_members').select(['site_id', 'role']).where('person_id', '=', person.personId).execute();
  return new Map(rows.map((r) => [r.site_id, r.role as Role]));
}

/** The kinds of post a person works, per site. */
export async function loadPostKinds(db: Kysely<DB>, personId: string): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom('post_assignments').select(['site_id', 'post_kind']).where('person_id', '=', personId).execute();
  const kinds = new Map<string, Set<string>>();
  for (const r of rows) {
    let set = kinds.get(r.site_id);
    if (!set) kinds.set(r.site_id, (set = new Set()));
    set.add(r.post_kind);
  }
  return kinds;
}

export async function insertSession(db: Kysely<DB>, s: { id: string; personId: string; now: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, person_id: s.personId, created_at: s.now, expires_at: s.expiresAt, last_seen_at: s.now })
    .execute();
}

export async function touchSession(db: Kysely<DB>, id: string, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfPerson(db: Kysely<DB>, personId: string, exceptId: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
