/** Compliance: met / missed / late counts of the decided slots over a date range, for the overseers. */
import type { ComplianceQuery, ComplianceRow, PageOf } from '@anchang/contracts';
import { ROLE_GROUPS } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { addDays, isValidDate } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { listDecidedSlots } from './rounds.repository.js';

const OVERSEERS = ROLE_GROUPS.overseers;
/** Compliance reads at most a quarter at a time. */
const MAX_RANGE_DAYS = 92;

function decodeKey(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w|:-]{1,120}$/.test(key)) throw new AppError('INVALID_CURSOR', { message: 'The cursor is not one this server gave out' });
  return key;
}

/** Met / missed / late counts per day and schedule, or per person who proved the slots, paged by key. */
export async function getCompliance(deps: Deps, actor: Actor, siteId: string, query: Static<typeof ComplianceQuery>): Promise<PageOf<ComplianceRow>> {
  requireSiteRole(actor, siteId, OVERSEERS);
  if (!isValidDate(query.from) || !isValidDate(query.to) || query.from > query.to || addDays(query.from, MAX_RANGE_DAYS) < query.to)
    throw new AppError('DATE_RANGE_INVALID', {
      message: `From must not be after to, at most ${MAX_RANGE_DAYS} days`,
      params: { from: query.from, to: query.to, maxDays: MAX_RANGE_DAYS },
    });
  const after = decodeKey(query.cursor);
  const limit = query.limit ?? 50;
  const slots = await listDecidedSlots(deps.db, siteId, query.from, query.to);
  const rows = new Map<string, ComplianceRow>();
  for (const s of slots) {
    const byDay = query.by === 'day';
    if (!byDay && !s.proved_by) continue;
    const key = byDay ? `${s.local_date}|${s.schedule_id ?? `weather:${s.weather_id ?? ''}`}` : s.proved_by!;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        date: byDay ? s.local_date : null,
        scheduleId: byDay ? s.schedule_id : null,
        label: byDay ? { zh: s.label_zh, en: s.label_en } : null,
        personId: byDay ? null : s.proved_by,
        personName: byDay ? null : s.proved_by_name,
        due: 0,
        met: 0,
        missed: 0,
        late: 0,
        rate: null,
      };
      rows.set(key, row);
    }
    row.due += 1;
    if (s.status === 'met') row.met += 1;
    else if (s.status === 'missed') row.missed += 1;
    else if (s.status === 'late') row.late += 1;
  }
  // Newest day first; people by key, a stable order for the cursor.
  const sorted = [...rows.values()].sort((a, b) =>
    query.by === 'day' ? (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const start = after === null ? 0 : sorted.findIndex((r) => (query.by === 'day' ? r.key < after : r.key > after));
  const pageRows = start < 0 ? [] : sorted.slice(start, start + limit);
  for (const r of pageRows) r.rate = r.due > 0 ? r.met / r.due : null;
  const hasMore = start >= 0 && start + limit < sorted.length;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows, nextCursor: hasMore && last ? Buffer.from(last.key, 'utf8').toString('base64url') : null };
}
