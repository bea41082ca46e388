import {
  Asset,
  AssetCodeBody,
  AssetListQuery,
  AssetParams,
  CreateAssetBody,
  CreateMaintenanceBody,
  MaintenanceDoneBody,
  MaintenanceListQuery,
  MaintenanceParams,
  MaintenanceSchedule,
  Page,
  SiteParams,
  UpdateAssetBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import {
  changeAssetCode,
  createAsset,
  createMaintenance,
  editAsset,
  getAsset,
  listAssets,
  listMaintenance,
  markMaintenanceDone,
  removeMaintenance,
  retireAsset,
} from './equipment.service.js';

export function registerEquipmentRoutes(app: App, deps: Deps): void {
  const tags = ['equipment'];
  app.get(
    '/sites/:siteId/assets',
    { schema: { tags, summary: 'The equipment ledger', params: SiteParams, querystring: AssetListQuery, response: { 200: Page(Asset) } } },
    (req) => listAssets(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/assets',
    {
      schema: {
        tags,
        summary: 'Add an asset (its QR code is generated)',
        params: SiteParams,
        body: CreateAssetBody,
        response: { 200: Asset, 201: Asset },
      },
    },
    async (req, reply) => {
      const { asset, created } = await createAsset(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(asset);
    },
  );
  app.get('/sites/:siteId/assets/:assetId', { schema: { summary: 'Read an asset', tags, params: AssetParams, response: { 200: Asset } } }, (req) =>
    getAsset(deps, req.actor, req.params.siteId, req.params.assetId),
  );
  app.patch(
    '/sites/:siteId/assets/:assetId',
    { schema: { summary: 'Change an asset', tags, params: AssetParams, body: UpdateAssetBody, response: { 200: Asset } } },
    (req) => editAsset(deps, req.actor, req.params.siteId, req.params.assetId, req.body),
  );
  app.delete(
    '/sites/:siteId/assets/:assetId',
    {
      schema: { tags, summary: 'Retire an asset: off the ledger, its label stops working', params: AssetParams, response: { 204: { type: 'null' } } },
    },
    async (req, reply) => {
      await retireAsset(deps, req.actor, req.params.siteId, req.params.assetId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/sites/:siteId/assets/:assetId/code',
    { schema: { tags, summary: 'Revoke the QR label or issue a new one', params: AssetParams, body: AssetCodeBody, response: { 200: Asset } } },
    (req) => changeAssetCode(deps, req.actor, req.params.siteId, req.params.assetId, req.body.action),
  );
  app.get(
    '/sites/:siteId/maintenance',
    {
      schema: {
        tags,
        summary: 'Maintenance schedules (the due list with dueWithinDays)',
        params: SiteParams,
        querystring: MaintenanceListQuery,
        response: { 200: Page(MaintenanceSchedule) },
      },
    },
    (req) => listMaintenance(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/maintenance',
    {
      schema: {
        tags,
        summary: 'Schedule maintenance every N days',
        params: SiteParams,
        body: CreateMaintenanceBody,
        response: { 200: MaintenanceSchedule, 201: MaintenanceSchedule },
      },
    },
    async (req, reply) => {
      const { schedule, created } = await createMaintenance(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(schedule);
    },
  );
  app.post(
    '/sites/:siteId/maintenance/:scheduleId/done',
    {
      schema: {
        tags,
        summary: 'Maintenance done, with a note',
        params: MaintenanceParams,
        body: MaintenanceDoneBody,
        response: { 200: MaintenanceSchedule },
      },
    },
    (req) => markMaintenanceDone(deps, req.actor, req.params.siteId, req.params.scheduleId, req.body.note),
  );
  app.delete(
    '/sites/:siteId/maintenance/:scheduleId',
    { schema: { summary: 'Delete a maintenance schedule', tags, params: MaintenanceParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await removeMaintenance(deps, req.actor, req.params.siteId, req.params.scheduleId);
      return reply.status(204).send();
    },
  );
}
