/** Posts (岗位) of a site, typed by the post kinds of the service standards. */
import type { PageOf, PageQuery, Post, PostKind } from '@anchang/contracts';
import type { PostsTable } from '../../db/schema.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inTransaction, inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { deleteAssignmentsOfPost } from '../people/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { findZoneRow } from '../zones/index.js';
import { deletePostRow, findPostRow, listPostRows, updatePostRow } from './posts.repository.js';

export const toPost = (r: PostsTable): Post => ({
  id: r.id,
  siteId: r.site_id,
  kind: r.kind as PostKind,
  name: r.name,
  zoneId: r.zone_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const nameTaken = (name: string) => new AppError('POST_NAME_TAKEN', { message: 'A post of this site already has that name', params: { name } });

async function assertZoneOfSite(deps: Deps, siteId: string, zoneId: string | null | undefined): Promise<void> {
  if (!zoneId) return;
  if (!(await findZoneRow(deps.db, siteId, zoneId))) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId } });
}

async function loadPost(deps: Deps, siteId: string, postId: string) {
  const row = await findPostRow(deps.db, siteId, postId);
  if (!row) throw new AppError('POST_NOT_FOUND', { params: { postId } });
  return row;
}

export async function listPosts(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<Post>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query);
  return toPage(await listPostRows(deps.db, siteId, page), page, toPost);
}

export async function getPost(deps: Deps, actor: Actor, siteId: string, postId: string): Promise<Post> {
  requireSiteMember(actor, siteId);
  return toPost(await loadPost(deps, siteId, postId));
}

export async function createPost(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { kind: PostKind; name: string; zoneId?: string | null },
): Promise<Post> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await assertZoneOfSite(deps, siteId, input.zoneId);
  try {
    return await inWriteBatch(deps, async (tx) => {
      const row: PostsTable = {
        id: newId(),
        site_id: siteId,
        kind: input.kind,
        name: input.name.trim(),
        zone_id: input.zoneId ?? null,
        created_at: tx.now,
        updated_at: tx.now,
      };
      tx.deferInsert('posts', row);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: 'post.create',
        entityType: 'post',
        entityId: row.id,
        detail: { kind: row.kind, name: row.name },
      });
      tx.emit({ siteId }, 'post.changed', { postId: row.id, action: 'created' });
      return toPost(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function updatePost(
  deps: Deps,
  actor: Actor,
  siteId: string,
  postId: string,
  patch: { name?: string; zoneId?: string | null },
): Promise<Post> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadPost(deps, siteId, postId);
  await assertZoneOfSite(deps, siteId, patch.zoneId);
  try {
    return await inTransaction(deps, async (tx) => {
      const next: PostsTable = {
        ...current,
        name: patch.name?.trim() ?? current.name,
        zone_id: patch.zoneId === undefined ? current.zone_id : patch.zoneId,
        updated_at: tx.now,
      };
      await updatePostRow(tx.trx, postId, { name: next.name, zone_id: next.zone_id, updated_at: next.updated_at });
      await recordAudit(tx, actorRef(actor), { siteId, action: 'post.update', entityType: 'post', entityId: postId, detail: { ...patch } });
      tx.emit({ siteId }, 'post.changed', { postId, action: 'updated' });
      return toPost(next);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(patch.name ?? '');
    throw err;
  }
}

/**
 * Deletes a post nothing refers to yet (its assignments go with it). A post with roster lines,
 * shifts or records is history the day board and reports read: the database's foreign keys
 * refuse the delete, whichever table holds the reference, and the manager is told why.
 */
export async function deletePost(deps: Deps, actor: Actor, siteId: string, postId: string): Promise<void> {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  const current = await loadPost(deps, siteId, postId);
  try {
    await inTransaction(deps, async (tx) => {
      await deleteAssignmentsOfPost(tx.trx, postId);
      await deletePostRow(tx.trx, postId);
      await recordAudit(tx, actorRef(actor), { siteId, action: 'post.delete', entityType: 'post', entityId: postId, detail: { name: current.name } });
      tx.emit({ siteId }, 'post.changed', { postId, action: 'deleted' });
    });
  } catch (err) {
    // Roster lines, shifts and what was recorded on them keep the post they were for: a post with
    // history stays (the transaction rolled back, its people still assigned).
    if (isForeignKeyViolation(err))
      throw new AppError('POST_IN_USE', { message: 'Rosters, shifts or records refer to this post', params: { postId } });
    throw err;
  }
}
