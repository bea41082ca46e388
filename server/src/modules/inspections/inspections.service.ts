/**
 * Supervisor inspections (服务监督 / 品质核查). An inspector (supervisor, site manager) picks a
 * post and the person on duty, walks the form built from the post's standard (the site's adopted
 * copy, its 班中 items) and the behaviour norms with their numbers, and submits once. Each failed
 * item becomes a rectification: 待整改 → (the person fixes it) 待复查 → (the inspector re-checks)
 * 整改完成, 二次整改 with a new deadline, or 扣分关闭. A rectification still unfixed at its deadline
 * alerts the person and the inspector, once per deadline (a timer per round).
 *
 * A mystery visit (实地测评) is an inspection the post did not know of: the person sees the result
 * once it is submitted, without the inspector's name.
 */
import {
  AWAITING_FIX,
  DEFAULT_INSPECTION_SETTINGS,
  normsForPostKind,
  OPEN_RECTIFICATION_STATUSES,
  RECTIFICATION_MOVES,
  type Inspection,
  type InspectionForm,
  type InspectionFormItem,
  type InspectionSettings,
  type InspectionSummary,
  type OnDutyPerson,
  type PageOf,
  type PostKind,
  type Rectification,
  type RectificationAction,
  type RectificationStatus,
  type SubmitInspectionBody,
} from '@anchang/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB, InspectionItemsTable, InspectionsTable, PostsTable, RectificationsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { writeOnce } from '../../platform/idempotent.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, isSiteMember, personIdsOnPostKind } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow, findPostsByIds } from '../posts/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { listShiftsOn } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { currentStandardRow, toPostStandard } from '../standards/index.js';
import { INSPECTION_PLANNERS, INSPECTORS } from './inspections.policy.js';
import {
  findInspectionById,
  findInspectionRow,
  findInspectionsByIds,
  findLastStepOf,
  findRectificationById,
  findRectificationRow,
  findSettingsRow,
  insertInspection,
  listEventsOfRectifications,
  listFailedItemsOf,
  listInspectionRows,
  listItemsOf,
  listRectificationRows,
  listRectificationsOfInspection,
  markOverdue,
  moveRectificationRow,
  upsertSettingsRow,
} from './inspections.repository.js';
import { checkAnswers, isLateFix, nextRectificationState } from './inspections.rules.js';

export const RECTIFICATION_OVERDUE_TIMER = 'rectification-overdue';
const overdueTimerId = (rectificationId: string, round: number) => `${RECTIFICATION_OVERDUE_TIMER}:${rectificationId}:${round}`;

type Db = Kysely<DB> | Transaction<DB>;

// ---- settings ----

export async function readInspectionSettings(db: Db, siteId: string): Promise<InspectionSettings> {
  const row = await findSettingsRow(db, siteId);
  return row ? { ...DEFAULT_INSPECTION_SETTINGS, ...(JSON.parse(row.settings) as Partial<InspectionSettings>) } : DEFAULT_INSPECTION_SETTINGS;
}

export async function getInspectionSettings(deps: Deps, actor: Actor, siteId: string): Promise<InspectionSettings> {
  requireSiteRole(actor, siteId, INSPECTORS);
  return readInspectionSettings(deps.db, siteId);
}

export async function updateInspectionSettings(deps: Deps, actor: Actor, siteId: string, settings: InspectionSettings): Promise<InspectionSettings> {
  requireSiteRole(actor, siteId, INSPECTION_PLANNERS);
  const postIds = settings.plan.map((l) => l.postId);
  const posts = await findPostsByIds(deps.db, postIds);
  const known = new Set(posts.filter((p) => p.site_id === siteId).map((p) => p.id));
  const unknown = postIds.find((id) => !known.has(id));
  if (unknown)
    throw new AppError('INSPECTION_PLAN_POST_UNKNOWN', {
      message: 'The plan names a post this site does not have',
      params: { postId: unknown },
    });
  if (new Set(postIds).size !== postIds.length)
    throw new AppError('VALIDATION_FAILED', { message: 'A post appears twice in the plan', params: { field: 'plan' } });
  await inTransaction(deps, async (tx) => {
    await upsertSettingsRow(tx.trx, siteId, JSON.stringify(settings), tx.now);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'inspection.settings', entityType: 'site', entityId: siteId, detail: { ...settings } });
  });
  return settings;
}

