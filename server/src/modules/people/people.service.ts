/** People of a site and their role there; a person belongs to one company and may work on several sites. */
import type { PageOf, PageQuery, SitePerson, SiteRole } from '@anchang/contracts';
import type { PeopleTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { assertStrongPassword, hashPassword } from '../../platform/auth/password.js';
import { deleteSessionsOfPerson } from '../../platform/auth/session.repository.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPostKindsOfSite } from '../posts/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { maskPhone } from './mask.js';
import { PEOPLE_READERS } from './people.policy.js';
import {
  deleteMembership,
  findMemberRow,
  findPersonReach,
  insertMembership,
  insertPerson,
  listActiveConsultants,
  listMemberRows,
  postIdsByPerson,
  replacePostAssignments,
  type PostToAssign,
  updateMembershipRole,
  updatePersonRow,
} from './people.repository.js';

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMemberRow>>>;

const toSitePerson = (r: MemberRow, postIds: string[]): SitePerson => ({
  id: r.id,
  login: r.login,
  name: r.name,
  phoneMasked: maskPhone(r.phone),
  role: r.role as SiteRole,
  isActive: r.is_active === 1,
  postIds,
  createdAt: r.created_at,
});

/** The posts to assign, each with its kind; refused when one is not on the site. */
async function postsOfSite(deps: Deps, siteId: string, postIds: string[] | undefined): Promise<PostToAssign[] | undefined> {
  if (!postIds) return undefined;
  const kinds = await findPostKindsOfSite(deps.db, siteId, postIds);
  if (postIds.some((id) => !kinds.has(id))) {
    throw new AppError('POST_NOT_FOUND', { message: 'A post is not on this site', params: { postIds } });
  }
  return [...kinds].map(([postId, kind]) => ({ postId, kind }));
}

async function loadMember(deps: Deps, siteId: string, personId: string): Promise<MemberRow> {
  const row = await findMemberRow(deps.db, siteId, personId);
  if (!row) throw new AppError('PERSON_NOT_FOUND', { params: { personId } });
  return row;
}

export async function listPeople(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<SitePerson>> {
  requireSiteRole(actor, siteId, PEOPLE_READERS);
  const page = pageRequest(query);
  const rows = await listMemberRows(deps.db, siteId, page);
  const posts = await postIdsByPerson(
    deps.db,
    siteId,
    rows.map((r) => r.id),
  );
  return toPage(rows, page, (r) => toSitePerson(r, posts.get(r.id) ?? []));
}

/** Who the hall can hand guests to: every member of the site may see the consultants' names. */
export async function listConsultants(deps: Deps, actor: Actor, siteId: string): Promise<{ id: string; name: string }[]> {
  requireSiteMember(actor, siteId);
  return listActiveConsultants(deps.db, siteId);
}

export async function getPerson(deps: Deps, actor: Actor, siteId: string, personId: string): Promise<SitePerson> {
  requireSiteRole(actor, siteId, PEOPLE_READERS);
  const row = await loadMember(deps, siteId, personId);
  const posts = await postIdsByPerson(deps.db, siteId, [personId]);
  return toSitePerson(row, posts.get(personId) ?? []);
}

export async function createPerson(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { login: string; name: string; password: string; phone?: string | null; role: SiteRole; postIds?: string[] },
): Promise<SitePerson> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  assertStrongPassword(input.password);
  const posts = await postsOfSite(deps, siteId, input.postIds);
  const passwordHash = await hashPassword(input.password);
  try {
    const personId = await inTransaction(deps, async (tx) => {
      const row: PeopleTable = {
        id: newId(),
        company_id: actor.companyId,
        login: input.login.toLowerCase(),
        name: input.name.trim(),
        phone: input.phone ?? null,
        password_hash: passwordHash,
        locale: 'zh-CN',
        is_company_admin: 0,
        is_active: 1,
        created_at: tx.now,
        updated_at: tx.now,
      };
      await insertPerson(tx.trx, row);
      await insertMembership(tx.trx, { siteId, personId: row.id, role: input.role, now: tx.now });
      await replacePostAssignments(tx.trx, siteId, row.id, posts ?? [], tx.now);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'person.create',
        entityType: 'person',
        entityId: row.id,
        detail: { login: row.login, name: row.name, role: input.role, phone: maskPhone(row.phone), postIds: input.postIds ?? [] },
      });
      tx.emit({ siteId }, 'person.changed', { personId: row.id, action: 'created' });
      return row.id;
    });
    return await getPerson(deps, actor, siteId, personId);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('LOGIN_TAKEN', { message: 'That login is already used', params: { login: input.login } });
    throw err;
  }
}

