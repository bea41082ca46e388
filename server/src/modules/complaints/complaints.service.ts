/**
 * Complaints (投诉) handled to their end. Filed from a staff phone, the console, the developer's
 * people (client viewers) or the public QR page; a handler gives it an owner, the owner notes what
 * was done and reports the result back to the complainant with the channel it went by; a handler
 * calls the complainant back (回访): satisfied closes it, not satisfied reopens it with a new deadline.
 *
 * The deadline is the site's hours for the severity, from receipt or reopening. A timer at the
 * deadline alerts the owner and the site managers, a second at twice that the company admins:
 * each once per round, and not at all once the result went back.
 */
import {
  COMPLAINT_AWAITING_RESULT,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_MOVES,
  COMPLAINT_SEVERITY_LABELS,
  DEFAULT_COMPLAINT_SETTINGS,
  type Complaint,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintEventKind,
  type ComplaintFigures,
  type ComplaintListQuery,
  type ComplaintSettings,
  type ComplaintSeverity,
  type ComplaintSource,
  type ComplaintStatus,
  type ComplaintSummary,
  type ComplaintVerdict,
  type PageOf,
  type Role,
} from '@anchang/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { ComplaintsTable, DB } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { instantAt, addDays, isValidDate } from '../../platform/site-time.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { notifyCompanyAdmins, notifyPeople } from '../notifications/index.js';
import { findPersonNames, listActiveMembersOfSite, maskPhone } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPostRow, findPostsByIds } from '../posts/index.js';
import { findSiteRow } from '../sites/index.js';
import { findVisitRecord } from '../visits/index.js';
import { complaintFiguresOfPeriod } from './complaint-figures.js';
import { FILERS, HANDLERS, OWNER_ROLES, PHONE_READERS, READERS } from './complaints.policy.js';
import {
  findComplaintById,
  findComplaintRow,
  findSettingsRow,
  insertComplaint,
  listComplaintRows,
  listEventsOfComplaint,
  nextComplaintNumber,
  updateComplaintAtVersion,
  upsertSettingsRow,
} from './complaints.repository.js';
import { deadlineFor, escalationDueAt, isOverdueNow, nextComplaintState, stateError, type MoveInput } from './complaints.rules.js';

export const COMPLAINT_DEADLINE_TIMER = 'complaint-deadline';
/** One timer per complaint, round (1 + reopenings) and level (1: the deadline, 2: twice it). */
const deadlineTimerId = (complaintId: string, round: number, level: 1 | 2) => `${COMPLAINT_DEADLINE_TIMER}:${complaintId}:${round}:${level}`;

type Db = Kysely<DB> | Transaction<DB>;

// ---- settings ----

export async function readComplaintSettings(db: Db, siteId: string): Promise<ComplaintSettings> {
  const row = await findSettingsRow(db, siteId);
  if (!row) return DEFAULT_COMPLAINT_SETTINGS;
  const saved = JSON.parse(row.settings) as Partial<ComplaintSettings>;
  return { deadlineHours: { ...DEFAULT_COMPLAINT_SETTINGS.deadlineHours, ...saved.deadlineHours } };
}

export async function getComplaintSettings(deps: Deps, actor: Actor, siteId: string): Promise<ComplaintSettings> {
  requireSiteRole(actor, siteId, READERS);
  return readComplaintSettings(deps.db, siteId);
}

/** The site managers set the hours; a complaint already filed keeps the deadline it was given. */
export async function updateComplaintSettings(deps: Deps, actor: Actor, siteId: string, settings: ComplaintSettings): Promise<ComplaintSettings> {
  requireSiteRole(actor, siteId, ['company_admin', 'site_manager']);
  await inTransaction(deps, async (tx) => {
    await upsertSettingsRow(tx.trx, siteId, JSON.stringify(settings), tx.now);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'complaint.settings',
      entityType: 'site',
      entityId: siteId,
      detail: { ...settings.deadlineHours },
    });
  });
  return settings;
}

// ---- filing ----