// ---- the form ----

/** The post's form: its standard's 班中 items (or all of them when it has none) and the norms of its kind. */
export async function formItemsFor(db: Db, siteId: string, postKind: PostKind, settings: InspectionSettings) {
  const standard = toPostStandard(await currentStandardRow(db, siteId, postKind));
  const inService = standard.items.filter((i) => i.phase === 'IN');
  const fromStandard: InspectionFormItem[] = (inService.length > 0 ? inService : standard.items).map((i) => ({
    itemId: i.id,
    source: 'standard',
    text: i.text,
    points: settings.standardItemPoints,
  }));
  const norms: InspectionFormItem[] = normsForPostKind(postKind).map((n) => ({ itemId: n.id, source: 'norm', text: n.text, points: n.points }));
  return { standardVersionId: standard.versionId, items: [...norms, ...fromStandard] };
}

async function siteClock(db: Db, siteId: string) {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND');
  return { timeZone: site.time_zone, openingHours: JSON.parse(site.opening_hours) as { closedWeekdays?: number[] } };
}

/** Who is on the post on `date`: clocked in (a shift) first, then rostered. */
export async function onDutyByPost(db: Kysely<DB>, siteId: string, date: string): Promise<Map<string, OnDutyPerson[]>> {
  const [shifts, entries] = await Promise.all([listShiftsOn(db, siteId, date), listEntriesBetween(db, siteId, date, date)]);
  const names = await findPersonNames(db, [...shifts.map((s) => s.person_id), ...entries.map((e) => e.person_id)]);
  const byPost = new Map<string, OnDutyPerson[]>();
  const add = (postId: string, personId: string, onShift: boolean) => {
    const list = byPost.get(postId) ?? [];
    const known = list.find((p) => p.personId === personId);
    if (known) known.onShift ||= onShift;
    else list.push({ personId, name: names.get(personId) ?? '', onShift });
    byPost.set(postId, list);
  };
  for (const s of shifts) add(s.post_id, s.person_id, s.status === 'open');
  for (const e of entries) add(e.post_id, e.person_id, false);
  for (const list of byPost.values()) list.sort((a, b) => Number(b.onShift) - Number(a.onShift));
  return byPost;
}

async function requirePost(db: Db, siteId: string, postId: string): Promise<PostsTable> {
  const post = await findPostRow(db, siteId, postId);
  if (!post) throw new AppError('POST_NOT_FOUND', { params: { postId } });
  return post;
}

export async function getInspectionForm(deps: Deps, actor: Actor, siteId: string, postId: string): Promise<InspectionForm> {
  requireSiteRole(actor, siteId, INSPECTORS);
  const post = await requirePost(deps.db, siteId, postId);
  const [settings, clock] = await Promise.all([readInspectionSettings(deps.db, siteId), siteClock(deps.db, siteId)]);
  const form = await formItemsFor(deps.db, siteId, post.kind as PostKind, settings);
  const today = localParts(deps.clock.now(), clock.timeZone).date;
  const onDuty = (await onDutyByPost(deps.db, siteId, today)).get(post.id) ?? [];
  return {
    postId: post.id,
    postKind: post.kind as PostKind,
    postName: post.name,
    standardVersionId: form.standardVersionId,
    items: form.items,
    onDuty,
  };
}

// ---- submitting ----

async function storedInspection(deps: Deps, siteId: string, id: string): Promise<InspectionsTable | undefined> {
  const stored = await findInspectionById(deps.db, id);
  if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
  return stored;
}

