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
import { inWriteBatch, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { NOTICE_SENDERS } from './notifications.policy.js';
import { findActiveCompanyAdminIds, findPersonLocales, isSiteMember } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { DEFAULT_NOTICE_LOCALE, renderNotice, type NoticeCode, type NoticeParams, type RenderedNotice } from './messages.js';
import { insertNotificationRows, listVisibleNotificationRows } from './notifications.repository.js';

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
    throw new AppError('PERSON_NOT_FOUND', { message: 'That person is not on this site', params: { personId: toPersonId } });
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

/**
 * A notice the system sends (no person wrote it): a message code of `messages.ts` and its
 * parameters; each reader gets the text in their own language. `fromName` replaces the code's
 * sender when a person's name is shown as the sender.
 */
export interface SystemNotice<C extends NoticeCode = NoticeCode> {
  siteId: string;
  code: C;
  params: NoticeParams<C>;
  fromName?: string;
}

/** Sends one stored notice to each of `personIds`, inside the caller's transaction, in each reader's locale. */
export async function notifyPeople<C extends NoticeCode>(tx: Tx, personIds: string[], notice: SystemNotice<C>): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const locales = await findPersonLocales(tx.trx, ids);
  const texts = new Map<string, RenderedNotice>();
  const textIn = (locale: string) => {
    let text = texts.get(locale);
    if (!text) texts.set(locale, (text = renderNotice(notice.code, notice.params, locale)));
    return text;
  };
  const rows: NotificationsTable[] = ids.map((personId) => {
    const text = textIn(locales.get(personId) ?? DEFAULT_NOTICE_LOCALE);
    return {
      id: newId(tx.now),
      site_id: notice.siteId,
      to_person_id: personId,
      from_person_id: null,
      from_name: notice.fromName ?? text.fromName,
      title: text.title.slice(0, 80),
      body: text.body.slice(0, 1000),
      created_at: tx.now,
    };
  });
  await insertNotificationRows(tx.trx, rows);
  for (const r of rows) {
    tx.emit({ personId: r.to_person_id!, siteId: r.site_id }, 'notification.created', {
      notificationId: r.id,
      title: r.title,
      body: r.body,
      fromName: r.from_name,
    });
  }
}

/** Tells every active company admin of the site's company; returns how many were told. */
export async function notifyCompanyAdmins<C extends NoticeCode>(tx: Tx, notice: SystemNotice<C>): Promise<number> {
  const site = await findSiteRow(tx.trx, notice.siteId);
  if (!site) return 0;
  const adminIds = await findActiveCompanyAdminIds(tx.trx, site.company_id);
  await notifyPeople(tx, adminIds, notice);
  return adminIds.length;
}
