/**
 * One client's realtime socket. Every frame is counted against the socket's rate, decoded and
 * validated against the protocol's schema before anything acts on it; whatever fails gets an
 * error frame with a stable code. A subscription is checked against the person's roles as they
 * are now in the database, not as they were when the socket opened, and so is every re-check
 * when someone's access changes. No listener throws into ws: each runs guarded, in the
 * socket's work context, and the asynchronous work of one socket runs one step at a time, so a
 * re-check never interleaves with a subscribe.
 */
import type { Kysely } from 'kysely';
import type { RawData, WebSocket } from 'ws';
import { ClientMessageSchema, SOCKET_CLOSE, type ClientMessage, type Role, type ServerMessage, type SocketErrorCode } from '@anchang/contracts';
import type { RealtimeLimits } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { findSession, loadSiteRoles } from '../../platform/auth/session.repository.js';
import type { Clock } from '../../platform/clock.js';
import { compileStrict } from '../../platform/http/validation.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { RealtimeConnection, RealtimeHub } from '../../platform/realtime/hub.js';
import { runInContext, type WorkContext } from '../../platform/work-context.js';

export interface SocketDeps {
  db: Kysely<DB>;
  clock: Clock;
  log: Logger;
  hub: RealtimeHub<ClientSocket>;
  limits: RealtimeLimits;
}

