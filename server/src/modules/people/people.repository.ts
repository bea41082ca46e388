import type { Kysely, Transaction } from 'kysely';
import type { DB, PeopleTable } from '../../db/schema.js';
import type { PageRequest } from '../../platform/http/pagination.js';

type Q = Kysely<DB> | Transaction<DB>;

const memberColumns = ['p.id', 'p.login', 'p.name', 'p.phone', 'p.is_active', 'm.role', 'm.created_at'] as const;

export function listMemberRows(db: Q, siteId: string, page: PageRequest) {
  let q = db.selectFrom('site_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(memberColumns).where('m.site_id', '=', siteId);
  if (page.afterId) q = q.where('p.id', '>', page.afterId);
  return q
    .orderBy('p.id')
    .limit(page.limit + 1)
    .execute();
}

export const findMemberRow = (db: Q, siteId: string, personId: string) =>
  db
    .selectFrom('site_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(memberColumns)
    .where('m.site_id', '=', siteId)
    .where('p.id', '=', personId)
    .executeTakeFirst();

export async function postIdsByPerson(db: Q, siteId: string, personIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (personIds.length === 0) return map;
  const rows = await db
    .selectFrom('post_assignments')
    .select(['person_id', 'post_id'])
    .where('site_id', '=', siteId)
    .where('person_id', 'in', personIds)
    .orderBy('post_id')
    .execute();
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.post_id]);
  return map;
}

export async function insertPerson(db: Q, row: PeopleTable): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function insertMembership(db: Q, m: { siteId: string; personId: string; role: string; now: number }): Promise<void> {
  await db.insertInto('site_members').values({ site_id: m.siteId, person_id: m.personId, role: m.role, created_at: m.now }).execute();
}

export async function updatePersonRow(db: Q, personId: string, patch: Partial<PeopleTable>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', personId).execute();
}

export async function updateMembershipRole(db: Q, siteId: string, personId: string, role: string): Promise<void> {
  await db.updateTable('site_members').set({ role }).where('site_id', '=', siteId).where('person_id', '=', personId).execute();
}

/** A post to assign, with its kind: kept on the assignment so "which posts does this person work" needs no join to posts. */
export interface PostToAssign {
  postId: string;
  kind: string;
}

export async function replacePostAssignments(db: Q, siteId: string, personId: string, posts: readonly PostToAssign[], now: number): Promise<void> {
  await db.deleteFrom('post_assignments').where('site_id', '=', siteId).where('person_id', '=', personId).execute();
  if (posts.length === 0) return;
  await db
    .insertInto('post_assignments')
    .values(posts.map((p) => ({ post_id: p.postId, post_kind: p.kind, person_id: personId, site_id: siteId, created_at: now })))
    .execute();
}

export async function deleteMembership(db: Q, siteId: string, personId: string): Promise<void> {
  await db.deleteFrom('post_assignments').where('site_id', '=', siteId).where('person_id', '=', personId).execute();
  await db.deleteFrom('site_members').where('site_id', '=', siteId).where('person_id', '=', personId).execute();
}

/** Active consultants of a site, by name: the hall needs them to pass guests on (HALL-IN-3). */
export function listActiveConsultants(db: Q, siteId: string) {
  return db
    .selectFrom('site_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.site_id', '=', siteId)
    .where('m.role', '=', 'sales_consultant')
    .where('p.is_active', '=', 1)
    .orderBy('p.name')
    .limit(200)
    .execute();
}

export const isSiteMember = async (db: Q, siteId: string, personId: string) =>
  (await db.selectFrom('site_members').select('person_id').where('site_id', '=', siteId).where('person_id', '=', personId).executeTakeFirst()) !==
  undefined;

