/**
 * Night-shift handover (交接班, GUARD-IN-11 and the night posts): the outgoing person writes what
 * is open, which keys and equipment they hand over, notes and photos; the incoming person (the
 * next on the post per the roster, or anyone who holds the post) confirms on their own phone.
 * Both names and times are kept. A timer with a deterministic id alerts the supervisors when
 * nobody confirmed within the site's limit.
 */
import {
  DEFAULT_HANDOVER_CONFIRM_MINUTES,
  DEFAULT_HANDOVER_POST_KINDS,
  ROLE_GROUPS,
  type Handover,
  type HandoverSettings,
  type MyHandovers,
  type PageOf,
  type PostKind,
  type WriteHandoverBody,
} from '@anchang/contracts';
import type { HandoversTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { addDays, localParts, shiftSpan } from '../../platform/site-time.js';
import { cancelTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, listActiveMembersOfSite, postIdsByPerson } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow, findPostsByIds } from '../posts/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { findSiteRow } from '../sites/index.js';
import { confirmDeadline, findIncomingShift } from './handover.rules.js';
import {
  confirmHandoverRow,
  findHandoverById,
  findHandoverRow,
  findHandoverSettingsRow,
  insertHandoverRow,
  listHandoverRowsOn,
  listToConfirmRows,
  listWrittenByRows,
  markHandoverAlerted,
  upsertHandoverSettingsRow,
} from './handovers.repository.js';

export const HANDOVER_TIMER = 'handover.unconfirmed';
export const handoverTimerId = (handoverId: string) => `${HANDOVER_TIMER}:${handoverId}`;

type Db = Deps['db'] | Tx['trx'];

export async function readHandoverSettings(db: Db, siteId: string): Promise<HandoverSettings> {
  const row = await findHandoverSettingsRow(db, siteId);
  if (!row) return { confirmMinutes: DEFAULT_HANDOVER_CONFIRM_MINUTES, postKinds: [...DEFAULT_HANDOVER_POST_KINDS] };
  return { confirmMinutes: row.confirm_minutes, postKinds: JSON.parse(row.post_kinds) as PostKind[] };
}

export async function getHandoverSettings(deps: Deps, actor: Actor, siteId: string): Promise<HandoverSettings> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  return readHandoverSettings(deps.db, siteId);
}

export async function saveHandoverSettings(deps: Deps, actor: Actor, siteId: string, input: HandoverSettings): Promise<HandoverSettings> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.siteManagers);
  const postKinds = [...new Set(input.postKinds)];
  await inTransaction(deps, async (tx) => {
    await upsertHandoverSettingsRow(tx.trx, {
      site_id: siteId,
      confirm_minutes: input.confirmMinutes,
      post_kinds: JSON.stringify(postKinds),
      updated_at: tx.now,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'handover.settings',
      entityType: 'site',
      entityId: siteId,
      detail: { confirmMinutes: input.confirmMinutes, postKinds },
    });
  });
  return { confirmMinutes: input.confirmMinutes, postKinds };
}

async function toHandovers(db: Db, rows: HandoversTable[]): Promise<Handover[]> {
  const names = await findPersonNames(
    db,
    rows.flatMap((r) => [r.from_person_id, ...(r.expected_person_id ? [r.expected_person_id] : []), ...(r.confirmed_by ? [r.confirmed_by] : [])]),
  );
  const posts = new Map(
    (
      await findPostsByIds(
        db,
        rows.map((r) => r.post_id),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    postId: r.post_id,
    postName: posts.get(r.post_id)?.name ?? '',
    postKind: posts.get(r.post_id)?.kind ?? '',
    date: r.date,
    fromPersonId: r.from_person_id,
    fromName: names.get(r.from_person_id) ?? '',
    writtenAt: r.written_at,
    openItems: JSON.parse(r.open_items) as string[],
    equipment: JSON.parse(r.equipment) as Handover['equipment'],
    notes: r.notes,
    photoIds: JSON.parse(r.photo_ids) as string[],
    expectedPersonId: r.expected_person_id,
    expectedName: r.expected_person_id ? (names.get(r.expected_person_id) ?? '') : null,
    confirmBy: r.confirm_by,
    status: r.status as Handover['status'],
    confirmedBy: r.confirmed_by,
    confirmedName: r.confirmed_by ? (names.get(r.confirmed_by) ?? '') : null,
    confirmedAt: r.confirmed_at,
    confirmNote: r.confirm_note,
    alertedAt: r.alerted_at,
  }));
}

const myPostIds = async (db: Db, siteId: string, personId: string) => (await postIdsByPerson(db, siteId, [personId])).get(personId) ?? [];

