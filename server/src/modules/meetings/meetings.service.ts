/**
 * Meetings (例会, sop-library section C): the daily debrief (日会 / 班后总结会) the site manager or a
 * supervisor opens at the day's close, and the weekly review (周会) of a site-local ISO week.
 *
 * - A debrief's attendance starts from the answers staff gave at clock-out (the shifts module)
 *   and is corrected on the console (present / absent / excused, with who corrected it).
 * - Its figures are the day board's (day-board module): read live while the meeting is open,
 *   frozen when it is closed and signed, as are its attendance, minutes and items.
 * - A review shows the week's figures summed over its days, and the items of earlier meetings
 *   still open when the week began: read where they were given, never copied, until done.
 * - Action items go to a member of the site with a due date; the owner (from the phone) or an
 *   overseer marks them done. A timer tells the owner and the site managers once when one is
 *   still open after its due day ended on the site's clocks.
 */
import type {
  ActionItem,
  AttendanceStatus,
  MeetingAttendee,
  MeetingCompliance,
  MeetingDetail,
  MeetingFigures,
  MeetingKind,
  MeetingSummary,
  PageOf,
  Role,
  TodayDebrief,
} from '@anchang/contracts';
import { ACTION_ITEM_OWNERS } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/create-db.js';
import type { DB, MeetingActionItemsTable, MeetingAttendanceTable, MeetingsTable, SitesTable } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { addDays, instantAt, isValidDate, mondayOf } from '../../platform/site-time.js';
import { cancelTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { siteDayFigures, type SiteDayFigures } from '../day-board/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, listActiveMembersOfSite } from '../people/index.js';
import { findPostsByIds } from '../posts/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { listDebriefAnswersOn } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { MEETING_HOSTS } from './meetings.policy.js';
import {
  claimOverdueAlert,
  countOpenItems,
  findActionItemById,
  findActionItemRow,
  findMeetingOn,
  findMeetingRow,
  insertActionItem,
  insertAttendanceRows,
  insertMeeting,
  listAttendanceRows,
  listItemsCarriedInto,
  listItemsOfMeetings,
  listItemsOfOwner,
  listItemsOfPeriod,
  listMeetingRows,
  listMeetingsBetween,
  markItemDone,
  updateOpenMeeting,
  upsertAttendance,
} from './meetings.repository.js';
import {
  answerOfShifts,
  attendanceFromAnswer,
  complianceState,
  daysOfMonth,
  endOfSiteDay,
  isCarriedInto,
  isOverdue,
  siteDayOf,
  weekOf,
  weeksTouchingMonth,
} from './meetings.rules.js';

export const ACTION_ITEM_OVERDUE_TIMER = 'meeting-action-overdue';
const overdueTimerId = (itemId: string) => `${ACTION_ITEM_OVERDUE_TIMER}:${itemId}`;

type Db = Kysely<DB>;
type ItemRow = MeetingActionItemsTable & { meeting_date: string; meeting_kind: string };

async function loadSite(db: Db, siteId: string): Promise<SitesTable> {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return site;
}

async function loadMeeting(db: Db, siteId: string, meetingId: string): Promise<MeetingsTable> {
  const row = await findMeetingRow(db, siteId, meetingId);
  if (!row) throw new AppError('MEETING_NOT_FOUND', { params: { meetingId } });
  return row;
}

const closedError = (row: MeetingsTable) =>
  new AppError('MEETING_CLOSED', {
    message: 'This meeting was closed and signed: it can no longer change',
    params: { meetingId: row.id, closedAt: row.closed_at },
  });

function assertOpen(row: MeetingsTable): void {
  if (row.status !== 'open') throw closedError(row);
}

const endDateOf = (row: Pick<MeetingsTable, 'kind' | 'date'>) => (row.kind === 'review' ? addDays(row.date, 6) : row.date);

function toSummary(row: MeetingsTable, actionItems: number): MeetingSummary {
  return {
    id: row.id,
    siteId: row.site_id,
    kind: row.kind as MeetingKind,
    date: row.date,
    endDate: endDateOf(row),
    status: row.status as MeetingSummary['status'],
    openedByName: row.opened_by_name,
    openedAt: row.opened_at,
    closedByName: row.closed_by_name,
    closedAt: row.closed_at,
    actionItems,
  };
}

/**
 * An item as it stands at `asOf` (now, on every screen): a signed meeting freezes which items
 * it gave, not their life after it; they are done whenever their owner does them.
 */
function toActionItem(r: ItemRow, names: Map<string, string>, timeZone: string, asOf: number): ActionItem {
  const isDone = r.done_at !== null && r.done_at <= asOf;
  const status = isDone ? 'done' : 'open';
  return {
    id: r.id,
    siteId: r.site_id,
    meetingId: r.meeting_id,
    meetingKind: r.meeting_kind as MeetingKind,
    meetingDate: r.meeting_date,
    text: r.text,
    ownerId: r.owner_id,
    ownerName: names.get(r.owner_id) ?? '',
    dueDate: r.due_date,
    status,
    isOverdue: isOverdue({ status, dueDate: r.due_date }, timeZone, asOf),
    isDoneLate: isDone && r.done_at! >= endOfSiteDay(r.due_date, timeZone),
    doneAt: isDone ? r.done_at : null,
    doneByName: isDone ? r.done_by_name : null,
    createdAt: r.created_at,
  };
}

async function toActionItems(db: Db, rows: ItemRow[], timeZone: string, asOf: number): Promise<ActionItem[]> {
  const names = await findPersonNames(
    db,
    rows.map((r) => r.owner_id),
  );
  return rows.map((r) => toActionItem(r, names, timeZone, asOf));
}

const sumFigures = (days: SiteDayFigures[]): MeetingFigures => {
  const total: MeetingFigures = { rostered: 0, absent: 0, late: 0, visitors: 0, anomalies: 0, missedRounds: 0, openRepairs: 0, opinions: 0 };
  for (const d of days) {
    total.rostered += d.rostered;
    total.absent += d.absent;
    total.late += d.late;
    total.visitors += d.visitors;
    total.anomalies += d.anomalies;
    total.missedRounds += d.missedRounds;
    total.opinions += d.opinions;
  }
  // Open repairs are a level, not a flow: the week's is the one at its last day's end.
  total.openRepairs = days.length > 0 ? days[days.length - 1]!.openRepairs : 0;
  return total;
};

interface FrozenFigures {
  figures: MeetingFigures;
  days: { date: string; figures: MeetingFigures }[];
}

const stripDate = ({ date: _date, ...figures }: SiteDayFigures): MeetingFigures => figures;

async function liveFigures(db: Db, site: SitesTable, row: MeetingsTable, now: number): Promise<FrozenFigures> {
  const days = await siteDayFigures(db, { id: site.id, timeZone: site.time_zone }, row.date, endDateOf(row), now);
  return { figures: sumFigures(days), days: days.map((d) => ({ date: d.date, figures: stripDate(d) })) };
}

/**
 * The debrief's attendance: everyone rostered that day or on a shift that day, with their
 * clock-out answer and any correction. A closed debrief reads only its frozen rows.
 */
async function attendanceOf(db: Db, row: MeetingsTable): Promise<MeetingAttendee[]> {
  const [entries, answers, stored] = await Promise.all([
    listEntriesBetween(db, row.site_id, row.date, row.date),
    listDebriefAnswersOn(db, row.site_id, row.date),
    listAttendanceRows(db, row.id),
  ]);
  const storedBy = new Map(stored.map((s) => [s.person_id, s]));
  const personIds =
    row.status === 'closed' ? stored.map((s) => s.person_id) : [...new Set([...entries.map((e) => e.person_id), ...answers.map((a) => a.person_id)])];
  const postIdsOf = (personId: string) => [
    ...new Set([
      ...entries.filter((e) => e.person_id === personId).map((e) => e.post_id),
      ...answers.filter((a) => a.person_id === personId).map((a) => a.post_id),
    ]),
  ];
  const [names, posts] = await Promise.all([findPersonNames(db, personIds), findPostsByIds(db, [...new Set(personIds.flatMap(postIdsOf))])]);
  const postName = new Map(posts.map((p) => [p.id, p.name]));
  const attendees = personIds.map((personId): MeetingAttendee => {
    const s = storedBy.get(personId);
    const live = answerOfShifts(answers.filter((a) => a.person_id === personId));
    const answer = row.status === 'closed' && s ? (s.clock_out_answer === null ? null : s.clock_out_answer === 1) : live;
    return {
      personId,
      personName: names.get(personId) ?? '',
      postNames: postIdsOf(personId).map((id) => postName.get(id) ?? ''),
      clockOutAnswer: answer,
      status: (s?.status as AttendanceStatus | undefined) ?? attendanceFromAnswer(answer),
      correctedByName: s?.corrected_by_name ?? null,
      correctedAt: s?.corrected_at ?? null,
    };
  });
  return attendees.sort((a, b) => a.personName.localeCompare(b.personName, 'zh-CN'));
}

async function carriedOverOf(db: Db, site: SitesTable, row: MeetingsTable): Promise<ItemRow[]> {
  if (row.kind !== 'review') return [];
  const weekStartsAt = instantAt(row.date, '00:00', site.time_zone);
  const candidates = await listItemsCarriedInto(db, row.site_id, row.date, weekStartsAt);
  return candidates.filter((c) => isCarriedInto({ meetingDate: c.meeting_date, createdAt: c.created_at, doneAt: c.done_at }, row.date, weekStartsAt));
}

async function buildDetail(deps: Deps, site: SitesTable, row: MeetingsTable): Promise<MeetingDetail> {
  const db = deps.db;
  const now = deps.clock.now();
  const [figures, attendance, ownItems, carried, members] = await Promise.all([
    row.frozen_figures ? (JSON.parse(row.frozen_figures) as FrozenFigures) : liveFigures(db, site, row, now),
    row.kind === 'debrief' ? attendanceOf(db, row) : Promise.resolve([]),
    listItemsOfMeetings(db, [row.id]),
    carriedOverOf(db, site, row),
    listActiveMembersOfSite(db, row.site_id),
  ]);
  const items = await toActionItems(
    db,
    [...ownItems.map((r) => ({ ...r, meeting_date: row.date, meeting_kind: row.kind })), ...carried],
    site.time_zone,
    now,
  );
  return {
    meeting: toSummary(row, ownItems.length),
    minutes: row.minutes,
    figures: figures.figures,
    days: figures.days,
    attendance,
    actionItems: items.slice(0, ownItems.length),
    carriedOver: items.slice(ownItems.length),
    members: members.filter((m) => ACTION_ITEM_OWNERS.includes(m.role as Role)).map((m) => ({ personId: m.id, name: m.name })),
  };
}

export async function getMeeting(deps: Deps, actor: Actor, siteId: string, meetingId: string): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  return buildDetail(deps, site, await loadMeeting(deps.db, siteId, meetingId));
}

