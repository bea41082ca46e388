/**
 * Sessions resolved recently, so a busy phone or console does not pay two database reads per
 * request. An entry lives at most `ttlMs`. Whatever changes who a person is or where they may
 * go (role, membership, account state, password, logout, a new site) is announced on the event
 * bus as `access.changed`; every instance drops that person's entries when it hears it. The post
 * assignments ride along: changing a person's posts announces `access.changed` too, and deleting
 * a post (`post.changed`, deleted) drops every entry.
 */
import type { Role } from '@anchang/contracts';
import type { SessionWithPerson } from './session.repository.js';

export interface CachedSession {
  session: SessionWithPerson;
  siteRoles: ReadonlyMap<string, Role>;
  /** The kinds of post the person works, per site: read with the roles, dropped with them. */
  postKinds: ReadonlyMap<string, ReadonlySet<string>>;
  cachedAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 20_000,
  ) {}

  get(sessionId: string, now: number): CachedSession | undefined {
    const entry = this.entries.get(sessionId);
    if (entry && now - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  set(sessionId: string, entry: CachedSession): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(sessionId, entry);
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** Drops one person's sessions, or every session when `personId` is null. */
  forgetPerson(personId: string | null): void {
    if (personId === null) {
      this.entries.clear();
      return;
    }
    for (const [id, entry] of this.entries) if (entry.session.personId === personId) this.entries.delete(id);
  }
}
