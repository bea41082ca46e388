/**
 * Typed calls of the HTTP API, one function per endpoint. Request bodies take their types from
 * the TypeBox schemas in contracts, so a schema change shows up here as a type error.
 */
import type {
  AuditEntry,
  ChangePasswordBody,
  CreateNotificationBody,
  CreatePersonBody,
  CreatePostBody,
  CreateSiteBody,
  CreateZoneBody,
  InstanceInfo,
  LoginBody,
  Me,
  Notification,
  PageOf,
  Post,
  SetupBody,
  Site,
  SitePerson,
  UpdatePersonBody,
  UpdatePostBody,
  UpdateSiteBody,
  UpdateZoneBody,
  Zone,
} from '@anchang/contracts';
import { http } from './client';

export type LoginInput = LoginBody;
export type ChangePasswordInput = ChangePasswordBody;
export type SetupInput = SetupBody;
// Defaults in the schemas (address, timeZone, body) make those fields optional for a caller.
export type CreateSiteInput = Omit<CreateSiteBody, 'address' | 'timeZone'> & { address?: string; timeZone?: string };
export type UpdateSiteInput = UpdateSiteBody;
export type CreateZoneInput = CreateZoneBody;
export type UpdateZoneInput = UpdateZoneBody;
export type CreatePostInput = CreatePostBody;
export type UpdatePostInput = UpdatePostBody;
export type CreatePersonInput = CreatePersonBody;
export type UpdatePersonInput = UpdatePersonBody;
export type CreateNotificationInput = Omit<CreateNotificationBody, 'body'> & { body?: string };

export interface PageParams {
  limit?: number;
  cursor?: string | null;
}

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const page = (p: PageParams = {}) => ({ limit: p.limit, cursor: p.cursor ?? undefined });

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
  sites: {
    list: (p?: PageParams) => http.get<PageOf<Site>>('/sites', page(p)),
    create: (input: CreateSiteInput) => http.post<Site>('/sites', input),
    get: (siteId: string) => http.get<Site>(site(siteId)),
    update: (siteId: string, input: UpdateSiteInput) => http.patch<Site>(site(siteId), input),
  },
  zones: {
    list: (siteId: string, p?: PageParams) => http.get<PageOf<Zone>>(`${site(siteId)}/zones`, page(p)),
    create: (siteId: string, input: CreateZoneInput) => http.post<Zone>(`${site(siteId)}/zones`, input),
    update: (siteId: string, zoneId: string, input: UpdateZoneInput) => http.patch<Zone>(`${site(siteId)}/zones/${zoneId}`, input),
    remove: (siteId: string, zoneId: string) => http.delete(`${site(siteId)}/zones/${zoneId}`),
  },
  posts: {
    list: (siteId: string, p?: PageParams) => http.get<PageOf<Post>>(`${site(siteId)}/posts`, page(p)),
    create: (siteId: string, input: CreatePostInput) => http.post<Post>(`${site(siteId)}/posts`, input),
    update: (siteId: string, postId: string, input: UpdatePostInput) => http.patch<Post>(`${site(siteId)}/posts/${postId}`, input),
    remove: (siteId: string, postId: string) => http.delete(`${site(siteId)}/posts/${postId}`),
  },
  people: {
    list: (siteId: string, p?: PageParams) => http.get<PageOf<SitePerson>>(`${site(siteId)}/people`, page(p)),
    create: (siteId: string, input: CreatePersonInput) => http.post<SitePerson>(`${site(siteId)}/people`, input),
    update: (siteId: string, personId: string, input: UpdatePersonInput) => http.patch<SitePerson>(`${site(siteId)}/people/${personId}`, input),
    remove: (siteId: string, personId: string) => http.delete(`${site(siteId)}/people/${personId}`),
  },
  audit: {
    list: (siteId: string, p: PageParams & { action?: string | undefined } = {}) =>
      http.get<PageOf<AuditEntry>>(`${site(siteId)}/audit`, { ...page(p), action: p.action }),
    /** Entries of the company with no site (sign-ins, refused sign-ins, logouts, passwords): company admins. */
    company: (p: PageParams & { action?: string | undefined } = {}) => http.get<PageOf<AuditEntry>>('/audit', { ...page(p), action: p.action }),
  },
  notifications: {
    list: (siteId: string, p?: PageParams) => http.get<PageOf<Notification>>(`${site(siteId)}/notifications`, page(p)),
    create: (siteId: string, input: CreateNotificationInput) => http.post<Notification>(`${site(siteId)}/notifications`, input),
  },
};
