/**
 * Notices from the console to staff phones: to the whole site or to one person. Stored, so a
 * phone that was offline reads them later; pushed live to `site:<id>` or `user:<id>`.
 */
import type { Notification, PageOf, PageQuery } from '@anchang/contracts';
import type { NotificationsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pageRequest, toPage } from '../../platform/http/pagination.js';
import { inWriteBatch, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { NOTICE_SENDERS } from './notifications.policy.js';
import { isSiteMember } from '../people/index.js';
import { listVisibleNotificationRows } from './notifications.repository.js';

const toNotification = (r: NotificationsTable): Notification => ({
  id: r.id,
  siteId: r.site_id,
  toPersonId: r.to_person_id,
  fromPersonId: r.from_person_id,
  fromName: r.from_name,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
});

export async function listNotifications(deps: Deps, actor: Actor, siteId: string, query: PageQuery): Promise<PageOf<Notification>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'desc');
  return toPage(await listVisibleNotificationRows(deps.db, siteId, actor.personId, page), page, toNotification);
}

export async function sendNotification(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { title: string; body?: string; toPersonId?: string | null },
): Promise<Notification> {
  requireSiteRole(actor, siteId, NOTICE_SENDERS);
  const toPersonId = input.toPersonId ?? null;
  if (toPersonId && !(await isSiteMember(deps.db, siteId, toPersonId))) {
    throw new AppError('PERSON_NOT_FOUND', { status: 404, message: 'That person is not on this site', params: { personId: toPersonId } });
  }
  return inWriteBatch(deps, async (tx) => {
    const row: NotificationsTable = {
      id: newId(),
      site_id: siteId,
      to_person_id: toPersonId,
      from_person_id: actor.personId,
      from_name: actor.name,
      title: input.title.trim(),
      body: (input.body ?? '').trim(),
      created_at: tx.now,
    };
    tx.deferInsert('notifications', row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'notification.send',
      entityType: 'notification',
      entityId: row.id,
      detail: { title: row.title, toPersonId },
    });
    const payload = { notificationId: row.id, title: row.title, body: row.body, fromName: row.from_name };
    tx.emit(toPersonId ? { personId: toPersonId, siteId } : { siteId }, 'notification.created', payload);
    return toNotification(row);
  });
}