/** What a complaint is filed with, from any door (the routes here, or the public QR page's module). */
export interface FileComplaintInput {
  siteId: string;
  source: ComplaintSource;
  /** The person who typed it in; null for the public QR page. */
  filedBy: { personId: string; name: string } | null;
  complainantName?: string | null;
  complainantPhone?: string | null;
  /** Required (true) with a phone: the complainant agreed to be called back. */
  phoneConsent?: boolean;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
  postId?: string | null;
  visitId?: string | null;
  /** Photos already uploaded to this site through the photos module. */
  photoIds?: readonly string[];
  /** Give it straight to an owner (it starts in handling). */
  ownerId?: string | null;
}

/**
 * Files a complaint: checks the post, visit, photos and owner belong to the site, gives it the
 * site's next number and its deadline, schedules the escalation timers, tells the handlers (and
 * the owner), records the audit entry and announces `complaint.changed` to the site's room.
 * Opens its own transaction. Throws 4xx AppErrors for bad input; nothing is saved then.
 */
export async function fileComplaint(deps: Deps, input: FileComplaintInput): Promise<{ complaintId: string; number: number }> {
  const phone = input.complainantPhone?.trim() || null;
  if (phone && input.phoneConsent !== true)
    throw new AppError('COMPLAINT_PHONE_CONSENT_REQUIRED', {
      message: 'Keep a phone number only with the complainant’s consent to be called back',
      params: { field: 'phoneConsent' },
    });
  const description = input.description.trim();
  if (!description) throw new AppError('VALIDATION_FAILED', { message: 'Say what happened', params: { field: 'description' } });
  if (input.postId && !(await findPostRow(deps.db, input.siteId, input.postId)))
    throw new AppError('POST_NOT_FOUND', { params: { postId: input.postId } });
  if (input.visitId && !(await findVisitRecord(deps.db, input.siteId, input.visitId)))
    throw new AppError('COMPLAINT_VISIT_NOT_FOUND', { message: 'No such visit at this site', params: { visitId: input.visitId } });
  const photoIds = [...new Set(input.photoIds ?? [])];
  for (const photoId of photoIds) await assertPhotoOnSite(deps, input.siteId, photoId);
  if (input.ownerId) await requireOwnerOnSite(deps.db, input.siteId, input.ownerId);
  const settings = await readComplaintSettings(deps.db, input.siteId);

  return inTransaction(deps, async (tx) => {
    const status: ComplaintStatus = input.ownerId ? 'handling' : 'received';
    const row: ComplaintsTable = {
      id: newId(tx.now),
      site_id: input.siteId,
      number: await nextComplaintNumber(tx.trx, input.siteId),
      source: input.source,
      category: input.category,
      severity: input.severity,
      status,
      description,
      complainant_name: input.complainantName?.trim() || null,
      complainant_phone: phone,
      phone_consent: phone ? 1 : 0,
      post_id: input.postId ?? null,
      visit_id: input.visitId ?? null,
      photo_ids: JSON.stringify(photoIds),
      filed_by: input.filedBy?.personId ?? null,
      filed_by_name: input.filedBy?.name ?? null,
      owner_id: input.ownerId ?? null,
      received_at: tx.now,
      round_started_at: tx.now,
      deadline_at: deadlineFor(tx.now, input.severity, settings),
      overdue_at: null,
      first_result_at: null,
      result_text: null,
      result_channel: null,
      result_at: null,
      verdict: null,
      follow_up_by_name: null,
      follow_up_at: null,
      closed_at: null,
      reopen_count: 0,
      version: 1,
      updated_at: tx.now,
    };
    await insertComplaint(tx.trx, row);
    await scheduleDeadlineTimers(tx, row.site_id, row.id, 1, row.round_started_at, row.deadline_at);
    recordLine(tx, row, 'filed', 'received', input.filedBy, null);
    if (input.ownerId) recordLine(tx, row, 'assigned', 'handling', input.filedBy, null);
    const site = await findSiteRow(tx.trx, row.site_id);
    const by: ActorRef = {
      personId: input.filedBy?.personId ?? null,
      name: input.filedBy?.name ?? null,
      companyId: site!.company_id,
      requestId: null,
    };
    await recordAudit(tx, by, {
      siteId: row.site_id,
      action: 'complaint.file',
      entityType: 'complaint',
      entityId: row.id,
      detail: { number: row.number, source: row.source, category: row.category, severity: row.severity },
    });
    const handlers = (await listActiveMembersOfSite(tx.trx, row.site_id, HANDLERS)).map((m) => m.id);
    const tell = [...handlers, ...(row.owner_id ? [row.owner_id] : [])].filter((id) => id !== input.filedBy?.personId);
    await notifyPeople(tx, tell, {
      siteId: row.site_id,
      code: 'complaint.new',
      params: {
        number: row.number,
        severity: COMPLAINT_SEVERITY_LABELS[input.severity],
        category: COMPLAINT_CATEGORY_LABELS[input.category],
        description,
      },
    });
    announce(tx, row);
    return { complaintId: row.id, number: row.number };
  });
}