export async function listMeetings(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { kind?: MeetingKind; limit?: number; cursor?: string },
): Promise<PageOf<MeetingSummary>> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const page = pageRequest(query, 'desc');
  return toPageBatched(await listMeetingRows(deps.db, siteId, page, { kind: query.kind }), page, async (rows) => {
    const items = await listItemsOfMeetings(
      deps.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toSummary(r, items.filter((i) => i.meeting_id === r.id).length));
  });
}

function todayOf(site: SitesTable, now: number): string {
  return siteDayOf(now, site.time_zone);
}

/** Opens the debrief of a site-local day (today by default); one per day. */
export async function openDebrief(deps: Deps, actor: Actor, siteId: string, input: { date?: string }): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const today = todayOf(site, deps.clock.now());
  const date = input.date ?? today;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  if (date > today)
    throw new AppError('MEETING_DAY_IN_FUTURE', {
      message: 'A debrief is held at the close of a day that has begun',
      params: { date, today },
    });
  return openMeeting(deps, actor, site, 'debrief', date);
}

/** Opens the weekly review of the site-local ISO week that holds `date` (this week by default). */
export async function openReview(deps: Deps, actor: Actor, siteId: string, input: { date?: string }): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const today = todayOf(site, deps.clock.now());
  const date = input.date ?? today;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  const { weekStart } = weekOf(date);
  if (weekStart > today) throw new AppError('MEETING_DAY_IN_FUTURE', { message: 'That week has not begun', params: { date, today } });
  return openMeeting(deps, actor, site, 'review', weekStart);
}

