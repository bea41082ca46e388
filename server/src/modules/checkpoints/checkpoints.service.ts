/**
 * Checkpoints (巡视签到点) and scans. A checkpoint's QR carries an unguessable code; a staff
 * phone that opens it records a scan, which proves the place for patrols and rounds. Refused
 * scans (unknown, revoked, another site's, nothing scheduled there) are kept in the audit log.
 */
import { randomBytes } from 'node:crypto';
import type { Checkpoint, PageOf, PublicCheckpoint, ScanFlag, ScanResult } from '@anchang/contracts';
import { ROLE_GROUPS } from '@anchang/contracts';
import type { CheckpointScansTable, CheckpointsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { roleOn, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { tapTime } from '../../platform/tap-time.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import type { ErrorCode } from '@anchang/contracts';
import { recordAudit, recordAuditNow } from '../audit/index.js';
import { findZoneNames, findZoneRow } from '../zones/index.js';
import { personIdsOnPostKind } from '../people/index.js';
import { hasActiveRoundAt, isCheckpointOnActiveRound, isCheckpointOnAnyRound } from '../rounds/index.js';
import { findSiteRow } from '../sites/index.js';
import { isCheckpointOnAnyPatrol, isCheckpointOnScheduledPatrol, patrolProofOfScan, plannedGapMinutes, provePatrolCheck } from '../patrols/index.js';
import {
  deleteCheckpointRow,
  findCheckpoint,
  findCheckpointByCode,
  findCheckpointById,
  findPreviousScan,
  findRetiredCode,
  findScan,
  insertCheckpoint,
  insertScan,
  isCheckpointScanned,
  lastScanBy,
  lastScanTimes,
  listCheckpointRows,
  retireCode,
  updateCheckpoint,
} from './checkpoints.repository.js';
import { replayFlags } from './scan-rules.js';

/** Whether anything records or plans the checkpoint: a scan, a patrol route or check, a round schedule or slot. */
async function isCheckpointUsed(deps: Deps, checkpointId: string): Promise<boolean> {
  const uses = await Promise.all([
    isCheckpointScanned(deps.db, checkpointId),
    isCheckpointOnAnyPatrol(deps.db, checkpointId),
    isCheckpointOnAnyRound(deps.db, checkpointId),
  ]);
  return uses.includes(true);
}

/**
 * Whether anything could use a scan of this checkpoint: a stop of a patrol route that has an
 * active schedule, or an active round schedule (washroom every ten minutes) that asks for it.
 */
async function isCheckpointScheduled(deps: Deps, checkpointId: string): Promise<boolean> {
  const uses = await Promise.all([isCheckpointOnScheduledPatrol(deps.db, checkpointId), isCheckpointOnActiveRound(deps.db, checkpointId)]);
  return uses.includes(true);
}

/** The post whose rounds make a checkpoint a cleaning point (CLEAN-2: the washroom every ten minutes). */
const CLEANING_POST = 'CLEAN';

/** Who hangs, edits and revokes checkpoints: managers and supervisors. */
export const CHECKPOINT_KEEPERS = ROLE_GROUPS.patrolPlanners;

/** 144 random bits, base64url: 24 characters a phone camera reads off a QR easily. */
export const newCheckpointCode = () => randomBytes(18).toString('base64url');

async function toCheckpoints(deps: Pick<Deps, 'db'>, rows: CheckpointsTable[]): Promise<Checkpoint[]> {
  const [zones, last] = await Promise.all([
    findZoneNames(
      deps.db,
      rows.map((r) => r.zone_id),
    ),
    lastScanTimes(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    zoneId: r.zone_id,
    zoneName: zones.get(r.zone_id) ?? '',
    nameZh: r.name_zh,
    nameEn: r.name_en,
    code: r.code,
    lat: r.lat,
    lng: r.lng,
    revokedAt: r.revoked_at,
    lastScanAt: last.get(r.id) ?? null,
    createdAt: r.created_at,
  }));
}

async function requireZone(deps: Deps, siteId: string, zoneId: string): Promise<void> {
  if (!(await findZoneRow(deps.db, siteId, zoneId))) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId } });
}