/** From the routes: the source follows the door (a client viewer's complaint is always 'client'). */
export async function fileComplaintAs(
  deps: Deps,
  actor: Actor,
  siteId: string,
  body: Omit<FileComplaintInput, 'siteId' | 'source' | 'filedBy'> & { via?: 'staff' | 'console' },
): Promise<Complaint> {
  const role = requireSiteRole(actor, siteId, FILERS);
  if (body.ownerId && !HANDLERS.includes(role)) throw forbidden({ field: 'ownerId' });
  const source: ComplaintSource = role === 'client_viewer' ? 'client' : (body.via ?? 'staff');
  const { complaintId } = await fileComplaint(deps, { ...body, siteId, source, filedBy: { personId: actor.personId, name: actor.name } });
  return getComplaint(deps, actor, siteId, complaintId);
}

async function requireOwnerOnSite(db: Db, siteId: string, ownerId: string): Promise<void> {
  const members = await listActiveMembersOfSite(db, siteId, OWNER_ROLES);
  if (!members.some((m) => m.id === ownerId))
    throw new AppError('COMPLAINT_OWNER_NOT_ON_SITE', { message: 'The owner must work on this site', params: { ownerId } });
}

async function scheduleDeadlineTimers(tx: Tx, siteId: string, complaintId: string, round: number, startAt: number, deadlineAt: number) {
  await scheduleTimer(tx, {
    id: deadlineTimerId(complaintId, round, 1),
    kind: COMPLAINT_DEADLINE_TIMER,
    siteId,
    dueAt: deadlineAt,
    payload: { complaintId, round, level: 1 },
  });
  await scheduleTimer(tx, {
    id: deadlineTimerId(complaintId, round, 2),
    kind: COMPLAINT_DEADLINE_TIMER,
    siteId,
    dueAt: escalationDueAt(startAt, deadlineAt),
    payload: { complaintId, round, level: 2 },
  });
}

function recordLine(
  tx: Tx,
  row: { id: string; site_id: string },
  kind: ComplaintEventKind,
  status: ComplaintStatus,
  by: { personId: string | null; name: string | null } | null,
  note: string | null,
  verdict: ComplaintVerdict | null = null,
): void {
  tx.deferInsert('complaint_events', {
    id: newId(tx.now),
    site_id: row.site_id,
    complaint_id: row.id,
    kind,
    status,
    by_person: by?.personId ?? null,
    by_name: by?.name ?? null,
    note,
    verdict,
    at: tx.now,
  });
}

/** Ids, status and version only: the text and the complainant are read over HTTP by those who may. */
const announce = (tx: Tx, row: { id: string; site_id: string; status: string; version: number }) =>
  tx.emit({ siteId: row.site_id }, 'complaint.changed', { complaintId: row.id, status: row.status, version: row.version });

// ---- reading ----

const isReader = (role: Role) => READERS.includes(role);
const canSee = (actor: Actor, role: Role, row: ComplaintsTable) =>
  isReader(role) || row.filed_by === actor.personId || row.owner_id === actor.personId;

/** What this reader may do with the complaint now (the moves check again). */
function actionsFor(actor: Actor, role: Role, row: ComplaintsTable): ComplaintAction[] {
  const status = row.status as ComplaintStatus;
  const isHandler = HANDLERS.includes(role);
  const isOwner = row.owner_id === actor.personId;
  return (Object.keys(COMPLAINT_MOVES) as ComplaintAction[]).filter((action) => {
    if (!COMPLAINT_MOVES[action].includes(status)) return false;
    if (action === 'note' || action === 'report_result') return isHandler || isOwner;
    return isHandler;
  });
}

