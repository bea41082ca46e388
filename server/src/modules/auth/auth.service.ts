import type { FastifyReply } from 'fastify';
import type { Me, PostKind, Role } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { assertStrongPassword, hashPassword, verifyPassword } from '../../platform/auth/password.js';
import { closeSession, openSession, type SessionSettings } from '../../platform/auth/session.js';
import { deleteSessionsOfPerson, loadSiteRoles } from '../../platform/auth/session.repository.js';
import { AppError } from '../../platform/errors.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findCompanyName, findPersonById, findPersonByLogin, listAssignedPosts, listSitesByIds, updatePasswordHash } from './auth.repository.js';
import type { LoginLimiter } from './login-limiter.js';

export interface AuthDeps extends Deps {
  sessions: SessionSettings;
  loginLimiter: LoginLimiter;
}

// Verifying against a real hash when the login is unknown keeps response time from telling
// which logins exist.
let dummyHash: Promise<string> | null = null;

export async function login(
  deps: AuthDeps,
  reply: FastifyReply,
  input: { login: string; password: string; ip: string; requestId: string },
): Promise<Me> {
  const key = `${input.ip}|${input.login.toLowerCase()}`;
  const wait = deps.loginLimiter.retryAfterSeconds(key);
  if (wait > 0)
    throw new AppError('LOGIN_RATE_LIMITED', {
      status: 429,
      message: 'Too many failed attempts; wait and try again',
      params: { retryAfterSeconds: wait },
    });

  const person = await findPersonByLogin(deps.db, input.login);
  const ok = person
    ? await verifyPassword(person.password_hash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword('not-a-password-1')), input.password);
  if (!person || !ok) {
    deps.loginLimiter.recordFailure(key);
    throw new AppError('INVALID_CREDENTIALS', { status: 401, message: 'Wrong login or password' });
  }
  if (person.is_active !== 1) throw new AppError('ACCOUNT_DISABLED', { status: 401, message: 'This account is disabled' });
  deps.loginLimiter.recordSuccess(key);
  await openSession(deps.db, deps.clock, deps.sessions, reply, person.id);
  await inTransaction(deps, (tx) =>
    recordAudit(
      tx,
      { personId: person.id, name: person.name, companyId: person.company_id, requestId: input.requestId },
      { siteId: null, action: 'auth.login', entityType: 'person', entityId: person.id, detail: { ip: input.ip } },
    ),
  );
  const siteRoles = await loadSiteRoles(deps.db, {
    personId: person.id,
    companyId: person.company_id,
    isCompanyAdmin: person.is_company_admin === 1,
  });
  return buildMe(deps, person.id, siteRoles);
}

export async function logout(deps: AuthDeps, reply: FastifyReply, actor: Actor): Promise<void> {
  await closeSession(deps.db, deps.sessions, reply, actor.sessionId);
  // Other instances may hold this session in their caches, and its sockets on any instance close.
  await inWriteBatch(deps, (batch) => batch.emit({ personId: actor.personId }, 'access.changed', { personId: actor.personId }));
}

export function getMe(deps: Deps, actor: Actor): Promise<Me> {
  return buildMe(deps, actor.personId, actor.siteRoles);
}

async function buildMe(deps: Deps, personId: string, siteRoles: ReadonlyMap<string, Role>): Promise<Me> {
  const person = await findPersonById(deps.db, personId);
  if (!person) throw new AppError('UNAUTHENTICATED', { status: 401 });
  const [companyName, sites, posts] = await Promise.all([
    findCompanyName(deps.db, person.company_id),
    listSitesByIds(deps.db, [...siteRoles.keys()]),
    listAssignedPosts(deps.db, personId),
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
  if (!person) throw new AppError('UNAUTHENTICATED', { status: 401 });
  if (!(await verifyPassword(person.password_hash, input.currentPassword))) {
    throw new AppError('WRONG_CURRENT_PASSWORD', { status: 400, message: 'The current password is wrong' });
  }
  assertStrongPassword(input.newPassword);
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps, async (tx) => {
    await updatePasswordHash(tx.trx, actor.personId, hash, tx.now);
    await deleteSessionsOfPerson(tx.trx, actor.personId, actor.sessionId);
    // Every socket of the person closes: those of the other sessions for good, this session's to reconnect.
    tx.emit({ personId: actor.personId }, 'access.changed', { personId: actor.personId, closeSockets: true });
    await recordAudit(
      tx,
      { personId: actor.personId, name: actor.name, companyId: actor.companyId, requestId: actor.requestId },
      { siteId: null, action: 'auth.password_change', entityType: 'person', entityId: actor.personId },
    );
  });
}