function assertCoordinates(lat: number | null | undefined, lng: number | null | undefined): void {
  if ((lat === undefined || lat === null) !== (lng === undefined || lng === null))
    throw new AppError('VALIDATION_FAILED', { message: 'Give both latitude and longitude, or neither', params: { field: 'lat' } });
}

async function loadCheckpoint(deps: Deps, siteId: string, checkpointId: string): Promise<CheckpointsTable> {
  const row = await findCheckpoint(deps.db, siteId, checkpointId);
  if (!row) throw new AppError('CHECKPOINT_NOT_FOUND', { params: { checkpointId } });
  return row;
}

export async function listCheckpoints(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; includeRevoked?: boolean },
): Promise<PageOf<Checkpoint>> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listCheckpointRows(deps.db, siteId, page, query.includeRevoked ?? false), page, (rows) => toCheckpoints(deps, rows));
}

export async function getCheckpoint(deps: Deps, actor: Actor, siteId: string, checkpointId: string): Promise<Checkpoint> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  return (await toCheckpoints(deps, [await loadCheckpoint(deps, siteId, checkpointId)]))[0]!;
}

export async function createCheckpoint(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; zoneId: string; nameZh: string; nameEn: string; lat?: number | null; lng?: number | null },
): Promise<{ checkpoint: Checkpoint; created: boolean }> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  assertCoordinates(input.lat, input.lng);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findCheckpointById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    async () => {
      await requireZone(deps, siteId, input.zoneId);
      return inTransaction(deps, async (tx) => {
        const row: CheckpointsTable = {
          id: input.id,
          site_id: siteId,
          zone_id: input.zoneId,
          name_zh: input.nameZh.trim(),
          name_en: input.nameEn.trim(),
          code: newCheckpointCode(),
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          revoked_at: null,
          created_at: tx.now,
        };
        await insertCheckpoint(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'checkpoint.create',
          entityType: 'checkpoint',
          entityId: row.id,
          detail: { zoneId: row.zone_id, nameZh: row.name_zh, nameEn: row.name_en },
        });
        return row;
      });
    },
  );
  return { checkpoint: (await toCheckpoints(deps, [value]))[0]!, created };
}

export async function updateCheckpointDetails(
  deps: Deps,
  actor: Actor,
  siteId: string,
  checkpointId: string,
  patch: { zoneId?: string; nameZh?: string; nameEn?: string; lat?: number | null; lng?: number | null },
): Promise<Checkpoint> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  const row = await loadCheckpoint(deps, siteId, checkpointId);
  if (patch.zoneId) await requireZone(deps, siteId, patch.zoneId);
  const lat = patch.lat !== undefined ? patch.lat : row.lat;
  const lng = patch.lng !== undefined ? patch.lng : row.lng;
  assertCoordinates(lat, lng);
  await inTransaction(deps, async (tx) => {
    await updateCheckpoint(tx.trx, checkpointId, {
      zone_id: patch.zoneId ?? row.zone_id,
      name_zh: patch.nameZh?.trim() ?? row.name_zh,
      name_en: patch.nameEn?.trim() ?? row.name_en,
      lat,
      lng,
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'checkpoint.update',
      entityType: 'checkpoint',
      entityId: checkpointId,
      detail: { ...patch },
    });
  });
  return getCheckpoint(deps, actor, siteId, checkpointId);
}

/** Revokes the checkpoint's code (a poster was lost or photographed): scans of it are refused. */
export async function revokeCheckpoint(deps: Deps, actor: Actor, siteId: string, checkpointId: string): Promise<Checkpoint> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  const row = await loadCheckpoint(deps, siteId, checkpointId);
  if (row.revoked_at === null) {
    await inTransaction(deps, async (tx) => {
      await updateCheckpoint(tx.trx, checkpointId, { revoked_at: tx.now });
      await recordAudit(tx, actorRef(actor), { siteId, action: 'checkpoint.revoke', entityType: 'checkpoint', entityId: checkpointId });
    });
  }
  return getCheckpoint(deps, actor, siteId, checkpointId);
}

