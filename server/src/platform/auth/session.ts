/**
 * Cookie sessions. The cookie holds a random token; the database keeps only its SHA-256, so a
 * leaked database cannot be replayed as cookies. A session ends when it has not been used for
 * its idle lifetime (which slides with use, written at most once every few minutes to keep reads
 * cheap) or when its absolute lifetime since login has passed, however busy it is.
 *
 * Over TLS the cookie is `__Host-anchang_sid`: the prefix makes the browser keep it only when it
 * is Secure, for the whole host and no other, so a sibling subdomain cannot plant or shadow it.
 * Plain http (a laptop on localhost) cannot carry that prefix and uses `anchang_sid`. Requests
 * are read under either name, so sessions opened before a move to TLS keep working.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { deleteSession, findSession, insertSession, loadPostKinds, loadSiteRoles, touchSession } from './session.repository.js';
import type { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'anchang_sid';
export const SECURE_SESSION_COOKIE = '__Host-anchang_sid';
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionSettings {
  /** Idle lifetime: extended by each use. */
  ttlMs: number;
  /** Absolute lifetime from login. */
  maxAgeMs: number;
  /** Secure cookie even on a request that does not look like https. */
  cookieSecure: boolean;
  cache: SessionCache;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether the browser reached us over TLS: COOKIE_SECURE says so, or a trusted proxy forwarded https. */
export function isSecureRequest(settings: Pick<SessionSettings, 'cookieSecure'>, request: FastifyRequest): boolean {
  return settings.cookieSecure || request.protocol === 'https';
}

/** The session token the request carries, under either cookie name (the __Host- one first). */
export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SECURE_SESSION_COOKIE] || request.cookies[SESSION_COOKIE] || undefined;
}

/** When a session ends: its idle expiry, capped by its absolute lifetime. */
const endOf = (settings: SessionSettings, session: { createdAt: number; expiresAt: number }) =>
  Math.min(session.expiresAt, session.createdAt + settings.maxAgeMs);

export async function openSession(
  db: Kysely<DB>,
  clock: Clock,
  settings: SessionSettings,
  request: FastifyRequest,
  reply: FastifyReply,
  personId: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const now = clock.now();
  await insertSession(db, { id, personId, now, expiresAt: now + Math.min(settings.ttlMs, settings.maxAgeMs) });
  const secure = isSecureRequest(settings, request);
  // The browser may keep the cookie for the absolute lifetime; the server decides sooner when idle.
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(settings.maxAgeMs / 1000),
  });
  // Moving to the __Host- name: drop a plain cookie left from before, so one session speaks.
  if (secure && request.cookies[SESSION_COOKIE]) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return id;
}

export async function closeSession(
  db: Kysely<DB>,
  settings: SessionSettings,
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
): Promise<void> {
  settings.cache.forgetSession(sessionId);
  await deleteSession(db, sessionId);
  if (request.cookies[SESSION_COOKIE] !== undefined) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  if (request.cookies[SECURE_SESSION_COOKIE] !== undefined) reply.clearCookie(SECURE_SESSION_COOKIE, { path: '/', secure: true });
}

/** Resolves the request's actor from its cookie, or throws UNAUTHENTICATED / SESSION_EXPIRED. */
export async function authenticateRequest(db: Kysely<DB>, clock: Clock, settings: SessionSettings, request: FastifyRequest): Promise<Actor> {
  const token = sessionToken(request);
  if (!token) throw new AppError('UNAUTHENTICATED', { message: 'Please log in' });
  const sessionId = hashToken(token);
  const now = clock.now();
  let cached = settings.cache.get(sessionId, now);
  if (!cached) {
    const found = await findSession(db, sessionId);
    if (!found) throw new AppError('UNAUTHENTICATED', { message: 'Please log in' });
    // Post assignments with the roles: a hand-off's receiver is checked against them on every acknowledgement.
    const [siteRoles, postKinds] = await Promise.all([loadSiteRoles(db, found), loadPostKinds(db, found.personId)]);
    cached = { session: found, siteRoles, postKinds, cachedAt: now };
    settings.cache.set(sessionId, cached);
  }
  const { session, siteRoles, postKinds } = cached;
  if (endOf(settings, session) <= now) {
    settings.cache.forgetSession(sessionId);
    await deleteSession(db, session.sessionId);
    throw new AppError('SESSION_EXPIRED', { message: 'Your session has expired; please log in again' });
  }
  if (!session.isActive) {
    settings.cache.forgetSession(sessionId);
    await deleteSession(db, session.sessionId);
    throw new AppError('ACCOUNT_DISABLED', { message: 'This account is disabled' });
  }
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    const expiresAt = Math.min(now + settings.ttlMs, session.createdAt + settings.maxAgeMs);
    await touchSession(db, session.sessionId, now, expiresAt);
    session.lastSeenAt = now;
    session.expiresAt = expiresAt;
  }
  return {
    personId: session.personId,
    companyId: session.companyId,
    name: session.name,
    login: session.login,
    isCompanyAdmin: session.isCompanyAdmin,
    siteRoles,
    postKinds,
    sessionId: session.sessionId,
    requestId: String(request.id),
  };
}
