/**
 * The equipment ledger (设施设备台账): the site's assets by zone, each with a QR label whose
 * code is a random secret (128 bits, base64url) so nobody can guess another asset's page;
 * labels can be revoked and reissued. Maintenance schedules every N days with a due list.
 */
import { randomBytes } from 'node:crypto';
import type { Asset, AssetCategory, CreateAssetBody, CreateMaintenanceBody, MaintenanceSchedule, PageOf, UpdateAssetBody } from '@anchang/contracts';
import type { AssetsTable, MaintenanceSchedulesTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { pageRequest, toPageBatched } from '../../platform/http/pagination.js';
import { addDays, localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames } from '../people/index.js';
import { countOpenWorkOrdersOfAssets } from '../repairs/index.js';
import { findSiteRow } from '../sites/index.js';
import { findZoneNames, findZoneRow } from '../zones/index.js';
import { LEDGER_KEEPERS } from './equipment.policy.js';
import {
  deleteSchedule,
  findAssetById,
  findAssetRow,
  findAssetsByIds,
  findScheduleById,
  findScheduleRow,
  insertAsset,
  insertSchedule,
  listAssetRows,
  listScheduleRows,
  updateAsset,
  updateSchedule,
} from './equipment.repository.js';

/** 128 random bits, URL-safe: the QR's secret. */
export const newAssetCode = (): string => randomBytes(16).toString('base64url');

export async function toAssets(deps: Pick<Deps, 'db'>, rows: AssetsTable[]): Promise<Asset[]> {
  const [zones, open] = await Promise.all([
    findZoneNames(
      deps.db,
      rows.map((r) => r.zone_id),
    ),
    countOpenWorkOrdersOfAssets(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    zoneId: r.zone_id,
    zoneName: zones.get(r.zone_id) ?? '',
    category: r.category as AssetCategory,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    model: r.model,
    locationNote: r.location_note,
    installedOn: r.installed_on,
    code: r.code_revoked_at === null ? r.code : null,
    codeRevokedAt: r.code_revoked_at,
    openWorkOrders: open.get(r.id) ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function requireZone(deps: Deps, siteId: string, zoneId: string): Promise<void> {
  if (!(await findZoneRow(deps.db, siteId, zoneId))) throw new AppError('ZONE_NOT_FOUND', { params: { zoneId } });
}

export async function requireAsset(deps: Pick<Deps, 'db'>, siteId: string, assetId: string): Promise<AssetsTable> {
  const row = await findAssetRow(deps.db, siteId, assetId);
  if (!row) throw new AppError('ASSET_NOT_FOUND', { params: { assetId } });
  return row;
}

export async function listAssets(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; zoneId?: string; category?: string },
): Promise<PageOf<Asset>> {
  requireSiteMember(actor, siteId);
  const page = pageRequest(query, 'asc');
  return toPageBatched(await listAssetRows(deps.db, siteId, page, query), page, (rows) => toAssets(deps, rows));
}

export async function getAsset(deps: Deps, actor: Actor, siteId: string, assetId: string): Promise<Asset> {
  requireSiteMember(actor, siteId);
  return (await toAssets(deps, [await requireAsset(deps, siteId, assetId)]))[0]!;
}

export async function createAsset(deps: Deps, actor: Actor, siteId: string, input: CreateAssetBody): Promise<{ asset: Asset; created: boolean }> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  await requireZone(deps, siteId, input.zoneId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findAssetById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inTransaction(deps, async (tx) => {
        const row: AssetsTable = {
          id: input.id,
          site_id: siteId,
          zone_id: input.zoneId,
          category: input.category,
          name_zh: input.nameZh.trim(),
          name_en: input.nameEn.trim(),
          model: input.model.trim(),
          location_note: input.locationNote.trim(),
          installed_on: input.installedOn,
          code: newAssetCode(),
          code_revoked_at: null,
          retired_at: null,
          created_at: tx.now,
          updated_at: tx.now,
        };
        await insertAsset(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'asset.create',
          entityType: 'asset',
          entityId: row.id,
          detail: { nameZh: row.name_zh, category: row.category, zoneId: row.zone_id },
        });
        tx.emit({ siteId }, 'asset.changed', { assetId: row.id, action: 'created' });
        return row;
      }),
  );
  return { asset: (await toAssets(deps, [value]))[0]!, created };
}

export async function editAsset(deps: Deps, actor: Actor, siteId: string, assetId: string, input: UpdateAssetBody): Promise<Asset> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  await requireAsset(deps, siteId, assetId);
  if (input.zoneId) await requireZone(deps, siteId, input.zoneId);
  await inTransaction(deps, async (tx) => {
    const patch: Partial<AssetsTable> = { updated_at: tx.now };
    if (input.zoneId !== undefined) patch.zone_id = input.zoneId;
    if (input.category !== undefined) patch.category = input.category;
    if (input.nameZh !== undefined) patch.name_zh = input.nameZh.trim();
    if (input.nameEn !== undefined) patch.name_en = input.nameEn.trim();
    if (input.model !== undefined) patch.model = input.model.trim();
    if (input.locationNote !== undefined) patch.location_note = input.locationNote.trim();
    if (input.installedOn !== undefined) patch.installed_on = input.installedOn;
    await updateAsset(tx.trx, assetId, patch);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'asset.update', entityType: 'asset', entityId: assetId, detail: { ...input } });
    tx.emit({ siteId }, 'asset.changed', { assetId, action: 'updated' });
  });
  return getAsset(deps, actor, siteId, assetId);
}