/**
 * Records the inspection once (a resend of the same id answers what was stored), a rectification
 * per failed item with its deadline and overdue timer, tells the person, and announces it.
 */
export async function submitInspection(
  deps: Deps,
  actor: Actor,
  siteId: string,
  body: SubmitInspectionBody,
): Promise<{ inspection: Inspection; created: boolean }> {
  requireSiteRole(actor, siteId, INSPECTORS);
  const { value, created } = await writeOnce(
    () => storedInspection(deps, siteId, body.id),
    async () => {
      const post = await requirePost(deps.db, siteId, body.postId);
      if (body.personId === actor.personId) throw new AppError('INSPECTION_SELF', { message: 'An inspector does not inspect themselves' });
      const [settings, clock] = await Promise.all([readInspectionSettings(deps.db, siteId), siteClock(deps.db, siteId)]);
      const today = localParts(deps.clock.now(), clock.timeZone).date;
      if (!(await isSiteMember(deps.db, siteId, body.personId))) throw new AppError('PERSON_NOT_FOUND', { params: { personId: body.personId } });
      const onDuty = (await onDutyByPost(deps.db, siteId, today)).get(post.id) ?? [];
      // On the post today (clocked in or rostered), or one of the people who hold a post of its kind.
      if (!onDuty.some((p) => p.personId === body.personId) && !(await personIdsOnPostKind(deps.db, siteId, post.kind)).includes(body.personId))
        throw new AppError('INSPECTION_PERSON_NOT_ON_POST', {
          message: 'This person is not on this post today',
          params: { personId: body.personId, postId: post.id },
        });
      const form = await formItemsFor(deps.db, siteId, post.kind as PostKind, settings);
      const checked = checkAnswers(form.items, body.items);
      for (const photoId of new Set(checked.flatMap((c) => (c.photoId ? [c.photoId] : [])))) await assertPhotoOnSite(deps, siteId, photoId);
      return inTransaction(deps, async (tx) => {
        const row: InspectionsTable = {
          id: body.id,
          site_id: siteId,
          post_id: post.id,
          post_kind: post.kind,
          person_id: body.personId,
          inspector_id: actor.personId,
          is_mystery: body.isMystery ? 1 : 0,
          standard_version_id: form.standardVersionId,
          date: localParts(tx.now, clock.timeZone).date,
          inspected_at: tx.now,
          item_count: checked.length,
          failed_count: checked.filter((c) => !c.passed).length,
          deduction_points: checked.reduce((n, c) => n + c.deduction, 0),
          note: body.note?.trim() || null,
        };
        const items: InspectionItemsTable[] = checked.map((c, position) => ({
          inspection_id: row.id,
          position,
          site_id: siteId,
          item_id: c.itemId,
          source: c.source,
          text_zh: c.text.zh,
          text_en: c.text.en,
          points: c.points,
          passed: c.passed ? 1 : 0,
          deduction: c.deduction,
          note: c.note,
          photo_id: c.photoId,
        }));
        const deadlineAt = tx.now + settings.rectifyHours * 3_600_000;
        const rectifications: RectificationsTable[] = checked
          .filter((c) => !c.passed)
          .map((c) => ({
            id: newId(tx.now),
            site_id: siteId,
            inspection_id: row.id,
            item_id: c.itemId,
            person_id: row.person_id,
            inspector_id: row.inspector_id,
            status: 'to_rectify',
            round: 1,
            deduction: c.deduction,
            deduction_waived: 0,
            deadline_at: deadlineAt,
            overdue_at: null,
            fix_note: null,
            fix_photo_id: null,
            fixed_at: null,
            decided_at: null,
            created_at: tx.now,
            updated_at: tx.now,
          }));
        await insertInspection(tx.trx, row, items, rectifications);
        for (const r of rectifications) {
          await scheduleTimer(tx, {
            id: overdueTimerId(r.id, 1),
            kind: RECTIFICATION_OVERDUE_TIMER,
            siteId,
            dueAt: r.deadline_at,
            payload: { rectificationId: r.id, round: 1 },
          });
          recordStep(tx, {
            siteId,
            rectificationId: r.id,
            status: 'to_rectify',
            byPerson: actor.personId,
            byName: actor.name,
            note: null,
            photoId: null,
          });
        }
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'inspection.submit',
          entityType: 'inspection',
          entityId: row.id,
          detail: {
            postId: row.post_id,
            personId: row.person_id,
            isMystery: row.is_mystery === 1,
            failed: row.failed_count,
            deduction: row.deduction_points,
          },
        });
        await notifyPeople(tx, [row.person_id], {
          siteId,
          code: 'inspection.result',
          params: { mystery: Boolean(row.is_mystery), post: post.name, toRectify: rectifications.length, points: row.deduction_points },
        });
        tx.emit({ siteId }, 'inspection.submitted', { inspectionId: row.id, postId: row.post_id });
        for (const r of rectifications) {
          const payload = { rectificationId: r.id, inspectionId: row.id, status: r.status };
          tx.emit({ personId: r.person_id, siteId }, 'rectification.changed', payload);
        }
        return row;
      });
    },
  );
  return { inspection: await toInspection(deps, actor, value), created };
}

