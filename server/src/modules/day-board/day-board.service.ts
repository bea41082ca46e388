import { ROLE_GROUPS } from '@anchang/contracts';
/**
 * The manager's day board: every post of the site with who is on it, on time / late /
 * absent, checklist progress and open anomalies, for today (live) or any past day; and the
 * day's checklists and anomalies as an Excel workbook.
 */
import type { DayBoard, DayBoardRow, PostKind, StandardItem } from '@anchang/contracts';
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
  if (!site) throw new AppError('SITE_NOT_FOUND', { status: 404, params: { siteId } });
  const now = deps.clock.now();
  const today = localParts(now, site.time_zone);
  const date = requestedDate ?? today.date;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { status: 400, params: { date } });

  const [posts, entries, shifts, settings, unresolved, currentStandards] = await Promise.all([
    listPostsOfSite(deps.db, siteId),
    listEntriesBetween(deps.db, siteId, date, date),
    listShiftsOn(deps.db, siteId, date),
    readStandardSettings(deps.db, siteId),
    countUnresolvedByPost(deps.db, siteId),
    listCurrentStandardRows(deps.db, siteId),
  ]);
  const [results, versions, names, dayAnomalies] = await Promise.all([
    listResultsOfShifts(
      deps.db,
      shifts.map((s) => s.id),
    ),
    findVersionsByIds(deps.db, [...new Set(shifts.map((s) => s.standard_version_id))]),
    findPersonNames(deps.db, [...entries.map((e) => e.person_id), ...shifts.map((s) => s.person_id)]),
    // Until the next midnight but one: a night shift of this day reports into the next morning.
    listAnomaliesOn(deps.db, siteId, instantAt(date, '00:00', site.time_zone), instantAt(addDays(date, 2), '00:00', site.time_zone)),
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

const PRESENCE_ZH: Record<DayBoardRow['entries'][number]['presence'], string> = {
  upcoming: '未到班时',
  on_time: '在岗',
  late: '迟到',
  absent: '缺勤',
  done: '已下班',
};
const RESULT_ZH: Record<string, string> = { ok: '正常', anomaly: '异常', na: '不适用' };

/** The day's attendance, checklists and anomalies as an .xlsx workbook (Chinese headers with English beside). */
export async function exportDayWorkbook(
  deps: Deps,
  actor: Actor,
  siteId: string,
  date: string | undefined,
): Promise<{ filename: string; bytes: Buffer }> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const data = await loadBoard(deps, siteId, date);
  const { board, timeZone } = data;
  const time = (ms: number | null) => (ms === null ? '' : localParts(ms, timeZone).time);
  // A night shift's clock-out falls on the next morning: say so, or 08:00 reads as before the 20:00 clock-in.
  const nextDayAware = (ms: number | null) => (ms !== null && localParts(ms, timeZone).date > board.date ? `次日${time(ms)}` : time(ms));
  // exceljs weighs ~30 MB in memory: loaded on the first export, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anchang';

  const attendance = wb.addWorksheet('签到 Attendance');
  attendance.columns = [
    { header: '岗位 Post', width: 22 },
    { header: '人员 Person', width: 18 },
    { header: '排班 Rostered', width: 14 },
    { header: '签到 In', width: 10 },
    { header: '签退 Out', width: 10 },
    { header: '状态 Status', width: 12 },
    { header: '班前 Pre', width: 10 },
    { header: '下班 Post', width: 10 },
    { header: '异常 Anomalies', width: 12 },
  ];
  for (const row of board.rows) {
    for (const e of row.entries) {
      attendance.addRow([
        row.postName,
        e.personName,
        `${e.start}–${endsNextDay(e.start, e.end) ? '次日' : ''}${e.end}`,
        time(e.clockInAt),
        nextDayAware(e.clockOutAt),
        PRESENCE_ZH[e.presence],
        `${e.pre.done}/${e.pre.total}`,
        `${e.post.done}/${e.post.total}`,
        e.anomalies,
      ]);
    }
  }

  const checklists = wb.addWorksheet('检查表 Checklists');
  checklists.columns = [
    { header: '岗位 Post', width: 22 },
    { header: '人员 Person', width: 18 },
    { header: '阶段 Phase', width: 10 },
    { header: '编号 Item', width: 16 },
    { header: '内容 Text', width: 60 },
    { header: '结果 Result', width: 10 },
  ];
  for (const shift of data.shifts) {
    const items = data.itemsByVersion.get(shift.standard_version_id) ?? [];
    for (const item of items.filter((i) => i.phase !== 'IN')) {
      const r = data.results.find((x) => x.shift_id === shift.id && x.item_id === item.id);
      checklists.addRow([
        data.postNames.get(shift.post_id) ?? '',
        data.names.get(shift.person_id) ?? '',
        item.phase === 'PRE' ? '班前' : '下班',
        item.id,
        item.text.zh,
        r ? RESULT_ZH[r.result] : '未做',
      ]);
    }
  }

  const anomalies = wb.addWorksheet('异常 Anomalies');
  anomalies.columns = [
    { header: '时间 Time', width: 10 },
    { header: '岗位 Post', width: 22 },
    { header: '编号 Item', width: 16 },
    { header: '说明 Note', width: 50 },
    { header: '类别 Category', width: 12 },
    { header: '状态 Status', width: 12 },
    { header: '处理 Resolution', width: 40 },
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
      a.category,
      a.status,
      a.resolution ?? '',
    ]);
  }
  for (const ws of [attendance, checklists, anomalies]) ws.getRow(1).font = { bold: true };

  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${site?.name ?? 'site'}-${board.date}.xlsx`, bytes };
}