const alreadyHeld = (kind: MeetingKind, date: string, meetingId: string | null) =>
  new AppError('MEETING_ALREADY_HELD', {
    message: kind === 'debrief' ? 'This day already has its debrief' : 'This week already has its review',
    params: { kind, date, meetingId },
  });

async function openMeeting(deps: Deps, actor: Actor, site: SitesTable, kind: MeetingKind, date: string): Promise<MeetingDetail> {
  const existing = await findMeetingOn(deps.db, site.id, kind, date);
  if (existing) throw alreadyHeld(kind, date, existing.id);
  let row: MeetingsTable;
  try {
    row = await inTransaction(deps, async (tx) => {
      const r: MeetingsTable = {
        id: newId(tx.now),
        site_id: site.id,
        kind,
        date,
        status: 'open',
        minutes: '',
        frozen_figures: null,
        opened_by: actor.personId,
        opened_by_name: actor.name,
        opened_at: tx.now,
        closed_by: null,
        closed_by_name: null,
        closed_at: null,
        updated_at: tx.now,
      };
      await insertMeeting(tx.trx, r);
      await recordAudit(tx, actorRef(actor), {
        siteId: site.id,
        action: `meeting.open`,
        entityType: 'meeting',
        entityId: r.id,
        detail: { kind, date },
      });
      tx.emit({ siteId: site.id }, 'meeting.changed', { meetingId: r.id, kind, date });
      return r;
    });
  } catch (err) {
    // Two managers opening the same day at once: the second learns which meeting holds it.
    if (isUniqueViolation(err)) throw alreadyHeld(kind, date, (await findMeetingOn(deps.db, site.id, kind, date))?.id ?? null);
    throw err;
  }
  return buildDetail(deps, site, row);
}