/** A new code for a new poster; the old code keeps answering CODE_REVOKED. */
export async function reissueCheckpointCode(deps: Deps, actor: Actor, siteId: string, checkpointId: string): Promise<Checkpoint> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  const row = await loadCheckpoint(deps, siteId, checkpointId);
  await inTransaction(deps, async (tx) => {
    await retireCode(tx.trx, { code: row.code, checkpoint_id: row.id, site_id: siteId, retired_at: tx.now });
    await updateCheckpoint(tx.trx, checkpointId, { code: newCheckpointCode(), revoked_at: null });
    await recordAudit(tx, actorRef(actor), { siteId, action: 'checkpoint.reissue', entityType: 'checkpoint', entityId: checkpointId });
  });
  return getCheckpoint(deps, actor, siteId, checkpointId);
}

/** Deletes a checkpoint nothing refers to yet (a mistake); one with history is revoked instead. */
export async function deleteCheckpoint(deps: Deps, actor: Actor, siteId: string, checkpointId: string): Promise<void> {
  requireSiteRole(actor, siteId, CHECKPOINT_KEEPERS);
  await loadCheckpoint(deps, siteId, checkpointId);
  if (await isCheckpointUsed(deps, checkpointId)) throw new AppError('CHECKPOINT_IN_USE', { params: { checkpointId } });
  await inTransaction(deps, async (tx) => {
    await deleteCheckpointRow(tx.trx, checkpointId);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'checkpoint.delete', entityType: 'checkpoint', entityId: checkpointId });
  });
}

/**
 * For anyone holding the QR: the place's names, and for a cleaning point when a cleaner was
 * last there. Nothing personal, and never when security last walked by: a patrol's times tell
 * an outsider when the place is unwatched.
 */
export async function publicCheckpoint(deps: Deps, code: string): Promise<PublicCheckpoint> {
  const row = await findCheckpointByCode(deps.db, code);
  if (!row) {
    if (await findRetiredCode(deps.db, code)) throw new AppError('CODE_REVOKED');
    throw new AppError('CODE_UNKNOWN');
  }
  if (row.revoked_at !== null) throw new AppError('CODE_REVOKED');
  const [site, zones, isCleaningPoint] = await Promise.all([
    findSiteRow(deps.db, row.site_id),
    findZoneNames(deps.db, [row.zone_id]),
    hasActiveRoundAt(deps.db, row.id, CLEANING_POST),
  ]);
  const lastCleanedAt = isCleaningPoint ? await lastScanBy(deps.db, row.id, await personIdsOnPostKind(deps.db, row.site_id, CLEANING_POST)) : null;
  return {
    siteName: site?.name ?? '',
    siteTimeZone: site?.time_zone ?? 'Asia/Shanghai',
    zoneName: zones.get(row.zone_id) ?? '',
    nameZh: row.name_zh,
    nameEn: row.name_en,
    isCleaningPoint,
    lastCleanedAt,
  };
}

async function refuseScan(
  deps: Deps,
  actor: Actor,
  code: ErrorCode,
  checkpoint: CheckpointsTable | undefined,
  siteId: string | null,
): Promise<never> {
  await recordAuditNow(deps, actorRef(actor), {
    siteId,
    action: 'checkpoint.scan_refused',
    entityType: 'checkpoint',
    entityId: checkpoint && siteId ? checkpoint.id : null,
    detail: { reason: code },
  });
  throw new AppError(code, { params: checkpoint && siteId ? { checkpointId: checkpoint.id } : {} });
}

/**
 * Records a scan by the signed-in person. The scan is flagged (not refused) when it looks
 * replayed: the same code again within minutes, a place reached faster than one can walk, a
 * patrol walked out of order. It proves the open patrol round's checkpoint when there is one;
 * rounds of other posts read scans by time window.
 */
