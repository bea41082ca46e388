import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Me, PostKind, Role } from '@anchang/contracts';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import {
  assertStrongPassword,
  hashPassword,
  reservePasswordCheck,
  verifyPassword,
  type ReservedPasswordCheck,
} from '../../platform/auth/password.js';
import { closeSession, openSession, type SessionSettings } from '../../platform/auth/session.js';
import { deleteSessionsOfPerson, loadSiteRoles } from '../../platform/auth/session.repository.js';
import { AppError } from '../../platform/errors.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { findCompanyName } from '../instance/index.js';
import { findPersonById, findPersonByLogin, listPostIdsOfPerson, updatePasswordHash } from '../people/index.js';
import { findPostsByIds } from '../posts/index.js';
import { listSiteHeaders } from '../sites/index.js';
import type { LoginLimits } from './login-limits.js';

export interface AuthDeps extends Deps {
  sessions: SessionSettings;
  loginLimits: LoginLimits;
}

// Verifying against a real hash when the login is unknown keeps response time from telling
// which logins exist.
let dummyHash: Promise<string> | null = null;

/** A refused attempt, attributed to no one (the caller has not proved who they are). */
const anonymous = (companyId: string, requestId: string): ActorRef => ({ personId: null, name: null, companyId, requestId });

export async function login(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, input: { login: string; password: string }): Promise<Me> {
  const ip = request.ip;
  const requestId = String(request.id);
  // The gate's place first: a login it cannot take is refused (503) before it costs the
  // database anything more than the per-address count already taken in front of the route.
  const check = reservePasswordCheck();
  const { person, ok } = await checkCredentials(deps, check, input).finally(() => check.release());
  if (!person || !ok || person.is_active !== 1) {
    const reason = !person ? 'unknown_login' : !ok ? 'wrong_password' : 'account_disabled';
    // An unknown login belongs to no company's log; the server log keeps it.
    if (person) {
      await recordAuditNow(deps, anonymous(person.company_id, requestId), {
        siteId: null,
        action: 'auth.login_failed',
        entityType: 'person',
        entityId: person.id,
        detail: { login: person.login, ip, reason },
      });
    } else deps.log.info({ ip, reason }, 'login refused');
    if (person && ok) throw new AppError('ACCOUNT_DISABLED', { message: 'This account is disabled' });
    throw new AppError('INVALID_CREDENTIALS', { message: 'Wrong login or password' });
  }
  await deps.loginLimits.clearAccount(input.login);
  return startSession(deps, request, reply, {
    id: person.id,
    name: person.name,
    companyId: person.company_id,
    isCompanyAdmin: person.is_company_admin === 1,
  });
}

/** Counts the attempt against the account, then checks the password (or a stand-in, for an unknown login). */
async function checkCredentials(deps: AuthDeps, check: ReservedPasswordCheck, input: { login: string; password: string }) {
  await deps.loginLimits.countAccountAttempt(input.login);
  const person = await findPersonByLogin(deps.db, input.login);
  const hash = person?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-password-1')));
  return { person, ok: await check.verify(hash, input.password) };
}

/** Who is being signed in: a person whose identity is settled (a login, the first-run setup). */
export interface SignedInPerson {
  id: string;
  name: string;
  companyId: string;
  isCompanyAdmin: boolean;
}

/** Opens the session (cookie), records the sign-in, and answers who the person is. */
export async function startSession(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, person: SignedInPerson): Promise<Me> {
  await openSession(deps.db, deps.clock, deps.sessions, request, reply, person.id);
  await inWriteBatch(deps, (batch) =>
    recordAudit(
      batch,
      { personId: person.id, name: person.name, companyId: person.companyId, requestId: String(request.id) },
      { siteId: null, action: 'auth.login', entityType: 'person', entityId: person.id, detail: { ip: request.ip } },
    ),
  );
  const siteRoles = await loadSiteRoles(deps.db, { personId: person.id, companyId: person.companyId, isCompanyAdmin: person.isCompanyAdmin });
  return buildMe(deps, person.id, siteRoles);
}

export async function logout(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<void> {
  await closeSession(deps.db, deps.sessions, request, reply, actor.sessionId);
  await inWriteBatch(deps, (batch) => {
    // Other instances may hold this session in their caches, and its sockets on any instance close.
    batch.emit({ personId: actor.personId }, 'access.changed', { personId: actor.personId });
    return recordAudit(batch, actorRef(actor), { siteId: null, action: 'auth.logout', entityType: 'person', entityId: actor.personId });
  });
}

export function getMe(deps: Deps, actor: Actor): Promise<Me> {
  return buildMe(deps, actor.personId, actor.siteRoles);
}

/** The posts a person holds on any site, by id. */
async function assignedPosts(deps: Deps, personId: string) {
  const posts = await findPostsByIds(deps.db, await listPostIdsOfPerson(deps.db, personId));
  return posts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function buildMe(deps: Deps, personId: string, siteRoles: ReadonlyMap<string, Role>): Promise<Me> {
  const person = await findPersonById(deps.db, personId);
  if (!person) throw new AppError('UNAUTHENTICATED');
  const [companyName, sites, posts] = await Promise.all([
    findCompanyName(deps.db, person.company_id),
    listSiteHeaders(deps.db, [...siteRoles.keys()]),
    assignedPosts(deps, personId),
  ]);
  return {
    id: person.id,
    login: person.login,
    name: person.name,
    locale: person.locale === 'en-US' ? 'en-US' : 'zh-CN',
    companyId: person.company_id,
    companyName,
    isCompanyAdmin: person.is_company_admin === 1,
    sites: sites.map((s) => ({
      id: s.id,
      name: s.name,
      timeZone: s.time_zone,
      role: siteRoles.get(s.id) ?? 'staff',
      posts: posts.filter((p) => p.site_id === s.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind as PostKind })),
    })),
  };
}

/** Changes the password and signs the person out of every other session. */
export async function changePassword(deps: AuthDeps, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const person = await findPersonById(deps.db, actor.personId);
  if (!person) throw new AppError('UNAUTHENTICATED');
  // Guessing the current password from a stolen session counts against the account like a login.
  await deps.loginLimits.countAccountAttempt(person.login);
  if (!(await verifyPassword(person.password_hash, input.currentPassword))) {
    await recordAuditNow(deps, actorRef(actor), {
      siteId: null,
      action: 'auth.password_change_failed',
      entityType: 'person',
      entityId: actor.personId,
      detail: { reason: 'wrong_current_password' },
    });
    throw new AppError('WRONG_CURRENT_PASSWORD', { message: 'The current password is wrong' });
  }
  await deps.loginLimits.clearAccount(person.login);
  assertStrongPassword(input.newPassword);
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps, async (tx) => {
    await updatePasswordHash(tx.trx, actor.personId, hash, tx.now);
    await deleteSessionsOfPerson(tx.trx, actor.personId, actor.sessionId);
    // Every socket of the person closes: those of the other sessions for good, this session's to reconnect.
    tx.emit({ personId: actor.personId }, 'access.changed', { personId: actor.personId, closeSockets: true });
    await recordAudit(tx, actorRef(actor), { siteId: null, action: 'auth.password_change', entityType: 'person', entityId: actor.personId });
  });
}