async function toSummaries(
  deps: Deps,
  actor: Actor,
  role: Role,
  rows: ComplaintsTable[],
  fullPhone: (r: ComplaintsTable) => boolean,
): Promise<ComplaintSummary[]> {
  if (rows.length === 0) return [];
  const postIds = [...new Set(rows.flatMap((r) => (r.post_id ? [r.post_id] : [])))];
  const [posts, names] = await Promise.all([
    findPostsByIds(deps.db, postIds),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])),
    ),
  ]);
  const postName = new Map(posts.map((p) => [p.id, p.name]));
  const now = deps.clock.now();
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    number: r.number,
    source: r.source as ComplaintSource,
    category: r.category as ComplaintCategory,
    severity: r.severity as ComplaintSeverity,
    status: r.status as ComplaintStatus,
    description: r.description,
    complainantName: r.complainant_name,
    complainantPhone: fullPhone(r) ? r.complainant_phone : maskPhone(r.complainant_phone),
    postId: r.post_id,
    postName: r.post_id ? (postName.get(r.post_id) ?? null) : null,
    ownerId: r.owner_id,
    ownerName: r.owner_id ? (names.get(r.owner_id) ?? null) : null,
    filedByName: r.filed_by_name,
    receivedAt: Number(r.received_at),
    deadlineAt: Number(r.deadline_at),
    isOverdue: isOverdueNow({ status: r.status as ComplaintStatus, overdueAt: r.overdue_at, deadlineAt: Number(r.deadline_at) }, now),
    reopenCount: r.reopen_count,
    version: r.version,
  }));
}

async function toComplaint(deps: Deps, actor: Actor, role: Role, row: ComplaintsTable): Promise<Complaint> {
  // The detail is where the owner and the handlers find the number to call back; everyone else sees it masked.
  const fullPhone = (r: ComplaintsTable) => (PHONE_READERS as readonly Role[]).includes(role) || r.owner_id === actor.personId;
  const [[summary], events] = await Promise.all([toSummaries(deps, actor, role, [row], fullPhone), listEventsOfComplaint(deps.db, row.id)]);
  return {
    ...summary!,
    visitId: row.visit_id,
    phoneConsent: row.phone_consent === 1,
    photoIds: JSON.parse(row.photo_ids) as string[],
    resultText: row.result_text,
    resultChannel: row.result_channel as ComplaintChannel | null,
    resultAt: row.result_at === null ? null : Number(row.result_at),
    verdict: row.verdict as ComplaintVerdict | null,
    followUpByName: row.follow_up_by_name,
    followUpAt: row.follow_up_at === null ? null : Number(row.follow_up_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    actions: actionsFor(actor, role, row),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind as ComplaintEventKind,
      status: e.status as ComplaintStatus,
      byName: e.by_name,
      note: e.note,
      at: Number(e.at),
    })),
  };
}

export async function getComplaint(deps: Deps, actor: Actor, siteId: string, complaintId: string): Promise<Complaint> {
  const role = requireSiteMember(actor, siteId);
  const row = await findComplaintRow(deps.db, siteId, complaintId);
  if (!row || !canSee(actor, role, row)) throw new AppError('COMPLAINT_NOT_FOUND', { params: { complaintId } });
  return toComplaint(deps, actor, role, row);
}

export async function listComplaints(deps: Deps, actor: Actor, siteId: string, query: ComplaintListQuery): Promise<PageOf<ComplaintSummary>> {
  const role = requireSiteMember(actor, siteId);
  const scope = query.scope ?? (isReader(role) ? 'all' : 'mine');
  if (scope === 'all' && !isReader(role)) throw forbidden({ scope });
  const site = await findSiteRow(deps.db, siteId);
  const tz = site!.time_zone;
  for (const date of [query.from, query.to]) {
    if (date !== undefined && !isValidDate(date)) throw new AppError('INVALID_DATE', { message: 'Not a calendar date', params: { date } });
  }
  const statuses = query.status === 'open' ? ['received', 'handling', 'result_reported'] : query.status ? [query.status] : undefined;
  const page = pageRequest(query, 'desc');
  const rows = await listComplaintRows(deps.db, siteId, page, {
    mineOf: scope === 'mine' ? actor.personId : undefined,
    statuses,
    category: query.category,
    severity: query.severity,
    overdue: query.overdue === undefined ? undefined : { is: query.overdue, now: deps.clock.now() },
    fromMs: query.from ? instantAt(query.from, '00:00', tz) : undefined,
    toMs: query.to ? instantAt(addDays(query.to, 1), '00:00', tz) : undefined,
  });
  // Lists mask every phone: the full number is in the detail, for those who call back.
  return toPageBatched(rows, page, (pageRows) => toSummaries(deps, actor, role, pageRows, () => false));
}

