import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const entry = (personId: string, cachedAt: number) => ({
  session: {
    sessionId: `s-${personId}`,
    createdAt: 0,
    expiresAt: 1e15,
    lastSeenAt: 0,
    personId,
    companyId: 'c',
    name: 'n',
    login: 'l',
    isCompanyAdmin: false,
    isActive: true,
  },
  siteRoles: new Map(),
  postKinds: new Map(),
  cachedAt,
});

describe('SessionCache', () => {
  it('forgets an entry after its time to live', () => {
    const cache = new SessionCache(1000);
    cache.set('a', entry('p1', 0));
    expect(cache.get('a', 999)).toBeDefined();
    expect(cache.get('a', 1000)).toBeUndefined();
  });

  it('drops every session of a person, or all of them', () => {
    const cache = new SessionCache(1000);
    cache.set('a', entry('p1', 0));
    cache.set('b', entry('p1', 0));
    cache.set('c', entry('p2', 0));
    cache.forgetPerson('p1');
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)].map(Boolean)).toEqual([false, false, true]);
    cache.forgetPerson(null);
    expect(cache.get('c', 1)).toBeUndefined();
  });

  it('stays within its size', () => {
    const cache = new SessionCache(1000, 2);
    cache.set('a', entry('p1', 0));
    cache.set('b', entry('p2', 0));
    cache.set('c', entry('p3', 0));
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeDefined();
  });
});
