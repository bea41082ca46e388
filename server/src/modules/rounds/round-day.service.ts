/**
 * The day view: one site day's slots as the phone and the console show them, with a scan
 * already inside a pending slot's window shown as met before its timer decides it.
 */
import type { PostKind, RoundDay, RoundDayQuery, RoundSlot } from '@anchang/contracts';
import { ROLE_GROUPS, hasRole } from '@anchang/contracts';
import type { Static } from '@sinclair/typebox';
import type { RoundSlotsTable } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { isValidDate, localParts } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames, postKindsOfPerson as postKindsOf } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { checkpointNameMap, listScansBetween } from '../checkpoints/index.js';
import { listSlotsOfDay } from './rounds.repository.js';

const OVERSEERS = ROLE_GROUPS.overseers;

/** Slots as shown: a pending scan slot with a scan already inside its window shows as met. */
export async function toSlots(deps: Pick<Deps, 'db'>, rows: RoundSlotsTable[]): Promise<RoundSlot[]> {
  const pendingScans = rows.filter((r) => r.status === 'pending' && r.proof === 'scan' && r.checkpoint_id);
  const scans =
    pendingScans.length > 0
      ? await listScansBetween(
          deps.db,
          [...new Set(pendingScans.map((r) => r.checkpoint_id!))],
          Math.min(...pendingScans.map((r) => r.due_at)),
          Math.max(...pendingScans.map((r) => r.grace_ends_at)),
        )
      : [];
  const names = await findPersonNames(
    deps.db,
    scans.map((s) => s.person_id),
  );
  const cpNames = await checkpointNameMap(
    deps.db,
    rows.map((r) => r.checkpoint_id),
  );
  return rows.map((r) => {
    let status = r.status as RoundSlot['status'];
    let provedById = r.proved_by;
    let provedByName = r.proved_by_name;
    let provedAt = r.proved_at;
    if (r.status === 'pending' && r.proof === 'scan') {
      const scan = scans.find((s) => s.checkpoint_id === r.checkpoint_id && s.scanned_at >= r.due_at && s.scanned_at <= r.grace_ends_at);
      if (scan) {
        status = 'met';
        provedById = scan.person_id;
        provedByName = names.get(scan.person_id) ?? null;
        provedAt = scan.scanned_at;
      }
    }
    return {
      id: r.id,
      siteId: r.site_id,
      scheduleId: r.schedule_id,
      weatherId: r.weather_id,
      postKind: r.post_kind as PostKind,
      itemId: r.item_id,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      proof: r.proof as RoundSlot['proof'],
      checkpointId: r.checkpoint_id,
      checkpointName: r.checkpoint_id ? (cpNames.get(r.checkpoint_id) ?? null) : null,
      localDate: r.local_date,
      dueAt: r.due_at,
      graceEndsAt: r.grace_ends_at,
      status,
      provedById,
      provedByName,
      provedAt,
      photoId: r.photo_id,
    };
  });
}

/**
 * One site day's slots, by due time. A day holds a bounded set (every ten minutes over opening
 * hours is under a hundred per schedule): not paged.
 */
export async function getRoundDay(deps: Deps, actor: Actor, siteId: string, query: Static<typeof RoundDayQuery>): Promise<RoundDay> {
  const role = requireSiteMember(actor, siteId);
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  const now = deps.clock.now();
  const date = query.date ?? localParts(now, site.time_zone).date;
  if (!isValidDate(date)) throw new AppError('INVALID_DATE', { params: { date } });
  // Staff see their own posts' slots; the overseers may see the whole site.
  const mine = query.scope === 'mine' || !hasRole(OVERSEERS, role);
  let kinds: string[] | null = mine ? await postKindsOf(deps.db, siteId, actor.personId) : null;
  if (query.postKind) kinds = kinds ? kinds.filter((k) => k === query.postKind) : [query.postKind];
  const rows = await listSlotsOfDay(deps.db, siteId, date, kinds);
  return { date, now, slots: await toSlots(deps, rows) };
}