/** The month's figures on the site's clock (YYYY-MM). */
export async function getComplaintFigures(deps: Deps, actor: Actor, siteId: string, month: string): Promise<ComplaintFigures> {
  requireSiteRole(actor, siteId, READERS);
  const site = await findSiteRow(deps.db, siteId);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return complaintFiguresOfPeriod(
    deps.db,
    siteId,
    instantAt(`${month}-01`, '00:00', site!.time_zone),
    instantAt(`${next}-01`, '00:00', site!.time_zone),
  );
}

// ---- moving ----

export type MoveRequest = MoveInput & { note?: string | null };

/**
 * A handler assigns, follows up, closes and reopens; the owner (or a handler) notes and reports
 * the result. The move applies to the version read: two people moving at once, one gets 409
 * COMPLAINT_STATE with the state the other left.
 */
export async function moveComplaint(deps: Deps, actor: Actor, siteId: string, complaintId: string, request: MoveRequest): Promise<Complaint> {
  const role = requireSiteMember(actor, siteId);
  const row = await findComplaintRow(deps.db, siteId, complaintId);
  if (!row || !canSee(actor, role, row)) throw new AppError('COMPLAINT_NOT_FOUND', { params: { complaintId } });
  const { action } = request;
  const isHandler = HANDLERS.includes(role);
  if (!isHandler) {
    if (action !== 'note' && action !== 'report_result') throw forbidden({ action });
    if (row.owner_id !== actor.personId)
      throw new AppError('COMPLAINT_NOT_YOURS', { message: 'The owner or a manager handles this complaint', params: { complaintId } });
  }
  if (request.action === 'assign') await requireOwnerOnSite(deps.db, siteId, request.ownerId);
  const settings = await readComplaintSettings(deps.db, siteId);
  const note = (request.action === 'report_result' ? request.resultText : request.note)?.trim() || null;
  await inTransaction(deps, async (tx) => {
    const move = nextComplaintState(
      {
        id: row.id,
        status: row.status as ComplaintStatus,
        severity: row.severity as ComplaintSeverity,
        deadlineAt: Number(row.deadline_at),
        overdueAt: row.overdue_at === null ? null : Number(row.overdue_at),
        firstResultAt: row.first_result_at === null ? null : Number(row.first_result_at),
        reopenCount: row.reopen_count,
      },
      request,
      tx.now,
      settings,
    );
    const patch: Partial<ComplaintsTable> = {
      status: move.status,
      overdue_at: move.overdueAt,
      first_result_at: move.firstResultAt,
      updated_at: tx.now,
    };
    switch (request.action) {
      case 'assign':
        patch.owner_id = request.ownerId;
        break;
      case 'report_result':
        Object.assign(patch, { result_text: request.resultText!.trim(), result_channel: request.channel, result_at: tx.now });
        break;
      case 'follow_up':
        Object.assign(patch, { verdict: request.verdict, follow_up_by_name: actor.name, follow_up_at: tx.now });
        if (request.verdict === 'satisfied') patch.closed_at = tx.now;
        break;
      case 'close':
        patch.closed_at = tx.now;
        break;
      case 'note':
      case 'reopen':
        break;
    }
    if (move.newRound) {
      Object.assign(patch, {
        round_started_at: move.newRound.startAt,
        deadline_at: move.newRound.deadlineAt,
        reopen_count: row.reopen_count + 1,
        closed_at: null,
        // The new round is handled afresh: the last result and verdict stay in the timeline.
        result_text: null,
        result_channel: null,
        result_at: null,
      });
    }
    if ((await updateComplaintAtVersion(tx.trx, row.id, row.version, patch)) === 0) {
      const current = (await findComplaintById(tx.trx, row.id)) ?? row;
      throw stateError({ id: row.id, status: current.status as ComplaintStatus }, action);
    }
    const after = { ...row, ...patch, version: row.version + 1 };
    const by = { personId: actor.personId, name: actor.name };
    const line =
      request.action === 'report_result'
        ? `${request.resultText!.trim()}`
        : request.action === 'assign'
          ? [await ownerName(tx, request.ownerId), note].filter(Boolean).join(' · ')
          : note;
    recordLine(tx, after, move.eventKind, move.status, by, line, request.action === 'follow_up' ? request.verdict : null);
    if (move.newRound) await scheduleDeadlineTimers(tx, siteId, row.id, row.reopen_count + 2, move.newRound.startAt, move.newRound.deadlineAt);
    if (action !== 'note')
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: `complaint.${action}`,
        entityType: 'complaint',
        entityId: row.id,
        detail: {
          number: row.number,
          from: row.status,
          to: move.status,
          ...(request.action === 'assign' ? { ownerId: request.ownerId } : {}),
          ...(request.action === 'report_result' ? { channel: request.channel } : {}),
          ...(request.action === 'follow_up' ? { verdict: request.verdict } : {}),
        },
      });
    const ownerToTell = request.action === 'assign' ? request.ownerId : move.newRound ? after.owner_id : null;
    if (ownerToTell && ownerToTell !== actor.personId)
      await notifyPeople(tx, [ownerToTell], {
        siteId,
        code: 'complaint.yours',
        params: {
          number: row.number,
          reopened: Boolean(move.newRound),
          category: COMPLAINT_CATEGORY_LABELS[row.category as ComplaintCategory],
          description: row.description,
        },
      });
    announce(tx, after);
  });
  return getComplaint(deps, actor, siteId, row.id);
}