function recordStep(
  tx: Tx,
  s: {
    siteId: string;
    rectificationId: string;
    status: RectificationStatus;
    byPerson: string | null;
    byName: string | null;
    note: string | null;
    photoId: string | null;
  },
): void {
  tx.deferInsert('rectification_events', {
    id: newId(tx.now),
    site_id: s.siteId,
    rectification_id: s.rectificationId,
    status: s.status,
    by_person: s.byPerson,
    by_name: s.byName,
    note: s.note,
    photo_id: s.photoId,
    at: tx.now,
  });
}

// ---- reading ----

const isOverseer = (actor: Actor, siteId: string) => INSPECTORS.includes(requireSiteMember(actor, siteId));

/** The inspector's name, hidden from the person inspected on a mystery visit. */
const showsInspector = (actor: Actor, siteId: string, row: { is_mystery: number; person_id: string }) =>
  row.is_mystery === 0 || row.person_id !== actor.personId || isOverseer(actor, siteId);

async function toSummaries(deps: Deps, actor: Actor, rows: InspectionsTable[]): Promise<InspectionSummary[]> {
  if (rows.length === 0) return [];
  const siteId = rows[0]!.site_id;
  const [posts, names] = await Promise.all([
    findPostsByIds(deps.db, [...new Set(rows.map((r) => r.post_id))]),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => [r.person_id, r.inspector_id]),
    ),
  ]);
  const postName = new Map(posts.map((p) => [p.id, p.name]));
  return rows.map((r) => {
    const shown = showsInspector(actor, siteId, r);
    return {
      id: r.id,
      siteId: r.site_id,
      date: r.date,
      postId: r.post_id,
      postKind: r.post_kind as PostKind,
      postName: postName.get(r.post_id) ?? '',
      personId: r.person_id,
      personName: names.get(r.person_id) ?? '',
      inspectorId: shown ? r.inspector_id : null,
      inspectorName: shown ? (names.get(r.inspector_id) ?? '') : null,
      isMystery: r.is_mystery === 1,
      itemCount: r.item_count,
      failedCount: r.failed_count,
      deductionPoints: r.deduction_points,
      inspectedAt: r.inspected_at,
    };
  });
}