export async function saveMinutes(deps: Deps, actor: Actor, siteId: string, meetingId: string, minutes: string): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const row = await loadMeeting(deps.db, siteId, meetingId);
  assertOpen(row);
  await inTransaction(deps, async (tx) => {
    if ((await updateOpenMeeting(tx.trx, row.id, { minutes: minutes.trim(), updated_at: tx.now })) === 0) throw closedError(row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'meeting.minutes',
      entityType: 'meeting',
      entityId: row.id,
      detail: { length: minutes.length },
    });
    tx.emit({ siteId }, 'meeting.changed', { meetingId: row.id, kind: row.kind, date: row.date });
  });
  return buildDetail(deps, site, await loadMeeting(deps.db, siteId, meetingId));
}

/** Corrects one person's attendance at an open debrief; they must have been rostered (or on a shift) that day. */
export async function correctAttendance(
  deps: Deps,
  actor: Actor,
  siteId: string,
  meetingId: string,
  personId: string,
  status: AttendanceStatus,
): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const row = await loadMeeting(deps.db, siteId, meetingId);
  assertOpen(row);
  const attendee = row.kind === 'debrief' ? (await attendanceOf(deps.db, row)).find((a) => a.personId === personId) : undefined;
  if (!attendee)
    throw new AppError('ATTENDEE_NOT_ROSTERED', {
      message: 'Only people rostered (or on a shift) on the debrief day take part in its attendance',
      params: { personId, date: row.date },
    });
  await inTransaction(deps, async (tx) => {
    if ((await updateOpenMeeting(tx.trx, row.id, { updated_at: tx.now })) === 0) throw closedError(row);
    await upsertAttendance(tx.trx, {
      meeting_id: row.id,
      person_id: personId,
      site_id: siteId,
      status,
      clock_out_answer: attendee.clockOutAnswer === null ? null : attendee.clockOutAnswer ? 1 : 0,
      corrected_by: actor.personId,
      corrected_by_name: actor.name,
      corrected_at: tx.now,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'meeting.attendance_correct',
      entityType: 'meeting',
      entityId: row.id,
      detail: { personId, from: attendee.status, to: status, clockOutAnswer: attendee.clockOutAnswer },
    });
    tx.emit({ siteId }, 'meeting.changed', { meetingId: row.id, kind: row.kind, date: row.date });
  });
  return buildDetail(deps, site, await loadMeeting(deps.db, siteId, meetingId));
}

