/**
 * Duties done on a post (POST_DUTIES in contracts): the roles that do them anywhere, or anyone
 * holding one of the duty's posts on the site. The phone offers the entry by the same rule, so
 * no one fills in a check only to be refused at submit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PostDuty } from '@anchang/contracts';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { postKindsOfPerson } from './people.repository.js';

export async function requirePostDuty(db: Kysely<DB> | Transaction<DB>, actor: Actor, siteId: string, duty: PostDuty): Promise<void> {
  const role = requireSiteMember(actor, siteId);
  if (duty.roles.includes(role)) return;
  // The session's cached post kinds when it has them (dropped on access.changed, like the
  // roles): a checklist tick or a scan then costs no read of the assignments.
  const held: Iterable<string> = actor.postKinds ? (actor.postKinds.get(siteId) ?? []) : await postKindsOfPerson(db, siteId, actor.personId);
  for (const kind of held) if ((duty.posts as readonly string[]).includes(kind)) return;
  throw new AppError('NOT_ON_POST', { message: 'This is done on another post', params: { posts: [...duty.posts] } });
}