async function toInspection(deps: Deps, actor: Actor, row: InspectionsTable): Promise<Inspection> {
  const [[summary], items, rects] = await Promise.all([
    toSummaries(deps, actor, [row]),
    listItemsOf(deps.db, row.id),
    listRectificationsOfInspection(deps.db, row.id),
  ]);
  return {
    ...summary!,
    note: row.note,
    items: items.map((i) => ({
      itemId: i.item_id,
      source: i.source as 'standard' | 'norm',
      text: { zh: i.text_zh, en: i.text_en },
      points: i.points,
      passed: i.passed === 1,
      deduction: i.deduction,
      note: i.note,
      photoId: i.photo_id,
    })),
    rectifications: await toRectifications(deps, actor, rects),
  };
}

export async function listInspections(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; postId?: string; personId?: string; from?: string; to?: string; mystery?: boolean; failed?: boolean },
): Promise<PageOf<InspectionSummary>> {
  // Staff read their own inspections only; the overseers the whole site's.
  const personId = isOverseer(actor, siteId) ? query.personId : actor.personId;
  const page = pageRequest(query, 'desc');
  const rows = await listInspectionRows(deps.db, siteId, page, { ...query, personId });
  return toPageBatched(rows, page, (pageRows) => toSummaries(deps, actor, pageRows));
}

export async function getInspection(deps: Deps, actor: Actor, siteId: string, inspectionId: string): Promise<Inspection> {
  const row = await findInspectionRow(deps.db, siteId, inspectionId);
  if (!row || (!isOverseer(actor, siteId) && row.person_id !== actor.personId))
    throw new AppError('INSPECTION_NOT_FOUND', { params: { inspectionId } });
  return toInspection(deps, actor, row);
}

async function toRectifications(deps: Deps, actor: Actor, rows: RectificationsTable[]): Promise<Rectification[]> {
  if (rows.length === 0) return [];
  const siteId = rows[0]!.site_id;
  const inspectionIds = [...new Set(rows.map((r) => r.inspection_id))];
  const [inspections, items, events] = await Promise.all([
    findInspectionsByIds(deps.db, inspectionIds),
    listFailedItemsOf(deps.db, inspectionIds),
    listEventsOfRectifications(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  const inspectionById = new Map(inspections.map((i) => [i.id, i]));
  const [posts, names] = await Promise.all([
    findPostsByIds(deps.db, [...new Set(inspections.map((i) => i.post_id))]),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => [r.person_id, r.inspector_id]),
    ),
  ]);
  const postName = new Map(posts.map((p) => [p.id, p.name]));
  const itemOf = new Map(items.map((i) => [`${i.inspection_id}:${i.item_id}`, i]));
  const now = deps.clock.now();
  return rows.map((r) => {
    const inspection = inspectionById.get(r.inspection_id)!;
    const item = itemOf.get(`${r.inspection_id}:${r.item_id}`);
    const shown = showsInspector(actor, siteId, inspection);
    return {
      id: r.id,
      siteId: r.site_id,
      inspectionId: r.inspection_id,
      itemId: r.item_id,
      itemText: { zh: item?.text_zh ?? r.item_id, en: item?.text_en ?? r.item_id },
      postId: inspection.post_id,
      postName: postName.get(inspection.post_id) ?? '',
      personId: r.person_id,
      personName: names.get(r.person_id) ?? '',
      inspectorId: shown ? r.inspector_id : null,
      inspectorName: shown ? (names.get(r.inspector_id) ?? '') : null,
      isMystery: inspection.is_mystery === 1,
      status: r.status as RectificationStatus,
      round: r.round,
      deduction: r.deduction,
      deductionWaived: r.deduction_waived === 1,
      failNote: item?.note ?? null,
      failPhotoId: item?.photo_id ?? null,
      deadlineAt: r.deadline_at,
      isOverdue: r.overdue_at !== null || (AWAITING_FIX.includes(r.status as RectificationStatus) && now > r.deadline_at),
      fixNote: r.fix_note,
      fixPhotoId: r.fix_photo_id,
      createdAt: r.created_at,
      events: events
        .filter((e) => e.rectification_id === r.id)
        .map((e) => ({
          status: e.status as RectificationStatus,
          byName: shown || e.by_person !== r.inspector_id ? e.by_name : null,
          note: e.note,
          photoId: e.photo_id,
          at: e.at,
        })),
    };
  });
}

export async function listRectifications(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; scope?: 'mine' | 'to_recheck' | 'all'; status?: 'open' | RectificationStatus },
): Promise<PageOf<Rectification>> {
  const overseer = isOverseer(actor, siteId);
  const scope = query.scope ?? (overseer ? 'all' : 'mine');
  if (scope !== 'mine' && !overseer) throw forbidden({ scope });
  const statuses =
    scope === 'to_recheck' ? ['to_recheck'] : query.status === 'open' ? OPEN_RECTIFICATION_STATUSES : query.status ? [query.status] : undefined;
  const page = pageRequest(query, 'desc');
  const rows = await listRectificationRows(deps.db, siteId, page, {
    personId: scope === 'mine' ? actor.personId : undefined,
    inspectorId: scope === 'to_recheck' && requireSiteMember(actor, siteId) === 'supervisor' ? actor.personId : undefined,
    statuses,
  });
  return toPageBatched(rows, page, (pageRows) => toRectifications(deps, actor, pageRows));
}

