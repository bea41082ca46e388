/**
 * The vehicle-body check (PARK duty 5): once the car is parked, the attendant marks damage on
 * a car outline, adds notes and photos, and the customer signs on the phone to confirm.
 */
import type { VehicleCheck, VehicleCheckBody } from '@anchang/contracts';
import type { VehicleChecksTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { tapTime } from '../../platform/tap-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { assertPhotoOnSite } from '../photos/index.js';
import { assertSigned } from '../signatures/index.js';
import { findVehicleCheck, findVisitRow, saveVehicleCheck } from './visits.repository.js';

async function toVehicleCheck(deps: Pick<Deps, 'db'>, row: VehicleChecksTable): Promise<VehicleCheck> {
  const names = await findPersonNames(deps.db, [row.checked_by]);
  return {
    visitId: row.visit_id,
    marks: JSON.parse(row.marks) as VehicleCheck['marks'],
    notes: row.notes,
    photoIds: JSON.parse(row.photo_ids) as string[],
    signature: JSON.parse(row.signature) as VehicleCheck['signature'],
    checkedBy: row.checked_by,
    checkedByName: names.get(row.checked_by) ?? '',
    signedAt: row.signed_at,
  };
}

export async function recordVehicleCheck(deps: Deps, actor: Actor, siteId: string, visitId: string, input: VehicleCheckBody): Promise<VehicleCheck> {
  requireSiteMember(actor, siteId);
  const visit = await findVisitRow(deps.db, siteId, visitId);
  if (!visit) throw new AppError('VISIT_NOT_FOUND', { params: { visitId } });
  // The same signed check sent again (the phone's outbox resends after a lost answer): it is
  // stored already, once, even if the guests have left since.
  const stored = await findVehicleCheck(deps.db, visitId);
  if (stored && stored.checked_by === actor.personId && stored.signature === JSON.stringify(input.signature)) return toVehicleCheck(deps, stored);
  if (visit.arrival_mode !== 'car') throw new AppError('VEHICLE_CHECK_NOT_FOR_CAR');
  if (visit.status !== 'open') throw new AppError('VISIT_CLOSED', { params: { visitId } });
  assertSigned(input.signature);
  for (const photoId of input.photoIds) await assertPhotoOnSite(deps, siteId, photoId);
  const row = await inTransaction(deps, async (tx) => {
    const r: VehicleChecksTable = {
      visit_id: visitId,
      site_id: siteId,
      marks: JSON.stringify(input.marks),
      notes: input.notes.trim(),
      photo_ids: JSON.stringify(input.photoIds),
      signature: JSON.stringify(input.signature),
      checked_by: actor.personId,
      // Signed without signal: the time the customer signed, not when the phone got through.
      signed_at: tapTime(input.at, tx.now),
    };
    await saveVehicleCheck(tx.trx, r);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'visit.vehicle_check',
      entityType: 'visit',
      entityId: visitId,
      detail: { marks: input.marks.length, photos: input.photoIds.length },
    });
    return r;
  });
  return toVehicleCheck(deps, row);
}

export async function getVehicleCheck(deps: Deps, actor: Actor, siteId: string, visitId: string): Promise<VehicleCheck> {
  requireSiteMember(actor, siteId);
  const visit = await findVisitRow(deps.db, siteId, visitId);
  const row = visit ? await findVehicleCheck(deps.db, visitId) : undefined;
  if (!row) throw new AppError('VISIT_NOT_FOUND', { message: 'No vehicle check for this visit', params: { visitId } });
  return toVehicleCheck(deps, row);
}