/** The posts this person writes handovers for: the posts they hold whose kind hands over on this site. */
async function writablePosts(db: Db, siteId: string, personId: string) {
  const { postKinds } = await readHandoverSettings(db, siteId);
  const posts = await findPostsByIds(db, await myPostIds(db, siteId, personId));
  return posts
    .filter((p) => p.site_id === siteId && (postKinds as string[]).includes(p.kind))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind }));
}

/** The next person on the post per the roster (yesterday's night to tomorrow's shifts), with when they start. */
async function findIncoming(db: Db, siteId: string, postId: string, writerId: string, now: number, timeZone: string) {
  const today = localParts(now, timeZone).date;
  const entries = (await listEntriesBetween(db, siteId, addDays(today, -1), addDays(today, 1))).filter((e) => e.post_id === postId);
  const spans = entries.map((e) => ({ personId: e.person_id, ...shiftSpan(e.date, e.start_time, e.end_time, timeZone) }));
  return findIncomingShift(spans, writerId, now);
}

export async function writeHandover(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: WriteHandoverBody,
): Promise<{ handover: Handover; created: boolean }> {
  requireSiteMember(actor, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findHandoverById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.from_person_id !== actor.personId))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      const post = await findPostRow(deps.db, siteId, input.postId);
      if (!post) throw new AppError('POST_NOT_FOUND', { params: { postId: input.postId } });
      const settings = await readHandoverSettings(deps.db, siteId);
      if (!(settings.postKinds as string[]).includes(post.kind))
        throw new AppError('HANDOVER_POST_NOT_HANDING_OVER', {
          message: 'This post does not hand over to a later shift',
          params: { postKind: post.kind },
        });
      if (!(await myPostIds(deps.db, siteId, actor.personId)).includes(post.id))
        throw new AppError('NOT_ON_POST', {
          message: 'Only the person on this post writes its handover',
          params: { posts: [post.kind] },
        });
      for (const photoId of input.photoIds) await assertPhotoOnSite(deps, siteId, photoId);
      const site = (await findSiteRow(deps.db, siteId))!;
      return inTransaction(deps, async (tx) => {
        const incoming = await findIncoming(tx.trx, siteId, post.id, actor.personId, tx.now, site.time_zone);
        const row: HandoversTable = {
          id: input.id,
          site_id: siteId,
          post_id: post.id,
          date: localParts(tx.now, site.time_zone).date,
          from_person_id: actor.personId,
          written_at: tx.now,
          open_items: JSON.stringify(input.openItems.map((s) => s.trim()).filter(Boolean)),
          equipment: JSON.stringify(input.equipment.map((e) => ({ name: e.name.trim(), handed: e.handed })).filter((e) => e.name)),
          notes: input.notes.trim(),
          photo_ids: JSON.stringify([...new Set(input.photoIds)]),
          expected_person_id: incoming?.personId ?? null,
          confirm_by: confirmDeadline(tx.now, incoming?.startsAt ?? null, settings.confirmMinutes),
          status: 'written',
          confirmed_by: null,
          confirmed_at: null,
          confirm_note: null,
          alerted_at: null,
        };
        // The insert goes first: a repeated id fails here before anything else is written.
        await insertHandoverRow(tx.trx, row);
        await scheduleTimer(tx, {
          id: handoverTimerId(row.id),
          kind: HANDOVER_TIMER,
          siteId,
          dueAt: row.confirm_by,
          payload: { handoverId: row.id },
        });
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'handover.write',
          entityType: 'handover',
          entityId: row.id,
          detail: { postId: post.id, expectedPersonId: row.expected_person_id, openItems: input.openItems.length },
        });
        tx.emit({ siteId }, 'handover.changed', { handoverId: row.id, postId: post.id, status: 'written' });
        return row;
      });
    },
    { readFirst: true },
  );
  return { handover: (await toHandovers(deps.db, [value]))[0]!, created };
}

async function load(deps: Deps, siteId: string, id: string): Promise<HandoversTable> {
  const row = await findHandoverRow(deps.db, siteId, id);
  if (!row) throw new AppError('HANDOVER_NOT_FOUND', { params: { handoverId: id } });
  return row;
}