export async function recordScan(
  deps: Deps,
  actor: Actor,
  input: { id: string; code: string; lat?: number; lng?: number; accuracyM?: number; at?: number },
): Promise<{ scan: ScanResult; created: boolean }> {
  const id = input.id;
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findScan(deps.db, id);
      if (stored && stored.person_id !== actor.personId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored ? { row: stored, patrol: await patrolProofOfScan(deps, stored.id) } : undefined;
    },
    async () => {
      // A scan made without signal counts at the tap (a patrol's lateness is judged by it).
      const scannedAt = tapTime(input.at, deps.clock.now());
      const checkpoint = (await findCheckpointByCode(deps.db, input.code)) ?? (await findRetiredCode(deps.db, input.code));
      if (!checkpoint) return refuseScan(deps, actor, 'CODE_UNKNOWN', undefined, null);
      // Another site's code says nothing about that site: not its name, not whether it was revoked.
      if (!roleOn(actor, checkpoint.site_id)) return refuseScan(deps, actor, 'CODE_OTHER_SITE', undefined, null);
      const siteId = checkpoint.site_id;
      if (checkpoint.code !== input.code || checkpoint.revoked_at !== null) return refuseScan(deps, actor, 'CODE_REVOKED', checkpoint, siteId);
      if (!(await isCheckpointScheduled(deps, checkpoint.id))) return refuseScan(deps, actor, 'SCAN_OUTSIDE_SCHEDULE', checkpoint, siteId);

      const previous = await findPreviousScan(deps.db, actor.personId);
      const gap =
        previous && previous.checkpoint_id !== checkpoint.id ? await plannedGapMinutes(deps.db, previous.checkpoint_id, checkpoint.id) : null;
      return inTransaction(deps, async (tx) => {
        const flags: ScanFlag[] = replayFlags(
          previous ? { checkpointId: previous.checkpoint_id, at: previous.scanned_at, lat: previous.lat, lng: previous.lng } : null,
          { checkpointId: checkpoint.id, at: scannedAt, lat: checkpoint.lat, lng: checkpoint.lng },
          gap,
        );
        // A repeat proves nothing new: the same code again must not count for a second round.
        const patrol = flags.includes('repeat')
          ? null
          : await provePatrolCheck(tx, { siteId, checkpointId: checkpoint.id, personId: actor.personId, scanId: id, at: scannedAt });
        if (patrol?.outOfOrder) flags.push('out_of_order');
        const row: CheckpointScansTable = {
          id,
          site_id: siteId,
          checkpoint_id: checkpoint.id,
          person_id: actor.personId,
          scanned_at: scannedAt,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          accuracy_m: input.accuracyM ?? null,
          flags: JSON.stringify(flags),
        };
        await insertScan(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'checkpoint.scan',
          entityType: 'checkpoint',
          entityId: checkpoint.id,
          detail: { scanId: id, flags, roundId: patrol?.proof.roundId ?? null },
        });
        // Who scanned and the flags are for the checkpoint keepers, who refetch.
        tx.emit({ siteId }, 'checkpoint.scanned', { checkpointId: checkpoint.id, zoneId: checkpoint.zone_id });
        return { row, patrol: patrol?.proof ?? null };
      });
    },
  );
  const checkpoint = (await findCheckpointById(deps.db, value.row.checkpoint_id))!;
  const zones = await findZoneNames(deps.db, [checkpoint.zone_id]);
  return {
    scan: {
      id: value.row.id,
      siteId: value.row.site_id,
      checkpointId: checkpoint.id,
      zoneName: zones.get(checkpoint.zone_id) ?? '',
      nameZh: checkpoint.name_zh,
      nameEn: checkpoint.name_en,
      scannedAt: value.row.scanned_at,
      flags: JSON.parse(value.row.flags) as ScanFlag[],
      patrol: value.patrol,
    },
    created,
  };
}
