/**
 * A period's complaint figures, for the console's month header, the daily customer summary, the
 * monthly report to the developer and the company dashboard.
 *
 * Two bases, so a month's figures do not change after the month is over:
 * - the complaints received in the period: received, by category and severity, closed (by the time
 *   of asking), overdue (a deadline passed before the result), the average time to the first result;
 * - what was done in the period: the follow-up calls and their verdicts, and the reopenings.
 */
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, type ComplaintFigures } from '@anchang/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listComplaintLinesBetween, listComplaintsReceivedBetween, listEventsBetween, listUnclosedBefore } from './complaints.repository.js';

const HOUR = 3_600_000;
const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

/**
 * Figures of `siteId` for [fromMs, toMs). A complaint still waiting on its result whose deadline
 * fell before `toMs` counts as overdue even if its timer has not yet had its turn.
 */
export async function complaintFiguresOfPeriod(
  db: Kysely<DB> | Transaction<DB>,
  siteId: string,
  fromMs: number,
  toMs: number,
): Promise<ComplaintFigures> {
  const [rows, events] = await Promise.all([
    listComplaintsReceivedBetween(db, siteId, fromMs, toMs),
    listEventsBetween(db, siteId, ['follow_up', 'reopened'], fromMs, toMs),
  ]);
  const byCategory = zeroes(COMPLAINT_CATEGORIES);
  const bySeverity = zeroes(COMPLAINT_SEVERITIES);
  let closed = 0;
  let overdue = 0;
  let resultHours = 0;
  let withResult = 0;
  for (const r of rows) {
    byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
    bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + 1;
    if (r.status === 'closed') closed++;
    const waiting = r.status === 'received' || r.status === 'handling';
    if (r.overdue_at !== null || (r.first_result_at === null && waiting && Number(r.deadline_at) < toMs)) overdue++;
    if (r.first_result_at !== null) {
      withResult++;
      resultHours += (Number(r.first_result_at) - Number(r.received_at)) / HOUR;
    }
  }
  const followUps = events.filter((e) => e.kind === 'follow_up');
  const satisfied = followUps.filter((e) => e.verdict === 'satisfied').length;
  return {
    received: rows.length,
    byCategory,
    bySeverity,
    closed,
    overdue,
    averageHoursToResult: withResult === 0 ? null : Math.round((resultHours / withResult) * 10) / 10,
    followUps: followUps.length,
    satisfiedShare: followUps.length === 0 ? null : satisfied / followUps.length,
    reopened: new Set(
      events.filter((e) => e.kind === 'reopened' || (e.kind === 'follow_up' && e.verdict === 'not_satisfied')).map((e) => e.complaint_id),
    ).size,
  };
}

export interface ComplaintDay {
  /** Received in the window, oldest first, without the complainant's name or phone. */
  received: {
    id: string;
    number: number;
    category: string;
    severity: string;
    status: string;
    description: string;
    filedByName: string | null;
    receivedAt: number;
  }[];
  /** Not closed at `toMs`, whenever received. */
  open: number;
  /** Of those, still waiting on a result past the deadline. */
  overdue: number;
}

/**
 * The day's complaints for the daily customer summary: the new ones, and the open and overdue
 * backlog at the window's end (a complaint from last week still open matters to tonight's reader).
 */
export async function complaintsOfDay(db: Kysely<DB> | Transaction<DB>, siteId: string, fromMs: number, toMs: number): Promise<ComplaintDay> {
  const [lines, unclosed] = await Promise.all([listComplaintLinesBetween(db, siteId, fromMs, toMs), listUnclosedBefore(db, siteId, toMs)]);
  const waiting = (status: string) => status === 'received' || status === 'handling';
  return {
    received: lines.map((r) => ({
      id: r.id,
      number: r.number,
      category: r.category,
      severity: r.severity,
      status: r.status,
      description: r.description,
      filedByName: r.filed_by_name,
      receivedAt: Number(r.received_at),
    })),
    open: unclosed.length,
    overdue: unclosed.filter((r) => r.first_result_at === null && waiting(r.status) && (r.overdue_at !== null || Number(r.deadline_at) < toMs))
      .length,
  };
}
