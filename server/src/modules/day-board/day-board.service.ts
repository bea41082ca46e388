import { ROLE_GROUPS } from '@anchang/contracts';
/**
 * The manager's day board: every post of the site with who is on it, on time / late /
 * absent, checklist progress and open anomalies, for today (live) or any past day; and the
 * day's checklists and anomalies as an Excel workbook.
 */
import type { DayBoard, DayBoardRow, Locale, PostKind, StandardItem } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { addDays, endsNextDay, instantAt, isValidDate, localParts, shiftSpan } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { countUnresolvedByPost, listAnomaliesOn } from '../anomalies/index.js';
import { findPersonNames } from '../people/index.js';
import { listPostsOfSite } from '../posts/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { isLate, listResultsOfShifts, listShiftsOn } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { handoffAckFigures } from '../visits/index.js';
import { findVersionsByIds, readStandardSettings, listCurrentStandardRows, toPostStandard } from '../standards/index.js';

interface BoardData {
  board: DayBoard;
  itemsByVersion: Map<string, StandardItem[]>;
  shifts: Awaited<ReturnType<typeof listShiftsOn>>;
  results: Awaited<ReturnType<typeof listResultsOfShifts>>;
  names: Map<string, string>;
  postNames: Map<string, string>;
  timeZone: string;
}

async function loadBoard(deps: Deps, siteId: string, requestedDate: string | undefined): Promise<BoardData> {
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const now = deps.clock.now();
  const today = localParts(now, site.time_zone);
  const date = requestedDate ?? today.date;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });

  const [posts, entries, shifts, settings, unresolved, currentStandards] = await Promise.all([
    listPostsOfSite(deps.db, siteId),
    listEntriesBetween(deps.db, siteId, date, date),
    listShiftsOn(deps.db, siteId, date),
    readStandardSettings(deps.db, siteId),
    countUnresolvedByPost(deps.db, siteId),
    listCurrentStandardRows(deps.db, siteId),
  ]);
  const [results, versions, names, dayAnomalies, handoffs] = await Promise.all([
    listResultsOfShifts(
      deps.db,
      shifts.map((s) => s.id),
    ),
    findVersionsByIds(deps.db, [...new Set(shifts.map((s) => s.standard_version_id))]),
    findPersonNames(deps.db, [...entries.map((e) => e.person_id), ...shifts.map((s) => s.person_id)]),
    // Until the next midnight but one: a night shift of this day reports into the next morning.
    listAnomaliesOn(deps.db, siteId, instantAt(date, '00:00', site.time_zone), instantAt(addDays(date, 2), '00:00', site.time_zone)),
    handoffAckFigures(deps.db, siteId, instantAt(date, '00:00', site.time_zone), instantAt(addDays(date, 1), '00:00', site.time_zone)),
  ]);
  const itemsByVersion = new Map([...versions, ...currentStandards].map((v) => [v.id, toPostStandard(v).items]));
  const currentByKind = new Map(currentStandards.map((v) => [v.post_kind, v.id]));
  const unresolvedByPost = new Map(unresolved.map((u) => [u.post_id, Number(u.n)]));
  const phaseCount = (versionId: string | undefined, phase: 'PRE' | 'POST') =>
    (itemsByVersion.get(versionId ?? '') ?? []).filter((i) => i.phase === phase).length;

  const rows: DayBoardRow[] = posts.map((post) => {
    const postEntries = entries.filter((e) => e.post_id === post.id);
    return {
      postId: post.id,
      postName: post.name,
      postKind: post.kind as PostKind,
      openAnomalies: unresolvedByPost.get(post.id) ?? 0,
      entries: postEntries.map((e) => {
        const shift = shifts.find((s) => s.roster_entry_id === e.id);
        const shiftResults = shift ? results.filter((r) => r.shift_id === shift.id) : [];
        const versionId = shift?.standard_version_id ?? currentByKind.get(post.kind);
        // On instants: a night line is judged against its own start, whatever day it is now.
        const span = shiftSpan(e.date, e.start_time, e.end_time, site.time_zone);
        let presence: DayBoardRow['entries'][number]['presence'];
        if (shift) {
          presence = shift.status === 'closed' ? 'done' : isLate(shift.clock_in_at, span.startsAt, settings.lateGraceMinutes) ? 'late' : 'on_time';
        } else {
          presence = isLate(now, span.startsAt, settings.lateGraceMinutes) ? 'absent' : 'upcoming';
        }
        return {
          entryId: e.id,
          personId: e.person_id,
          personName: names.get(e.person_id) ?? '',
          start: e.start_time,
          end: e.end_time,
          presence,
          shiftId: shift?.id ?? null,
          clockInAt: shift?.clock_in_at ?? null,
          clockOutAt: shift?.clock_out_at ?? null,
          pre: phaseProgress(shiftResults, 'PRE', phaseCount(versionId, 'PRE')),
          post: phaseProgress(shiftResults, 'POST', phaseCount(versionId, 'POST')),
          anomalies: shift ? dayAnomalies.filter((a) => a.shift_id === shift.id).length : 0,
          leftWithGuests: shift?.left_with_guests === 1,
        };
      }),
    };
  });
  const all = rows.flatMap((r) => r.entries);
  return {
    board: {
      date,
      isToday: date === today.date,
      now,
      rows,
      handoffs,
      totals: {
        rostered: all.length,
        onDuty: all.filter((e) => e.presence === 'on_time' || e.presence === 'late').length,
        late: all.filter((e) => e.presence === 'late').length,
        absent: all.filter((e) => e.presence === 'absent').length,
        openAnomalies: rows.reduce((n, r) => n + r.openAnomalies, 0),
      },
    },
    itemsByVersion,
    shifts,
    results,
    names,
    postNames: new Map(posts.map((p) => [p.id, p.name])),
    timeZone: site.time_zone,
  };
}