export async function getRectification(deps: Deps, actor: Actor, siteId: string, rectificationId: string): Promise<Rectification> {
  const row = await findRectificationRow(deps.db, siteId, rectificationId);
  if (!row || (!isOverseer(actor, siteId) && row.person_id !== actor.personId))
    throw new AppError('RECTIFICATION_NOT_FOUND', { params: { rectificationId } });
  return (await toRectifications(deps, actor, [row]))[0]!;
}

// ---- moving a rectification ----

/**
 * The person fixes; the inspector re-checks (a site manager or company admin may stand in, not
 * another supervisor). A move the state does not allow is 409 RECTIFICATION_STATE, unless it is
 * the same person's move already made (a resent tap), answered with the rectification as it is.
 */
export async function moveRectification(
  deps: Deps,
  actor: Actor,
  siteId: string,
  rectificationId: string,
  action: RectificationAction,
  input: { note?: string; photoId?: string },
): Promise<Rectification> {
  const role = requireSiteMember(actor, siteId);
  const row = await findRectificationRow(deps.db, siteId, rectificationId);
  const overseer = INSPECTORS.includes(role);
  if (!row || (!overseer && row.person_id !== actor.personId)) throw new AppError('RECTIFICATION_NOT_FOUND', { params: { rectificationId } });
  const move = RECTIFICATION_MOVES[action];
  if (move.by === 'person' && row.person_id !== actor.personId)
    throw new AppError('RECTIFICATION_NOT_YOURS', { message: 'Only the person inspected fixes the item', params: { rectificationId } });
  if (move.by === 'inspector' && row.inspector_id !== actor.personId && !(overseer && role !== 'supervisor'))
    throw new AppError('RECTIFICATION_NOT_YOURS', { message: 'The inspector or a manager re-checks', params: { rectificationId } });
  if (row.status === move.to) {
    const last = await findLastStepOf(deps.db, row.id);
    if (last?.status === move.to && last.by_person === actor.personId) return getRectification(deps, actor, siteId, row.id);
  }
  if (input.photoId) await assertPhotoOnSite(deps, siteId, input.photoId);
  const settings = await readInspectionSettings(deps.db, siteId);
  const note = input.note?.trim() || null;
  await inTransaction(deps, async (tx) => {
    const next = nextRectificationState(
      { id: row.id, status: row.status as RectificationStatus, round: row.round, deadlineAt: row.deadline_at },
      action,
      tx.now,
      settings.rectifyHours,
    );
    const patch: Partial<RectificationsTable> = { status: next.status, round: next.round, deadline_at: next.deadlineAt, updated_at: tx.now };
    if (action === 'fix') {
      Object.assign(patch, { fix_note: note, fix_photo_id: input.photoId ?? null, fixed_at: tx.now });
      // Late: the deadline passed before the fix, whether or not the timer has had its turn yet.
      if (isLateFix(row.deadline_at, tx.now) && row.overdue_at === null) patch.overdue_at = row.deadline_at;
    } else {
      patch.decided_at = tx.now;
      if (action === 'pass' && settings.waiveDeductionWhenDone) patch.deduction_waived = 1;
      if (action === 'redo') Object.assign(patch, { fix_note: null, fix_photo_id: null, fixed_at: null });
    }
    const moved = await moveRectificationRow(tx.trx, row.id, move.from, patch);
    if (moved === 0) {
      const now = (await findRectificationById(tx.trx, row.id)) ?? row;
      throw new AppError('RECTIFICATION_STATE', {
        message: `A rectification that is ${now.status} cannot ${action}`,
        params: { rectificationId: row.id, status: now.status, action },
      });
    }
    if (action === 'redo')
      await scheduleTimer(tx, {
        id: overdueTimerId(row.id, next.round),
        kind: RECTIFICATION_OVERDUE_TIMER,
        siteId,
        dueAt: next.deadlineAt,
        payload: { rectificationId: row.id, round: next.round },
      });
    recordStep(tx, {
      siteId,
      rectificationId: row.id,
      status: next.status,
      byPerson: actor.personId,
      byName: actor.name,
      note,
      photoId: input.photoId ?? null,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: `rectification.${action}`,
      entityType: 'rectification',
      entityId: row.id,
      detail: { from: row.status, to: next.status, round: next.round, ...(note ? { note } : {}) },
    });
    const tellWhom = action === 'fix' ? row.inspector_id : row.person_id;
    await notifyPeople(tx, [tellWhom], { siteId, code: 'rectification.moved', params: { action, note: note ?? '' } });
    const payload = { rectificationId: row.id, inspectionId: row.inspection_id, status: next.status };
    tx.emit({ siteId }, 'rectification.changed', payload);
    tx.emit({ personId: row.person_id, siteId }, 'rectification.changed', payload);
    tx.emit({ personId: row.inspector_id, siteId }, 'rectification.changed', payload);
  });
  return getRectification(deps, actor, siteId, row.id);
}