/** Closes and signs a meeting: its figures and attendance are written as they stand, and nothing changes after. */
export async function closeMeeting(deps: Deps, actor: Actor, siteId: string, meetingId: string): Promise<MeetingDetail> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const row = await loadMeeting(deps.db, siteId, meetingId);
  assertOpen(row);
  const now = deps.clock.now();
  const [figures, attendance, stored] = await Promise.all([
    liveFigures(deps.db, site, row, now),
    row.kind === 'debrief' ? attendanceOf(deps.db, row) : Promise.resolve([]),
    listAttendanceRows(deps.db, row.id),
  ]);
  const corrected = new Set(stored.map((s) => s.person_id));
  await inTransaction(deps, async (tx) => {
    const changed = await updateOpenMeeting(tx.trx, row.id, {
      status: 'closed',
      frozen_figures: JSON.stringify(figures),
      closed_by: actor.personId,
      closed_by_name: actor.name,
      closed_at: tx.now,
      updated_at: tx.now,
    });
    if (changed === 0) throw closedError(row);
    // Everyone not corrected is frozen with the answer they gave; corrections are already rows.
    const frozen: MeetingAttendanceTable[] = attendance
      .filter((a) => !corrected.has(a.personId))
      .map((a) => ({
        meeting_id: row.id,
        person_id: a.personId,
        site_id: siteId,
        status: a.status,
        clock_out_answer: a.clockOutAnswer === null ? null : a.clockOutAnswer ? 1 : 0,
        corrected_by: null,
        corrected_by_name: null,
        corrected_at: null,
      }));
    await insertAttendanceRows(tx.trx, frozen);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'meeting.close',
      entityType: 'meeting',
      entityId: row.id,
      detail: {
        kind: row.kind,
        date: row.date,
        present: attendance.filter((a) => a.status === 'present').length,
        absent: attendance.filter((a) => a.status === 'absent').length,
        excused: attendance.filter((a) => a.status === 'excused').length,
      },
    });
    tx.emit({ siteId }, 'meeting.changed', { meetingId: row.id, kind: row.kind, date: row.date });
  });
  return buildDetail(deps, site, await loadMeeting(deps.db, siteId, meetingId));
}