/** The incoming person confirms: the one the roster named, or anyone else who holds the post; never the writer. */
export async function confirmHandover(
  deps: Deps,
  actor: Actor,
  siteId: string,
  id: string,
  input: { note?: string; at?: number },
): Promise<Handover> {
  requireSiteMember(actor, siteId);
  const row = await load(deps, siteId, id);
  // The same person's confirmation sent again (the phone's outbox lost the answer): the stored one, once.
  if (row.status === 'confirmed' && row.confirmed_by === actor.personId) return (await toHandovers(deps.db, [row]))[0]!;
  if (row.status === 'confirmed') throw new AppError('HANDOVER_ALREADY_CONFIRMED', { params: { handoverId: id } });
  if (row.from_person_id === actor.personId)
    throw new AppError('HANDOVER_OWN', { message: 'The incoming person confirms on their own phone', params: { handoverId: id } });
  const holdsPost = (await myPostIds(deps.db, siteId, actor.personId)).includes(row.post_id);
  if (row.expected_person_id !== actor.personId && !holdsPost)
    throw new AppError('HANDOVER_NOT_INCOMING', {
      message: 'Only the incoming person on this post confirms',
      params: { handoverId: id },
    });
  await inTransaction(deps, async (tx) => {
    // Confirmed without signal: the tap's time, never before the handover was written.
    const at = Math.max(tapTime(input.at, tx.now), row.written_at);
    const changed = await confirmHandoverRow(tx.trx, id, {
      confirmed_by: actor.personId,
      confirmed_at: at,
      confirm_note: input.note?.trim() || null,
    });
    if (changed === 0) {
      // Two copies of one tap at once: the one that lost the race answers with the winner's.
      if ((await findHandoverById(tx.trx, id))?.confirmed_by === actor.personId) return;
      throw new AppError('HANDOVER_ALREADY_CONFIRMED', { params: { handoverId: id } });
    }
    await cancelTimer(tx, handoverTimerId(id));
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'handover.confirm',
      entityType: 'handover',
      entityId: id,
      detail: { lateBy: Math.max(0, at - row.confirm_by) },
    });
    tx.emit({ siteId }, 'handover.changed', { handoverId: id, postId: row.post_id, status: 'confirmed' });
  });
  return (await toHandovers(deps.db, [await load(deps, siteId, id)]))[0]!;
}

/** One handover: the overseers, the writer, the person named to confirm, and anyone on the post. */
export async function getHandover(deps: Deps, actor: Actor, siteId: string, id: string): Promise<Handover> {
  const role = requireSiteMember(actor, siteId);
  const row = await load(deps, siteId, id);
  const mayRead =
    ROLE_GROUPS.overseers.includes(role) ||
    row.from_person_id === actor.personId ||
    row.expected_person_id === actor.personId ||
    (await myPostIds(deps.db, siteId, actor.personId)).includes(row.post_id);
  if (!mayRead) throw new AppError('HANDOVER_NOT_FOUND', { params: { handoverId: id } });
  return (await toHandovers(deps.db, [row]))[0]!;
}

export async function listHandoversOn(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { date: string; limit?: number; cursor?: string },
): Promise<PageOf<Handover>> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listHandoverRowsOn(deps.db, siteId, query.date, page), page, (rows) => toHandovers(deps.db, rows));
}

export async function myHandovers(deps: Deps, actor: Actor, siteId: string): Promise<MyHandovers> {
  requireSiteMember(actor, siteId);
  const postIds = await myPostIds(deps.db, siteId, actor.personId);
  const [posts, toConfirm, written] = await Promise.all([
    writablePosts(deps.db, siteId, actor.personId),
    listToConfirmRows(deps.db, siteId, actor.personId, postIds),
    listWrittenByRows(deps.db, siteId, actor.personId),
  ]);
  return { writablePosts: posts, toConfirm: await toHandovers(deps.db, toConfirm), written: await toHandovers(deps.db, written) };
}

const isTimerPayload = (p: unknown): p is { handoverId: string } =>
  typeof p === 'object' && p !== null && typeof (p as { handoverId?: unknown }).handoverId === 'string';

/** At the limit: if still unconfirmed, the supervisors (the managers when the site has none) are told once. */
export function registerHandoverTimers(timers: TimerRunner): void {
  timers.register(HANDOVER_TIMER, async (tx, timer) => {
    if (!isTimerPayload(timer.payload)) return;
    const row = await findHandoverById(tx.trx, timer.payload.handoverId);
    if (!row || row.status !== 'written') return;
    if ((await markHandoverAlerted(tx.trx, row.id, tx.now)) === 0) return;
    let to = (await listActiveMembersOfSite(tx.trx, row.site_id, ['supervisor'])).map((m) => m.id);
    if (to.length === 0) to = (await listActiveMembersOfSite(tx.trx, row.site_id, ['site_manager'])).map((m) => m.id);
    const [handover] = await toHandovers(tx.trx, [row]);
    const minutes = Math.round((tx.now - row.written_at) / 60_000);
    await notifyPeople(tx, to, {
      siteId: row.site_id,
      code: 'handover.not_confirmed',
      params: { post: handover!.postName, from: handover!.fromName, minutes, expected: handover!.expectedName || null },
    });
    const site = await findSiteRow(tx.trx, row.site_id);
    await recordAudit(
      tx,
      { personId: null, name: null, companyId: site!.company_id, requestId: null },
      { siteId: row.site_id, action: 'handover.alert', entityType: 'handover', entityId: row.id, detail: { told: to.length, minutes } },
    );
    tx.emit({ siteId: row.site_id }, 'handover.changed', { handoverId: row.id, postId: row.post_id, status: 'overdue' });
  });
}