/** Retired assets leave the ledger and their label stops working; their work orders stay. */
export async function retireAsset(deps: Deps, actor: Actor, siteId: string, assetId: string): Promise<void> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  await requireAsset(deps, siteId, assetId);
  await inTransaction(deps, async (tx) => {
    await updateAsset(tx.trx, assetId, { retired_at: tx.now, updated_at: tx.now });
    await recordAudit(tx, actorRef(actor), { siteId, action: 'asset.retire', entityType: 'asset', entityId: assetId, detail: {} });
    tx.emit({ siteId }, 'asset.changed', { assetId, action: 'retired' });
  });
}

/** Revoke: the printed label stops working. Reissue: a new secret for a new label (the old one stops too). */
export async function changeAssetCode(deps: Deps, actor: Actor, siteId: string, assetId: string, action: 'reissue' | 'revoke'): Promise<Asset> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  await requireAsset(deps, siteId, assetId);
  await inTransaction(deps, async (tx) => {
    const patch: Partial<AssetsTable> =
      action === 'revoke' ? { code_revoked_at: tx.now, updated_at: tx.now } : { code: newAssetCode(), code_revoked_at: null, updated_at: tx.now };
    await updateAsset(tx.trx, assetId, patch);
    await recordAudit(tx, actorRef(actor), { siteId, action: `asset.code_${action}`, entityType: 'asset', entityId: assetId, detail: {} });
    tx.emit({ siteId }, 'asset.changed', { assetId, action: 'code' });
  });
  return getAsset(deps, actor, siteId, assetId);
}

// ---- maintenance ----

async function siteToday(deps: Pick<Deps, 'db' | 'clock'>, siteId: string): Promise<string> {
  const site = await findSiteRow(deps.db, siteId);
  return localParts(deps.clock.now(), site?.time_zone ?? 'Asia/Shanghai').date;
}

async function toSchedules(deps: Pick<Deps, 'db'>, rows: MaintenanceSchedulesTable[], today: string): Promise<MaintenanceSchedule[]> {
  const siteId = rows[0]?.site_id ?? '';
  const [assets, names] = await Promise.all([
    findAssetsByIds(
      deps.db,
      siteId,
      rows.map((r) => r.asset_id),
    ),
    findPersonNames(
      deps.db,
      rows.flatMap((r) => (r.last_done_by ? [r.last_done_by] : [])),
    ),
  ]);
  const byId = new Map(assets.map((a) => [a.id, a]));
  const zones = await findZoneNames(
    deps.db,
    assets.map((a) => a.zone_id),
  );
  return rows.map((r) => {
    const asset = byId.get(r.asset_id);
    return {
      id: r.id,
      siteId: r.site_id,
      assetId: r.asset_id,
      assetNameZh: asset?.name_zh ?? '',
      assetNameEn: asset?.name_en ?? '',
      zoneName: asset ? (zones.get(asset.zone_id) ?? '') : '',
      title: r.title,
      everyDays: r.every_days,
      nextDueOn: r.next_due_on,
      lastDoneAt: r.last_done_at,
      lastDoneByName: r.last_done_by ? (names.get(r.last_done_by) ?? null) : null,
      lastNote: r.last_note,
      overdue: r.next_due_on < today,
    };
  });
}