/** Gives an action item at an open meeting to a member of the site, due on a day not before the meeting's. */
export async function addActionItem(
  deps: Deps,
  actor: Actor,
  siteId: string,
  meetingId: string,
  input: { text: string; ownerId: string; dueDate: string },
): Promise<ActionItem> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const row = await loadMeeting(deps.db, siteId, meetingId);
  assertOpen(row);
  if (!isValidDate(input.dueDate)) throw new AppError('INVALID_DATE', { params: { date: input.dueDate } });
  if (input.dueDate < row.date)
    throw new AppError('ACTION_DUE_BEFORE_MEETING', {
      message: 'An action item is due on or after the meeting day',
      params: { dueDate: input.dueDate, meetingDate: row.date },
    });
  const owner = (await listActiveMembersOfSite(deps.db, siteId)).find((m) => m.id === input.ownerId);
  if (!owner || !ACTION_ITEM_OWNERS.includes(owner.role as Role))
    throw new AppError('ACTION_OWNER_NOT_ON_SITE', {
      message: 'The owner must be someone who works on this site',
      params: { ownerId: input.ownerId },
    });
  const text = input.text.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', { message: 'Say what is to be done', params: { field: 'text' } });
  const item = await inTransaction(deps, async (tx) => {
    if ((await updateOpenMeeting(tx.trx, row.id, { updated_at: tx.now })) === 0) throw closedError(row);
    const r: MeetingActionItemsTable = {
      id: newId(tx.now),
      site_id: siteId,
      meeting_id: row.id,
      text,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      status: 'open',
      done_at: null,
      done_by: null,
      done_by_name: null,
      overdue_alerted_at: null,
      created_by: actor.personId,
      created_at: tx.now,
    };
    await insertActionItem(tx.trx, r);
    await scheduleTimer(tx, {
      id: overdueTimerId(r.id),
      kind: ACTION_ITEM_OVERDUE_TIMER,
      siteId,
      dueAt: endOfSiteDay(r.due_date, site.time_zone),
      payload: { itemId: r.id },
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'action_item.create',
      entityType: 'action_item',
      entityId: r.id,
      detail: { meetingId: row.id, ownerId: r.owner_id, dueDate: r.due_date },
    });
    if (r.owner_id !== actor.personId) {
      await notifyPeople(tx, [r.owner_id], {
        siteId,
        code: 'meeting.action_item_new',
        params: { due: r.due_date, text, by: actor.name, kind: row.kind === 'debrief' ? 'debrief' : 'weekly', date: row.date },
      });
    }
    tx.emit({ siteId }, 'meeting.changed', { meetingId: row.id, kind: row.kind, date: row.date });
    tx.emit({ personId: r.owner_id, siteId }, 'action_item.changed', { itemId: r.id, meetingId: row.id, status: 'open' });
    return r;
  });
  return (await toActionItems(deps.db, [{ ...item, meeting_date: row.date, meeting_kind: row.kind }], site.time_zone, deps.clock.now()))[0]!;
}

/** Done: by its owner (from the phone) or by an overseer of the site, with the time. */
export async function completeActionItem(deps: Deps, actor: Actor, siteId: string, itemId: string): Promise<ActionItem> {
  const role = requireSiteMember(actor, siteId);
  const site = await loadSite(deps.db, siteId);
  const item = await findActionItemRow(deps.db, siteId, itemId);
  if (!item) throw new AppError('ACTION_ITEM_NOT_FOUND', { params: { itemId } });
  if (item.owner_id !== actor.personId && !MEETING_HOSTS.includes(role))
    throw new AppError('ACTION_ITEM_NOT_YOURS', { message: 'Only its owner or a manager marks this item done', params: { itemId } });
  const alreadyDone = () => new AppError('ACTION_ITEM_ALREADY_DONE', { params: { itemId, doneAt: item.done_at } });
  if (item.status === 'done') throw alreadyDone();
  const meeting = (await findMeetingRow(deps.db, siteId, item.meeting_id))!;
  await inTransaction(deps, async (tx) => {
    if ((await markItemDone(tx.trx, item.id, { personId: actor.personId, name: actor.name }, tx.now)) === 0) throw alreadyDone();
    await cancelTimer(tx, overdueTimerId(item.id));
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'action_item.done',
      entityType: 'action_item',
      entityId: item.id,
      detail: { meetingId: item.meeting_id, ownerId: item.owner_id, dueDate: item.due_date },
    });
    tx.emit({ siteId }, 'meeting.changed', { meetingId: meeting.id, kind: meeting.kind, date: meeting.date });
    tx.emit({ personId: item.owner_id, siteId }, 'action_item.changed', { itemId: item.id, meetingId: item.meeting_id, status: 'done' });
  });
  const done = (await findActionItemById(deps.db, item.id))!;
  return (await toActionItems(deps.db, [{ ...done, meeting_date: meeting.date, meeting_kind: meeting.kind }], site.time_zone, deps.clock.now()))[0]!;
}

