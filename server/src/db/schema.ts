/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: ids are text (UUIDv7),
 * instants are epoch-ms integers, booleans 0/1, JSON is text parsed at the repository.
 */
import type { Generated } from 'kysely';

export interface CompaniesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface SitesTable {
  id: string;
  company_id: string;
  name: string;
  address: string;
  time_zone: string;
  opening_hours: string;
  created_at: number;
  updated_at: number;
}

export interface ZonesTable {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  capacity: number | null;
  created_at: number;
  updated_at: number;
}

export interface PostsTable {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  zone_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface PeopleTable {
  id: string;
  company_id: string;
  login: string;
  name: string;
  phone: string | null;
  password_hash: string;
  locale: string;
  is_company_admin: number;
  is_active: number;
  created_at: number;
  updated_at: number;
}

export interface SiteMembersTable {
  site_id: string;
  person_id: string;
  role: string;
  created_at: number;
}

export interface PostAssignmentsTable {
  post_id: string;
  person_id: string;
  site_id: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  person_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface AuditLogTable {
  id: string;
  company_id: string;
  site_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string;
  request_id: string | null;
  at: number;
}

export interface NotificationsTable {
  id: string;
  site_id: string;
  to_person_id: string | null;
  from_person_id: string | null;
  from_name: string;
  title: string;
  body: string;
  created_at: number;
}

export interface TimersTable {
  id: string;
  kind: string;
  site_id: string | null;
  due_at: number;
  payload: string;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  fired_at: number | null;
  fired_by: string | null;
  created_at: number;
}

export interface DB {
  companies: CompaniesTable;
  sites: SitesTable;
  zones: ZonesTable;
  posts: PostsTable;
  people: PeopleTable;
  site_members: SiteMembersTable;
  post_assignments: PostAssignmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  timers: TimersTable;
}