/** Answered and 异常 counted apart, so a list answered in full with anomalies never reads as all clear. */
function phaseProgress(results: readonly { phase: string; result: string }[], phase: 'PRE' | 'POST', total: number) {
  const ofPhase = results.filter((r) => r.phase === phase);
  return { done: ofPhase.length, total, anomalies: ofPhase.filter((r) => r.result === 'anomaly').length };
}

export async function getDayBoard(deps: Deps, actor: Actor, siteId: string, date: string | undefined): Promise<DayBoard> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  return (await loadBoard(deps, siteId, date)).board;
}

type Presence = DayBoardRow['entries'][number]['presence'];

/** Everything the workbook writes in words, in the reader's language only. */
interface WorkbookWords {
  sheets: { attendance: string; checklists: string; anomalies: string };
  post: string;
  person: string;
  rostered: string;
  clockIn: string;
  clockOut: string;
  status: string;
  pre: string;
  postShift: string;
  anomalies: string;
  phase: string;
  item: string;
  text: string;
  result: string;
  time: string;
  note: string;
  category: string;
  resolution: string;
  presence: Record<Presence, string>;
  /** Before a time on the day after the shift's date (a night shift's clock-out). */
  nextDay: string;
  results: Record<'ok' | 'anomaly' | 'na' | 'none', string>;
  phases: Record<'PRE' | 'POST', string>;
  categories: Record<'equipment' | 'supplies' | 'environment' | 'other', string>;
  statuses: Record<'open' | 'acknowledged' | 'assigned' | 'resolved', string>;
  site: string;
}

const WORKBOOK_WORDS: Record<Locale, WorkbookWords> = {
  'zh-CN': {
    sheets: { attendance: '签到', checklists: '检查表', anomalies: '异常' },
    post: '岗位',
    person: '人员',
    rostered: '排班',
    clockIn: '签到',
    clockOut: '签退',
    status: '状态',
    pre: '班前',
    postShift: '下班',
    anomalies: '异常',
    phase: '阶段',
    item: '编号',
    text: '内容',
    result: '结果',
    time: '时间',
    note: '说明',
    category: '类别',
    resolution: '处理',
    presence: { upcoming: '未到班时', on_time: '在岗', late: '迟到', absent: '缺勤', done: '已下班' },
    nextDay: '次日',
    results: { ok: '正常', anomaly: '异常', na: '不适用', none: '未做' },
    phases: { PRE: '班前', POST: '下班' },
    categories: { equipment: '设备', supplies: '物资', environment: '环境', other: '其他' },
    statuses: { open: '待处理', acknowledged: '已确认', assigned: '已指派', resolved: '已解决' },
    site: '案场',
  },
  'en-US': {
    sheets: { attendance: 'Attendance', checklists: 'Checklists', anomalies: 'Anomalies' },
    post: 'Post',
    person: 'Person',
    rostered: 'Rostered',
    clockIn: 'In',
    clockOut: 'Out',
    status: 'Status',
    pre: 'Pre-shift',
    postShift: 'End of shift',
    anomalies: 'Anomalies',
    phase: 'Phase',
    item: 'Item',
    text: 'Text',
    result: 'Result',
    time: 'Time',
    note: 'Note',
    category: 'Category',
    resolution: 'Resolution',
    presence: { upcoming: 'Not started', on_time: 'On time', late: 'Late', absent: 'Absent', done: 'Left' },
    nextDay: 'next day ',
    results: { ok: 'OK', anomaly: 'Anomaly', na: 'N/A', none: 'Not done' },
    phases: { PRE: 'Pre-shift', POST: 'End of shift' },
    categories: { equipment: 'Equipment', supplies: 'Supplies', environment: 'Environment', other: 'Other' },
    statuses: { open: 'Open', acknowledged: 'Acknowledged', assigned: 'Assigned', resolved: 'Resolved' },
    site: 'site',
  },
};

