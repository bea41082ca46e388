/**
 * Setting the scene through the API, as the site manager would in the console: a new staff
 * member on a post, trained, rostered for the whole of the server's today (Shanghai time), so the
 * browser part of a test starts at the phone.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/db/seed/demo.js';
import { serverNow } from './server.js';

export const manager = DEMO_ACCOUNTS.find((a) => a.role === 'site_manager')!;

/** A signed-in API session (the session cookie carried by hand). */
export interface ApiSession {
  baseUrl: string;
  siteId: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export async function signIn(baseUrl: string, login: string, password: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`login ${login}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await response.json()) as { sites: { id: string }[] };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    baseUrl,
    siteId: me.sites[0]!.id,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

/** The date at the site (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export function shanghaiToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export interface RosteredStaff {
  personId: string;
  login: string;
  name: string;
  password: string;
  postId: string;
}

/**
 * A new staff member on the HALL post with a pre-job training record and a roster line from
 * 00:00 to 23:59 of the server's today in Shanghai (the server runs at a fixed mid-morning, see
 * ./server.ts), so clocking in is open.
 */
export async function createRosteredStaff(api: ApiSession, who: { login: string; name: string }): Promise<RosteredStaff> {
  const site = `/sites/${api.siteId}`;
  const posts = await api.get<{ items: { id: string; kind: string }[] }>(`${site}/posts?limit=200`);
  const hall = posts.items.find((p) => p.kind === 'HALL');
  if (!hall) throw new Error('the demo site has no HALL post');
  const password = 'Welcome2026';
  const person = await api.post<{ id: string }>(`${site}/people`, { login: who.login, name: who.name, password, role: 'staff', postIds: [hall.id] });
  await api.post(`${site}/people/${person.id}/training`, { kind: 'pre_job', topic: 'BI 规范及楼盘基本情况' });
  await api.post(`${site}/roster`, {
    postId: hall.id,
    personId: person.id,
    date: shanghaiToday(new Date(serverNow(api.baseUrl))),
    start: '00:00',
    end: '23:59',
  });
  return { personId: person.id, login: who.login, name: who.name, password, postId: hall.id };
}

export { DEMO_PASSWORD };
