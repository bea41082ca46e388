/**
 * Cookie sessions. The cookie holds a random token; the database keeps only its SHA-256, so a
 * leaked database cannot be replayed as cookies. Expiry slides: a session seen within its
 * lifetime is extended, at most once every few minutes to keep reads cheap.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { deleteSession, findSession, insertSession, loadSiteRoles, touchSession } from './session.repository.js';
import type { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'anchang_sid';
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionSettings {
  ttlMs: number;
  cookieSecure: boolean;
  cache: SessionCache;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(db: Kysely<DB>, clock: Clock, settings: SessionSettings, reply: FastifyReply, personId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const now = clock.now();
  await insertSession(db, { id, personId, now, expiresAt: now + settings.ttlMs });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.cookieSecure,
    path: '/',
    maxAge: Math.floor(settings.ttlMs / 1000),
  });
  return id;
}

export async function closeSession(db: Kysely<DB>, settings: SessionSettings, reply: FastifyReply, sessionId: string): Promise<void> {
  settings.cache.forgetSession(sessionId);
  await deleteSession(db, sessionId);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Resolves the request's actor from its cookie, or throws UNAUTHENTICATED / SESSION_EXPIRED. */
export async function authenticateRequest(db: Kysely<DB>, clock: Clock, settings: SessionSettings, request: FastifyRequest): Promise<Actor> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('UNAUTHENTICATED', { status: 401, message: 'Please log in' });
  const sessionId = hashToken(token);
  const now = clock.now();
  let cached = settings.cache.get(sessionId, now);
  if (!cached) {
    const found = await findSession(db, sessionId);
    if (!found) throw new AppError('UNAUTHENTICATED', { status: 401, message: 'Please log in' });
    cached = { session: found, siteRoles: await loadSiteRoles(db, found), cachedAt: now };
    settings.cache.set(sessionId, cached);
  }
  const { session, siteRoles } = cached;
  if (session.expiresAt <= now) {
    settings.cache.forgetSession(sessionId);
    await deleteSession(db, session.sessionId);
    throw new AppError('SESSION_EXPIRED', { status: 401, message: 'Your session has expired; please log in again' });
  }
  if (!session.isActive) {
    settings.cache.forgetSession(sessionId);
    await deleteSession(db, session.sessionId);
    throw new AppError('ACCOUNT_DISABLED', { status: 401, message: 'This account is disabled' });
  }
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    await touchSession(db, session.sessionId, now, now + settings.ttlMs);
    session.lastSeenAt = now;
    session.expiresAt = now + settings.ttlMs;
  }
  return {
    personId: session.personId,
    companyId: session.companyId,
    name: session.name,
    login: session.login,
    isCompanyAdmin: session.isCompanyAdmin,
    siteRoles,
    sessionId: session.sessionId,
    requestId: String(request.id),
  };
}
