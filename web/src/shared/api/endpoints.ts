/**
 * Typed calls of the HTTP API that belong to no one feature: the installation, signing in, and
 * the paging every list shares. Each feature's own endpoints live in its api file
 * (features/<feature>/<feature>-api.ts). Request bodies take their types from the TypeBox
 * schemas in contracts, so a schema change shows up as a type error.
 */
import type { ChangePasswordBody, InstanceInfo, LoginBody, Me, PageOf, SetupBody } from '@anchang/contracts';
import { http } from './client';

export type LoginInput = LoginBody;
export type ChangePasswordInput = ChangePasswordBody;
export type SetupInput = SetupBody;

export interface PageParams {
  limit?: number;
  cursor?: string | null;
}

/** The path of a site's resources, below /api. */
export const sitePath = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
/** A page's query parameters (no cursor: the first page). */
export const pageQuery = (p: PageParams = {}) => ({ limit: p.limit, cursor: p.cursor ?? undefined });

/** Follows `nextCursor` until the end. For small per-site lists (zones, posts, people). */
export async function fetchAllPages<T>(fetchPage: (params: PageParams) => Promise<PageOf<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const result: PageOf<T> = await fetchPage({ limit: 200, cursor });
    items.push(...result.items);
    cursor = result.nextCursor;
  } while (cursor);
  return items;
}

export const api = {
  instance: {
    get: (signal?: AbortSignal) => http.get<InstanceInfo>('/instance', undefined, signal),
    setup: (input: SetupInput) => http.post<Me>('/setup', input),
  },
  auth: {
    login: (input: LoginInput) => http.post<Me>('/auth/login', input),
    logout: () => http.post<void>('/auth/logout'),
    me: (signal?: AbortSignal) => http.get<Me>('/auth/me', undefined, signal),
    changePassword: (input: ChangePasswordInput) => http.post<void>('/auth/password', input),
  },
};