const isClientMessage = compileStrict<ClientMessage>(ClientMessageSchema);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ClientSocket implements RealtimeConnection {
  readonly id = newId();
  readonly personId: string;
  readonly sessionId: string;
  readonly context: WorkContext;
  /** The session's expiry as last read from the database; 0 until first read. */
  private sessionExpiresAt = 0;
  private isOpen = true;
  private isCheckingExpiry = false;
  private tokens: number;
  private refilledAt: number;
  private work: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    who: { personId: string; sessionId: string; reqId: string },
    private readonly deps: SocketDeps,
  ) {
    this.personId = who.personId;
    this.sessionId = who.sessionId;
    this.context = { reqId: who.reqId, socketId: this.id, personId: who.personId };
    this.tokens = deps.limits.messageBurst;
    this.refilledAt = deps.clock.now();
  }

  /** Wires the listeners, makes room under the session's socket limit, joins the hub and says hello. */
  open(): void {
    this.socket.on(
      'message',
      this.guard((data: RawData, isBinary: boolean) => this.onMessage(data, isBinary)),
    );
    this.socket.on(
      'close',
      this.guard(() => this.onClosed()),
    );
    this.socket.on(
      'error',
      this.guard((err: Error) => this.deps.log.info({ err, ...this.context }, 'realtime socket error')),
    );
    const { hub, limits } = this.deps;
    const sameSession = hub.connectionsOfSession(this.sessionId);
    // The newest tab is the one in use: the oldest give way.
    for (const old of sameSession.slice(0, Math.max(0, sameSession.length - limits.socketsPerSession + 1))) {
      old.end(SOCKET_CLOSE.REPLACED, 'replaced by a newer socket of this session');
    }
    hub.add(this);
    hub.follow(this, this.personalRoom, { ack: (seq) => ({ type: 'hello', personId: this.personId, seq }) });
    // Reads the session's expiry at once (and closes if it ended while the upgrade ran).
    this.checkExpiry(this.deps.clock.now());
  }

  /** Closes the socket and takes it out of the hub; later calls do nothing. */
  end(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.deps.hub.remove(this);
    this.deps.log.info({ ...this.context, code, reason }, 'realtime socket closed by the server');
    try {
      this.socket.close(code, reason);
    } catch (err) {
      this.deps.log.warn({ err, ...this.context }, 'realtime close failed');
      this.socket.terminate();
    }
  }

  /** Once the session's known expiry has passed: re-read it (a request may have extended it), close if it really ended. */
  checkExpiry(now: number): void {
    if (!this.isOpen || this.isCheckingExpiry || this.sessionExpiresAt > now) return;
    this.isCheckingExpiry = true;
    void this.serial(async () => {
      try {
        await this.readSession();
      } finally {
        this.isCheckingExpiry = false;
      }
    });
  }

  /**
   * Someone changed this person's access: re-read session and roles; leave the rooms of sites
   * no longer theirs. `closeAll`: close even if the session remains (a password change).
   */
  recheckAccess(closeAll: boolean): Promise<void> {
    return this.serial(async () => {
      const roles = await this.readAccess();
      if (!roles) return;
      if (closeAll) {
        this.end(SOCKET_CLOSE.ACCESS_CHANGED, 'access changed');
        return;
      }
      for (const siteId of this.deps.hub.sitesOf(this)) {
        if (roles.has(siteId)) continue;
        this.deps.hub.leave(this, `site:${siteId}`);
        this.sendError('SITE_NOT_FOUND', siteId);
      }
    });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.isOpen) return;
    if (!this.takeToken()) {
      this.end(SOCKET_CLOSE.RATE_LIMITED, 'too many messages');
      return;
    }
    if (isBinary) return this.sendError('SOCKET_BINARY_NOT_ACCEPTED');
    let text: string;
    try {
      text = utf8.decode(Array.isArray(data) ? Buffer.concat(data) : data);
    } catch {
      return this.sendError('SOCKET_TEXT_NOT_UTF8');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.sendError('MALFORMED_JSON');
    }
    if (!isClientMessage(parsed)) return this.sendError('VALIDATION_FAILED');
    this.handle(parsed);
  }

  private handle(msg: ClientMessage): void {
    switch (msg.type) {
      case 'ping':
        this.send({ type: 'pong' });
        return;
      case 'subscribe':
        void this.serial(() => this.subscribe(msg.siteId, msg.since));
        return;
      case 'unsubscribe':
        void this.serial(async () => this.deps.hub.leave(this, `site:${msg.siteId}`));
        return;
      case 'resume':
        // The person's own room was followed on connect: this sends what was missed before that.
        void this.serial(async () => this.deps.hub.follow(this, this.personalRoom, { since: msg.since, ack: (seq) => ({ type: 'resumed', seq }) }));
        return;
    }
  }

  /** Follows the site's room from `since` (what was missed first) once the current role allows it. */
  private async subscribe(siteId: string, since: number | undefined): Promise<void> {
    const roles = await this.readAccess();
    if (!roles) return;
    // Same rule as the HTTP routes: no role on the site, no events from it.
    if (!roles.has(siteId)) return this.sendError('SITE_NOT_FOUND', siteId);
    this.deps.hub.follow(this, `site:${siteId}`, { since, ack: (seq) => ({ type: 'subscribed', siteId, seq }) });
  }

  private get personalRoom(): string {
    return `user:${this.personId}`;
  }

  /** The session as it is now; closes the socket and answers false if it ended. */
  private async readSession(): Promise<Awaited<ReturnType<typeof findSession>> | null> {
    const session = await findSession(this.deps.db, this.sessionId);
    if (!this.isOpen) return null;
    if (!session || !session.isActive || session.expiresAt <= this.deps.clock.now()) {
      this.end(SOCKET_CLOSE.SESSION_ENDED, 'session ended');
      return null;
    }
    this.sessionExpiresAt = session.expiresAt;
    return session;
  }

  /** The person's roles per site as they are now, or null when the session ended (and the socket closed). */
  private async readAccess(): Promise<ReadonlyMap<string, Role> | null> {
    const session = await this.readSession();
    if (!session) return null;
    const roles = await loadSiteRoles(this.deps.db, session);
    return this.isOpen ? roles : null;
  }

  /** Token bucket: `messagesPerSecond` on average, `messageBurst` at once. */
  private takeToken(): boolean {
    const now = this.deps.clock.now();
    const { messagesPerSecond, messageBurst } = this.deps.limits;
    this.tokens = Math.min(messageBurst, this.tokens + (Math.max(0, now - this.refilledAt) * messagesPerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private onClosed(): void {
    this.isOpen = false;
    this.deps.hub.remove(this);
  }

  private send(msg: ServerMessage): void {
    if (this.isOpen && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private sendError(code: SocketErrorCode, siteId?: string): void {
    this.send(siteId ? { type: 'error', code, siteId } : { type: 'error', code });
  }

  /** Runs a listener in this socket's work context; an error is logged, never thrown into ws. */
  private guard<A extends unknown[]>(listener: (...args: A) => void): (...args: A) => void {
    return (...args) =>
      runInContext(this.context, () => {
        try {
          listener(...args);
        } catch (err) {
          this.deps.log.error({ err, ...this.context }, 'realtime listener failed');
        }
      });
  }

  /** Queues asynchronous work behind this socket's earlier work; failures are logged, never rejected. */
  private serial(step: () => Promise<void>): Promise<void> {
    this.work = this.work
      .then(() => (this.isOpen ? runInContext(this.context, step) : undefined))
      .catch((err: unknown) => this.deps.log.error({ err, ...this.context }, 'realtime socket work failed'));
    return this.work;
  }
}