/** A stored value in words; a value newer than this table is written as stored rather than dropped. */
function wordFor(words: Record<string, string>, value: string): string {
  return words[value] ?? value;
}

/** The day's attendance, checklists and anomalies as an .xlsx workbook, in the reader's language. */
export async function exportDayWorkbook(
  deps: Deps,
  actor: Actor,
  siteId: string,
  date: string | undefined,
  locale: Locale,
): Promise<{ filename: string; bytes: Buffer }> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const data = await loadBoard(deps, siteId, date);
  const { board, timeZone } = data;
  const w = WORKBOOK_WORDS[locale];
  const time = (ms: number | null) => (ms === null ? '' : localParts(ms, timeZone).time);
  // A night shift's clock-out falls on the next morning: say so, or 08:00 reads as before the 20:00 clock-in.
  const nextDayAware = (ms: number | null) => (ms !== null && localParts(ms, timeZone).date > board.date ? `${w.nextDay}${time(ms)}` : time(ms));
  // exceljs weighs ~30 MB in memory: loaded on the first export, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anchang';

  const attendance = wb.addWorksheet(w.sheets.attendance);
  attendance.columns = [
    { header: w.post, width: 22 },
    { header: w.person, width: 18 },
    { header: w.rostered, width: 14 },
    { header: w.clockIn, width: 10 },
    { header: w.clockOut, width: 10 },
    { header: w.status, width: 12 },
    { header: w.pre, width: 12 },
    { header: w.postShift, width: 12 },
    { header: w.anomalies, width: 12 },
  ];
  for (const row of board.rows) {
    for (const e of row.entries) {
      attendance.addRow([
        row.postName,
        e.personName,
        `${e.start}–${endsNextDay(e.start, e.end) ? w.nextDay : ''}${e.end}`,
        time(e.clockInAt),
        nextDayAware(e.clockOutAt),
        w.presence[e.presence],
        `${e.pre.done}/${e.pre.total}`,
        `${e.post.done}/${e.post.total}`,
        e.anomalies,
      ]);
    }
  }

  // An English reader gets the item's English text where the standard has one.
  const itemText = (text: { zh: string; en: string }) => (locale === 'en-US' && text.en ? text.en : text.zh);
  const checklists = wb.addWorksheet(w.sheets.checklists);
  checklists.columns = [
    { header: w.post, width: 22 },
    { header: w.person, width: 18 },
    { header: w.phase, width: 12 },
    { header: w.item, width: 16 },
    { header: w.text, width: 60 },
    { header: w.result, width: 10 },
  ];
  for (const shift of data.shifts) {
    const items = data.itemsByVersion.get(shift.standard_version_id) ?? [];
    for (const item of items.filter((i) => i.phase !== 'IN')) {
      const r = data.results.find((x) => x.shift_id === shift.id && x.item_id === item.id);
      checklists.addRow([
        data.postNames.get(shift.post_id) ?? '',
        data.names.get(shift.person_id) ?? '',
        w.phases[item.phase === 'PRE' ? 'PRE' : 'POST'],
        item.id,
        itemText(item.text),
        wordFor(w.results, r?.result ?? 'none'),
      ]);
    }
  }

  const anomalies = wb.addWorksheet(w.sheets.anomalies);
  anomalies.columns = [
    { header: w.time, width: 10 },
    { header: w.post, width: 22 },
    { header: w.item, width: 16 },
    { header: w.note, width: 50 },
    { header: w.category, width: 12 },
    { header: w.status, width: 12 },
    { header: w.resolution, width: 40 },
  ];
  const site = await findSiteRow(deps.db, siteId);
  const dayAnomalies = await listAnomaliesOn(
    deps.db,
    siteId,
    instantAt(board.date, '00:00', timeZone),
    instantAt(addDays(board.date, 1), '00:00', timeZone),
  );
  for (const a of dayAnomalies) {
    anomalies.addRow([
      time(a.reported_at),
      a.post_id ? (data.postNames.get(a.post_id) ?? '') : '',
      a.item_id ?? '',
      a.note,
      wordFor(w.categories, a.category),
      wordFor(w.statuses, a.status),
      a.resolution ?? '',
    ]);
  }
  for (const ws of [attendance, checklists, anomalies]) ws.getRow(1).font = { bold: true };

  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${site?.name ?? w.site}-${board.date}.xlsx`, bytes };
}