export async function listMaintenance(
  deps: Deps,
  actor: Actor,
  siteId: string,
  query: { limit?: number; cursor?: string; dueWithinDays?: number; assetId?: string },
): Promise<PageOf<MaintenanceSchedule>> {
  requireSiteMember(actor, siteId);
  const today = await siteToday(deps, siteId);
  const page = pageRequest(query, 'asc');
  const dueBy = query.dueWithinDays === undefined ? undefined : addDays(today, query.dueWithinDays);
  return toPageBatched(await listScheduleRows(deps.db, siteId, page, { dueBy, assetId: query.assetId }), page, (rows) =>
    toSchedules(deps, rows, today),
  );
}

export async function createMaintenance(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: CreateMaintenanceBody,
): Promise<{ schedule: MaintenanceSchedule; created: boolean }> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  await requireAsset(deps, siteId, input.assetId);
  const today = await siteToday(deps, siteId);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await findScheduleById(deps.db, input.id);
      if (stored && stored.site_id !== siteId) throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      return stored;
    },
    () =>
      inTransaction(deps, async (tx) => {
        const row: MaintenanceSchedulesTable = {
          id: input.id,
          site_id: siteId,
          asset_id: input.assetId,
          title: input.title.trim(),
          every_days: input.everyDays,
          next_due_on: input.firstDueOn,
          last_done_at: null,
          last_done_by: null,
          last_note: null,
          created_at: tx.now,
        };
        await insertSchedule(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'maintenance.create',
          entityType: 'maintenance_schedule',
          entityId: row.id,
          detail: { assetId: row.asset_id, title: row.title, everyDays: row.every_days },
        });
        tx.emit({ siteId }, 'asset.changed', { assetId: row.asset_id, action: 'updated' });
        return row;
      }),
  );
  return { schedule: (await toSchedules(deps, [value], today))[0]!, created };
}

/** Done: the next one falls due N days from today (not from the missed date, so it never piles up). */
export async function markMaintenanceDone(deps: Deps, actor: Actor, siteId: string, scheduleId: string, note: string): Promise<MaintenanceSchedule> {
  requireSiteMember(actor, siteId);
  const row = await findScheduleRow(deps.db, siteId, scheduleId);
  if (!row) throw new AppError('MAINTENANCE_NOT_FOUND', { params: { scheduleId } });
  const today = await siteToday(deps, siteId);
  await inTransaction(deps, async (tx) => {
    await updateSchedule(tx.trx, scheduleId, {
      next_due_on: addDays(today, row.every_days),
      last_done_at: tx.now,
      last_done_by: actor.personId,
      last_note: note.trim(),
    });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'maintenance.done',
      entityType: 'maintenance_schedule',
      entityId: scheduleId,
      detail: { assetId: row.asset_id, note: note.trim() },
    });
    tx.emit({ siteId }, 'asset.changed', { assetId: row.asset_id, action: 'updated' });
  });
  return (await toSchedules(deps, [(await findScheduleRow(deps.db, siteId, scheduleId))!], today))[0]!;
}

export async function removeMaintenance(deps: Deps, actor: Actor, siteId: string, scheduleId: string): Promise<void> {
  requireSiteRole(actor, siteId, LEDGER_KEEPERS);
  const row = await findScheduleRow(deps.db, siteId, scheduleId);
  if (!row) throw new AppError('MAINTENANCE_NOT_FOUND', { params: { scheduleId } });
  await inTransaction(deps, async (tx) => {
    await deleteSchedule(tx.trx, scheduleId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'maintenance.remove',
      entityType: 'maintenance_schedule',
      entityId: scheduleId,
      detail: { assetId: row.asset_id, title: row.title },
    });
    tx.emit({ siteId }, 'asset.changed', { assetId: row.asset_id, action: 'updated' });
  });
}