async function ownerName(tx: Tx, personId: string): Promise<string> {
  return (await findPersonNames(tx.trx, [personId])).get(personId) ?? '';
}

// ---- the deadline and its escalation ----

/**
 * Level 1 at the deadline: the owner and the site managers; level 2 at twice the deadline: the
 * company admins. Each timer id is fired once; a complaint whose result went back, or that was
 * reopened into a new round since, is left alone.
 */
export function registerComplaintTimers(timers: TimerRunner): void {
  timers.register(COMPLAINT_DEADLINE_TIMER, async (tx, timer) => {
    const { complaintId, round, level } = timer.payload as { complaintId: string; round: number; level: 1 | 2 };
    const row = await findComplaintById(tx.trx, complaintId);
    if (!row || row.reopen_count + 1 !== round || !COMPLAINT_AWAITING_RESULT.includes(row.status as ComplaintStatus)) return;
    const patch: Partial<ComplaintsTable> = { updated_at: tx.now, ...(row.overdue_at === null ? { overdue_at: Number(row.deadline_at) } : {}) };
    if ((await updateComplaintAtVersion(tx.trx, row.id, row.version, patch)) === 0) throw new Error('complaint moved while escalating; retried');
    const after = { ...row, ...patch, version: row.version + 1 };
    const params = {
      level,
      number: row.number,
      severity: COMPLAINT_SEVERITY_LABELS[row.severity as ComplaintSeverity],
      category: COMPLAINT_CATEGORY_LABELS[row.category as ComplaintCategory],
      description: row.description,
    };
    if (level === 1) {
      const managers = (await listActiveMembersOfSite(tx.trx, row.site_id, ['site_manager'])).map((m) => m.id);
      await notifyPeople(tx, [...(row.owner_id ? [row.owner_id] : []), ...managers], { siteId: row.site_id, code: 'complaint.deadline', params });
    } else {
      await notifyCompanyAdmins(tx, { siteId: row.site_id, code: 'complaint.deadline', params });
    }
    recordLine(tx, after, level === 1 ? 'overdue' : 'escalated', row.status as ComplaintStatus, null, null);
    const site = await findSiteRow(tx.trx, row.site_id);
    await recordAudit(
      tx,
      { personId: null, name: null, companyId: site!.company_id, requestId: null },
      {
        siteId: row.site_id,
        action: level === 1 ? 'complaint.overdue' : 'complaint.escalated',
        entityType: 'complaint',
        entityId: row.id,
        detail: { number: row.number, round },
      },
    );
    announce(tx, after);
  });
}