export async function listMyActionItems(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { status?: 'open' | 'done'; limit?: number; cursor?: string },
): Promise<PageOf<ActionItem>> {
  requireSiteMember(actor, siteId);
  const site = await loadSite(deps.db, siteId);
  const page = pageRequest(query, 'desc');
  const rows = await listItemsOfOwner(deps.db, siteId, actor.personId, page, { status: query.status });
  return toPageBatched(rows, page, (pageRows) => toActionItems(deps.db, pageRows, site.time_zone, deps.clock.now()));
}

/** The manager's phone: is today's debrief held, and how did attendance come out. */
export async function getTodayDebrief(deps: Deps, actor: Actor, siteId: string): Promise<TodayDebrief> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const date = todayOf(site, deps.clock.now());
  const [row, entries, openItems] = await Promise.all([
    findMeetingOn(deps.db, siteId, 'debrief', date),
    listEntriesBetween(deps.db, siteId, date, date),
    countOpenItems(deps.db, siteId),
  ]);
  const attendance = row ? await attendanceOf(deps.db, row) : [];
  const count = (status: AttendanceStatus) => attendance.filter((a) => a.status === status).length;
  const items = row ? await listItemsOfMeetings(deps.db, [row.id]) : [];
  return {
    date,
    isOpenDay: entries.length > 0,
    debrief: row ? toSummary(row, items.length) : null,
    attendance: { present: count('present'), absent: count('absent'), excused: count('excused') },
    openActionItems: openItems,
  };
}

/** The days and weeks of a month with their meeting held, missing, not yet due, or not needed (nobody rostered). */
export async function getCompliance(deps: Deps, actor: Actor, siteId: string, month: string): Promise<MeetingCompliance> {
  requireSiteRole(actor, siteId, MEETING_HOSTS);
  const site = await loadSite(deps.db, siteId);
  const today = todayOf(site, deps.clock.now());
  const days = daysOfMonth(month);
  const weeks = weeksTouchingMonth(month);
  const from = weeks[0]!.weekStart;
  const to = weeks[weeks.length - 1]!.weekEnd;
  const [entries, debriefs, reviews] = await Promise.all([
    listEntriesBetween(deps.db, siteId, from, to),
    listMeetingsBetween(deps.db, siteId, 'debrief', days[0]!, days[days.length - 1]!),
    listMeetingsBetween(deps.db, siteId, 'review', from, to),
  ]);
  const openDays = new Set(entries.map((e) => e.date));
  const dayRows = days.map((date) => {
    const meeting = debriefs.find((m) => m.date === date);
    return {
      date,
      meetingId: meeting?.id ?? null,
      state: complianceState({ isOpen: openDays.has(date), hasMeeting: !!meeting, firstDay: date, lastDay: date, today }),
    };
  });
  const weekRows = weeks.map((w) => {
    const meeting = reviews.find((m) => m.date === w.weekStart);
    let isOpen = false;
    for (let d = w.weekStart; d <= w.weekEnd; d = addDays(d, 1)) isOpen ||= openDays.has(d);
    return {
      ...w,
      meetingId: meeting?.id ?? null,
      state: complianceState({ isOpen, hasMeeting: !!meeting, firstDay: w.weekStart, lastDay: w.weekEnd, today }),
    };
  });
  return {
    month,
    days: dayRows,
    weeks: weekRows,
    missingDays: dayRows.filter((d) => d.state === 'missing').length,
    missingWeeks: weekRows.filter((w) => w.state === 'missing').length,
  };
}