/** A person's name, login, phone and whether the account works: one account across the company's sites. */
const COMPANY_WIDE_FIELDS = ['name', 'phone', 'isActive'] as const;

/**
 * A site manager changes the account itself (name, phone, disabling it) only for people who
 * work on no site the manager does not manage: otherwise one site's manager would rename, or
 * lock out, someone another site relies on. Those changes then belong to the company admin.
 */
async function assertMayChangeAccount(deps: Deps, actor: Actor, personId: string, patch: Record<string, unknown>): Promise<void> {
  const fields = COMPANY_WIDE_FIELDS.filter((f) => patch[f] !== undefined);
  if (fields.length === 0 || actor.isCompanyAdmin) return;
  const reach = await findPersonReach(deps.db, personId);
  const elsewhere = reach.siteIds.filter((siteId) => !SITE_MANAGERS.includes(actor.siteRoles.get(siteId) ?? 'staff'));
  if (reach.isCompanyAdmin || elsewhere.length > 0)
    throw new AppError('PERSON_WORKS_ELSEWHERE', {
      message: 'This person also works at a site you do not manage: ask the company admin to change their account',
      params: { fields, otherSites: elsewhere.length },
    });
}

export async function updatePerson(
  deps: Deps,
  actor: Actor,
  siteId: string,
  personId: string,
  patch: { name?: string; phone?: string | null; role?: SiteRole; isActive?: boolean; postIds?: string[] },
): Promise<SitePerson> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadMember(deps, siteId, personId);
  if (personId === actor.personId && (patch.isActive === false || (patch.role && patch.role !== current.role))) {
    throw new AppError('CANNOT_REMOVE_SELF', { message: 'You cannot disable yourself or change your own role' });
  }
  await assertMayChangeAccount(deps, actor, personId, patch);
  const posts = await postsOfSite(deps, siteId, patch.postIds);
  await inTransaction(deps, async (tx) => {
    const personPatch: Partial<PeopleTable> = {};
    if (patch.name !== undefined) personPatch.name = patch.name.trim();
    if (patch.phone !== undefined) personPatch.phone = patch.phone;
    if (patch.isActive !== undefined) personPatch.is_active = patch.isActive ? 1 : 0;
    if (Object.keys(personPatch).length > 0) await updatePersonRow(tx.trx, personId, { ...personPatch, updated_at: tx.now });
    if (patch.role) await updateMembershipRole(tx.trx, siteId, personId, patch.role);
    if (posts) await replacePostAssignments(tx.trx, siteId, personId, posts, tx.now);
    // A disabled person is signed out everywhere at once.
    if (patch.isActive === false) await deleteSessionsOfPerson(tx.trx, personId, null);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'person.update',
      entityType: 'person',
      entityId: personId,
      detail: { ...patch, ...(patch.phone !== undefined ? { phone: maskPhone(patch.phone) } : {}) },
    });
    tx.emit({ siteId }, 'person.changed', { personId, action: 'updated' });
    tx.emit({ personId, siteId }, 'access.changed', { personId });
  });
  return getPerson(deps, actor, siteId, personId);
}

export async function removePersonFromSite(deps: Deps, actor: Actor, siteId: string, personId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadMember(deps, siteId, personId);
  if (personId === actor.personId) throw new AppError('CANNOT_REMOVE_SELF', { message: 'You cannot remove yourself from the site' });
  await inTransaction(deps, async (tx) => {
    await deleteMembership(tx.trx, siteId, personId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'person.remove',
      entityType: 'person',
      entityId: personId,
      detail: { login: current.login, role: current.role },
    });
    tx.emit({ siteId }, 'person.changed', { personId, action: 'removed' });
    tx.emit({ personId, siteId }, 'access.changed', { personId });
  });
}