export const findPersonNames = async (db: Q, personIds: string[]): Promise<Map<string, string>> => {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(personIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** The company admins of a company who can still sign in: whom the system tells when something fails. */
export const findActiveCompanyAdminIds = async (db: Q, companyId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('people')
      .select('id')
      .where('company_id', '=', companyId)
      .where('is_company_admin', '=', 1)
      .where('is_active', '=', 1)
      .execute()
  ).map((r) => r.id);

/** Every site the person holds a role on, and whether they are a company admin. */
export async function findPersonReach(db: Q, personId: string): Promise<{ siteIds: string[]; isCompanyAdmin: boolean }> {
  const [sites, person] = await Promise.all([
    db.selectFrom('site_members').select('site_id').where('person_id', '=', personId).execute(),
    db.selectFrom('people').select('is_company_admin').where('id', '=', personId).executeTakeFirst(),
  ]);
  return { siteIds: sites.map((s) => s.site_id), isCompanyAdmin: person?.is_company_admin === 1 };
}

/** Unassigns everyone from a post that is being deleted (in the delete's transaction). */
export async function deleteAssignmentsOfPost(db: Q, postId: string): Promise<void> {
  await db.deleteFrom('post_assignments').where('post_id', '=', postId).execute();
}

/** The kinds of the posts a person holds on the site. */
export async function postKindsOfPerson(db: Q, siteId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_assignments')
    .select('post_kind')
    .distinct()
    .where('site_id', '=', siteId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.post_kind);
}

/** Each person's stored language (people.locale), for the notices they read. */
export async function findPersonLocales(db: Q, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'locale'])
    .where('id', 'in', [...personIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.locale]));
}

/** Whether the person holds a post of this kind on the site (which posts does this person work). */
export async function worksPostKind(db: Q, siteId: string, personId: string, postKind: string): Promise<boolean> {
  return (await postKindsOfPerson(db, siteId, personId)).includes(postKind);
}

/**
 * Who oversees this site: the members holding one of `roles` (by default its supervisors and
 * managers), by id. Whom a missed round, a late repair or low stock is told to.
 */
export async function siteOverseerIds(db: Q, siteId: string, roles: readonly string[] = ['supervisor', 'site_manager']): Promise<string[]> {
  const rows = await db
    .selectFrom('site_members')
    .select('person_id')
    .where('site_id', '=', siteId)
    .where('role', 'in', roles.length > 0 ? [...roles] : [''])
    .orderBy('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** People assigned to a post of this kind on the site (the cleaners, for the public "last cleaned"). */
export async function personIdsOnPostKind(db: Q, siteId: string, postKind: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_assignments')
    .select('person_id')
    .distinct()
    .where('site_id', '=', siteId)
    .where('post_kind', '=', postKind)
    .execute();
  return rows.map((r) => r.person_id);
}

/**
 * The site's active members with their names and roles, by name (bounded: a site has tens of
 * people); only those holding one of `roles` when given. Whom a meeting may give an item to,
 * whose training the month measures.
 */
export function listActiveMembersOfSite(db: Q, siteId: string, roles?: readonly string[]) {
  let q = db
    .selectFrom('site_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'm.role'])
    .where('m.site_id', '=', siteId)
    .where('p.is_active', '=', 1);
  if (roles) q = q.where('m.role', 'in', roles.length > 0 ? [...roles] : ['']);
  return q.orderBy('p.name').orderBy('p.id').limit(500).execute();
}

/** The person signing in, by login (logins are stored lower-case). */
export const findPersonByLogin = (db: Q, login: string) =>
  db.selectFrom('people').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
/** A person's whole row, by id: sign-in, `me` and the password change read it. */
export const findPersonById = (db: Q, id: string) => db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();

export async function updatePasswordHash(db: Q, personId: string, hash: string, now: number): Promise<void> {
  await db.updateTable('people').set({ password_hash: hash, updated_at: now }).where('id', '=', personId).execute();
}

/** The posts a person is assigned to on every site, by post id. */
export const listPostIdsOfPerson = async (db: Q, personId: string): Promise<string[]> =>
  (await db.selectFrom('post_assignments').select('post_id').where('person_id', '=', personId).orderBy('post_id').execute()).map((r) => r.post_id);

/** A keyset page (by id) of the site's active members holding one of `roles`: id and name. */
export function listActiveMembersPage(db: Q, siteId: string, roles: readonly string[], page: PageRequest) {
  let q = db
    .selectFrom('site_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.site_id', '=', siteId)
    .where('m.role', 'in', roles.length > 0 ? [...roles] : [''])
    .where('p.is_active', '=', 1);
  if (page.afterId) q = q.where('p.id', '>', page.afterId);
  return q
    .orderBy('p.id')
    .limit(page.limit + 1)
    .execute();
}

/** The active people on the site's post(s) of one kind (the shuttle's drivers), by name. */
export function listActivePeopleOnPostKind(db: Q, siteId: string, postKind: string) {
  return db
    .selectFrom('post_assignments as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['p.id', 'p.name'])
    .distinct()
    .where('a.site_id', '=', siteId)
    .where('a.post_kind', '=', postKind)
    .where('p.is_active', '=', 1)
    .orderBy('p.name')
    .execute();
}
