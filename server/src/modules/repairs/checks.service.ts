/**
 * The technician's daily checks (TECH-1 before opening, TECH-2 after the shift): every asset on
 * the site's ledger answered, ok or abnormal; an abnormal line carries a note and a photo, and
 * raises a work order at once with that photo. A check that skips an asset is refused, so
 * "nothing wrong" always means somebody looked. One opening and one closing check per site and day.
 */
import { POST_DUTIES, type EquipmentCheck, type EquipmentCheckBody, type EquipmentCheckDay, type EquipmentCheckKind } from '@anchang/contracts';
import type { EquipmentChecksTable } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/create-db.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { localParts } from '../../platform/site-time.js';
import { tapTime } from '../../platform/tap-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findAssetsByIds, listActiveAssetIds } from '../equipment/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { findPersonNames, requirePostDuty } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import { findCheckById, findCheckDay, insertCheck, setCheckWorkOrderIds } from './repairs.repository.js';
import { raiseWorkOrder } from './repair-reporting.service.js';

interface StoredLine {
  assetId: string;
  ok: boolean;
  note: string | null;
  /** Absent on checks stored before photos were asked for. */
  photoId?: string | null;
}

async function toChecks(deps: Pick<Deps, 'db'>, rows: EquipmentChecksTable[]): Promise<EquipmentCheck[]> {
  const names = await findPersonNames(
    deps.db,
    rows.map((r) => r.person_id),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    kind: r.kind as EquipmentCheckKind,
    date: r.date,
    byName: names.get(r.person_id) ?? '',
    at: r.at,
    results: (JSON.parse(r.results) as StoredLine[]).map((line) => ({ ...line, photoId: line.photoId ?? null })),
    workOrderIds: JSON.parse(r.work_order_ids) as string[],
  }));
}

async function siteDate(deps: Deps, siteId: string, at = deps.clock.now()): Promise<string> {
  const site = await findSiteRow(deps.db, siteId);
  return localParts(at, site?.time_zone ?? 'Asia/Shanghai').date;
}

export async function checkDay(deps: Deps, actor: Actor, siteId: string, date?: string): Promise<EquipmentCheckDay> {
  requireSiteMember(actor, siteId);
  const day = date ?? (await siteDate(deps, siteId));
  const checks = await toChecks(deps, await findCheckDay(deps.db, siteId, day));
  return { date: day, opening: checks.find((c) => c.kind === 'opening') ?? null, closing: checks.find((c) => c.kind === 'closing') ?? null };
}

export async function submitCheck(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: EquipmentCheckBody,
): Promise<{ check: EquipmentCheck; created: boolean }> {
  await requirePostDuty(deps.db, actor, siteId, POST_DUTIES.equipmentCheck);
  const again = await findCheckById(deps.db, input.id);
  if (again) {
    if (again.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
    return { check: (await toChecks(deps, [again]))[0]!, created: false };
  }
  const ids = input.results.map((l) => l.assetId);
  if (new Set(ids).size !== ids.length)
    throw new AppError('VALIDATION_FAILED', { message: 'An asset is listed twice', params: { field: 'results' } });
  const assets = await findAssetsByIds(deps.db, siteId, ids);
  const byId = new Map(assets.filter((a) => a.retired_at === null).map((a) => [a.id, a]));
  const unknown = ids.find((id) => !byId.has(id));
  if (unknown) throw new AppError('ASSET_NOT_FOUND', { params: { assetId: unknown } });
  const answered = new Set(ids);
  const unanswered = (await listActiveAssetIds(deps.db, siteId)).filter((id) => !answered.has(id));
  if (unanswered.length > 0)
    throw new AppError('CHECK_INCOMPLETE', { message: 'Every asset needs an answer', params: { uncheckedAssetIds: unanswered } });
  const noNote = input.results.find((l) => !l.ok && !l.note?.trim());
  if (noNote) throw new AppError('NOTE_REQUIRED', { message: 'Say what is wrong', params: { assetId: noNote.assetId } });
  const noPhoto = input.results.find((l) => !l.ok && !l.photoId);
  if (noPhoto) throw new AppError('PHOTO_REQUIRED', { message: 'Take a photo of what is wrong', params: { assetId: noPhoto.assetId } });
  for (const photoId of new Set(input.results.flatMap((l) => (l.photoId ? [l.photoId] : [])))) await assertPhotoOnSite(deps, siteId, photoId);
  // When the technician sent it: a check that waited in the phone's outbox counts for the day it was made.
  const at = tapTime(input.at, deps.clock.now());
  const date = await siteDate(deps, siteId, at);
  try {
    const row = await inTransaction(deps, async (tx) => {
      const lines: StoredLine[] = input.results.map((l) => ({
        assetId: l.assetId,
        ok: l.ok,
        note: l.note?.trim() || null,
        photoId: l.photoId ?? null,
      }));
      const r: EquipmentChecksTable = {
        id: input.id,
        site_id: siteId,
        kind: input.kind,
        date,
        person_id: actor.personId,
        results: JSON.stringify(lines),
        work_order_ids: '[]',
        at,
      };
      // The check row first: a second check of the same day fails here, before any work order.
      await insertCheck(tx.trx, r);
      const raised: string[] = [];
      for (const line of lines.filter((l) => !l.ok)) {
        const asset = byId.get(line.assetId)!;
        const wo = await raiseWorkOrder(tx, {
          id: newId(tx.now),
          siteId,
          zoneId: asset.zone_id,
          asset,
          source: 'check',
          anomalyId: null,
          description: line.note!,
          photoId: line.photoId ?? null,
          reporter: actorRef(actor),
        });
        raised.push(wo.id);
      }
      r.work_order_ids = JSON.stringify(raised);
      await setCheckWorkOrderIds(tx.trx, r.id, r.work_order_ids);
      await recordAudit(tx, actorRef(actor), {
        siteId,
        action: `equipment_check.${input.kind}`,
        entityType: 'equipment_check',
        entityId: r.id,
        detail: { date, assets: lines.length, abnormal: raised.length },
      });
      return r;
    });
    return { check: (await toChecks(deps, [row]))[0]!, created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const retried = await findCheckById(deps.db, input.id);
    if (retried) return { check: (await toChecks(deps, [retried]))[0]!, created: false };
    throw new AppError('EQUIPMENT_CHECK_DONE', { message: 'This check is already done today', params: { kind: input.kind, date } });
  }
}