// ---- the overdue alert ----

/**
 * At the deadline of a round, a rectification still waiting on its fix alerts the person and the
 * inspector, once: the overdue stamp is set only while unset, and a fix cancels nothing because
 * the handler finds the status moved on.
 */
export function registerInspectionTimers(timers: TimerRunner): void {
  timers.register(RECTIFICATION_OVERDUE_TIMER, async (tx, timer) => {
    const { rectificationId, round } = timer.payload as { rectificationId: string; round: number };
    const row = await findRectificationById(tx.trx, rectificationId);
    if (!row) return;
    if ((await markOverdue(tx.trx, row.id, round, tx.now, AWAITING_FIX)) === 0) return;
    const inspection = await findInspectionById(tx.trx, row.inspection_id);
    const item = (await listItemsOf(tx.trx, row.inspection_id)).find((i) => i.item_id === row.item_id);
    await notifyPeople(tx, [row.person_id, row.inspector_id], {
      siteId: row.site_id,
      code: 'rectification.overdue',
      params: { item: { zh: item?.text_zh ?? row.item_id, en: item?.text_en ?? '' } },
    });
    const site = await findSiteRow(tx.trx, row.site_id);
    await recordAudit(
      tx,
      { personId: null, name: null, companyId: site!.company_id, requestId: null },
      {
        siteId: row.site_id,
        action: 'rectification.overdue',
        entityType: 'rectification',
        entityId: row.id,
        detail: { round, inspectionId: inspection?.id ?? null },
      },
    );
    const payload = { rectificationId: row.id, inspectionId: row.inspection_id, status: row.status };
    tx.emit({ siteId: row.site_id }, 'rectification.changed', payload);
  });
}