export interface MeetingFiguresOfPeriod {
  /** Site-local days in the period with a roster. */
  openDays: number;
  /** Of those, the days with a debrief. */
  debriefsHeld: number;
  /** ISO weeks with an open day in the period. */
  weeks: number;
  /** Of those, the weeks with a review. */
  reviewsHeld: number;
  /** Items given at the period's meetings and not done by the period's end. */
  actionItemsOpen: number;
  /** Of those, the ones whose due day had ended by then. */
  actionItemsOverdue: number;
}

/**
 * The period's meeting figures for the monthly report: [fromMs, toMs) is taken as the site-local
 * days it covers (a month is its first midnight to the next month's, on the site's clocks).
 */
export async function meetingFiguresOfPeriod(db: Db, siteId: string, fromMs: number, toMs: number): Promise<MeetingFiguresOfPeriod> {
  const site = await loadSite(db, siteId);
  const fromDate = siteDayOf(fromMs, site.time_zone);
  const toDate = siteDayOf(toMs - 1, site.time_zone);
  const [entries, debriefs, reviews, items] = await Promise.all([
    listEntriesBetween(db, siteId, fromDate, toDate),
    listMeetingsBetween(db, siteId, 'debrief', fromDate, toDate),
    listMeetingsBetween(db, siteId, 'review', mondayOf(fromDate), toDate),
    listItemsOfPeriod(db, siteId, fromDate, toDate),
  ]);
  const openDays = new Set(entries.map((e) => e.date));
  const weeks = new Set([...openDays].map((d) => mondayOf(d)));
  const open = items.filter((i) => i.done_at === null || i.done_at >= toMs);
  return {
    openDays: openDays.size,
    debriefsHeld: debriefs.filter((m) => openDays.has(m.date)).length,
    weeks: weeks.size,
    reviewsHeld: reviews.filter((m) => weeks.has(m.date)).length,
    actionItemsOpen: open.length,
    actionItemsOverdue: open.filter((i) => isOverdue({ status: 'open', dueDate: i.due_date }, site.time_zone, toMs)).length,
  };
}

/** The overdue alert: once per item, to its owner and the site's managers, if still open. */
export function registerMeetingTimers(timers: TimerRunner): void {
  timers.register(ACTION_ITEM_OVERDUE_TIMER, async (tx, timer) => {
    const { itemId } = timer.payload as { itemId: string };
    const item = await findActionItemById(tx.trx, itemId);
    if (!item || item.status !== 'open') return;
    if ((await claimOverdueAlert(tx.trx, item.id, tx.now)) === 0) return;
    const site = await findSiteRow(tx.trx, item.site_id);
    if (!site) return;
    const members = await listActiveMembersOfSite(tx.trx, item.site_id);
    const managers = members.filter((m) => m.role === 'site_manager').map((m) => m.id);
    const owner = members.find((m) => m.id === item.owner_id);
    await notifyPeople(tx, [item.owner_id, ...managers], {
      siteId: item.site_id,
      code: 'meeting.action_item_overdue',
      params: { due: item.due_date, text: item.text, owner: owner?.name ?? '' },
    });
    const system: ActorRef = { personId: null, name: null, companyId: site.company_id, requestId: null };
    await recordAudit(tx, system, {
      siteId: item.site_id,
      action: 'action_item.overdue',
      entityType: 'action_item',
      entityId: item.id,
      detail: { ownerId: item.owner_id, dueDate: item.due_date, told: managers.length + 1 },
    });
    tx.emit({ personId: item.owner_id, siteId: item.site_id }, 'action_item.changed', {
      itemId: item.id,
      meetingId: item.meeting_id,
      status: 'overdue',
    });
  });
}
