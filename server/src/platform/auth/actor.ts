import type { Role } from '@anchang/contracts';

/** Who is calling: loaded once per request from the session. */
export interface Actor {
  personId: string;
  companyId: string;
  name: string;
  login: string;
  isCompanyAdmin: boolean;
  /** Every site the person may enter, with their role there (company admins: all company sites). */
  siteRoles: ReadonlyMap<string, Role>;
  /**
   * The kinds of post the person is assigned to, per site (as cached with the session); absent
   * for an actor made elsewhere, whose callers then read the assignments themselves.
   */
  postKinds?: ReadonlyMap<string, ReadonlySet<string>>;
  sessionId: string;
  requestId: string;
}

/** Audit and event attribution for a write. */
export interface ActorRef {
  personId: string | null;
  name: string | null;
  companyId: string;
  requestId: string | null;
}

export const actorRef = (a: Actor): ActorRef => ({ personId: a.personId, name: a.name, companyId: a.companyId, requestId: a.requestId });
