import {
  ConsumptionQuery,
  IssueRequisitionBody,
  IssueRequisitionParams,
  ItemConsumption,
  MovementQuery,
  Page,
  PageQuery,
  RequisitionToIssue,
  RequisitionsToIssueQuery,
  SiteParams,
  StockBatch,
  StockBatchBody,
  StockBatchQuery,
  StockCountBody,
  StockLevel,
  StockMovement,
  StockQuery,
  SupplyItem,
  SupplyItemBody,
  SupplyItemParams,
  SupplyStore,
  SupplyStoreBody,
  UpdateSupplyItemBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import * as requisitions from './requisition-issue.service.js';
import * as ledger from './stock-ledger.service.js';
import * as stock from './stock-reads.service.js';
import * as catalogue from './supply-catalogue.service.js';

export function registerSuppliesRoutes(app: App, deps: Deps): void {
  const tags = ['supplies'];
  const base = '/sites/:siteId/supplies';
  app.get(
    `${base}/items`,
    {
      schema: {
        tags,
        summary: 'Supply items, in the order they were added',
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(SupplyItem) },
      },
    },
    (req) => catalogue.listItems(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    `${base}/items`,
    { schema: { tags, summary: 'Add a supply item', params: SiteParams, body: SupplyItemBody, response: { 201: SupplyItem } } },
    async (req, reply) => reply.status(201).send(await catalogue.createItem(deps, req.actor, req.params.siteId, req.body)),
  );
  app.patch(
    `${base}/items/:supplyItemId`,
    { schema: { tags, summary: 'Change a supply item', params: SupplyItemParams, body: UpdateSupplyItemBody, response: { 200: SupplyItem } } },
    (req) => catalogue.updateItem(deps, req.actor, req.params.siteId, req.params.supplyItemId, req.body),
  );
  app.delete(
    `${base}/items/:supplyItemId`,
    { schema: { tags, summary: 'Take an item off the list (its history stays)', params: SupplyItemParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await catalogue.archiveItem(deps, req.actor, req.params.siteId, req.params.supplyItemId);
      return reply.status(204).send();
    },
  );
  app.get(
    `${base}/stores`,
    { schema: { tags, summary: 'The stores of the site', params: SiteParams, querystring: PageQuery, response: { 200: Page(SupplyStore) } } },
    (req) => catalogue.listStores(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    `${base}/stores`,
    { schema: { tags, summary: 'Add a store (吧台仓, 保洁仓)', params: SiteParams, body: SupplyStoreBody, response: { 201: SupplyStore } } },
    async (req, reply) => reply.status(201).send(await catalogue.createStore(deps, req.actor, req.params.siteId, req.body)),
  );
  app.get(
    `${base}/stock`,
    { schema: { tags, summary: 'On hand per item per store', params: SiteParams, querystring: StockQuery, response: { 200: Page(StockLevel) } } },
    (req) => stock.stockLevels(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    `${base}/receipts`,
    {
      schema: {
        tags,
        summary: 'Receive stock into a store',
        params: SiteParams,
        body: StockBatchBody,
        response: { 200: StockBatch, 201: StockBatch },
      },
    },
    async (req, reply) => {
      const { batch, created } = await ledger.receive(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(batch);
    },
  );
  app.post(
    `${base}/issues`,
    {
      schema: {
        tags,
        summary: 'Issue stock from a store (all lines or none; more than on hand is refused)',
        params: SiteParams,
        body: StockBatchBody,
        response: { 200: StockBatch, 201: StockBatch },
      },
    },
    async (req, reply) => {
      const { batch, created } = await ledger.issue(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(batch);
    },
  );
  app.post(
    `${base}/counts`,
    {
      schema: {
        tags,
        summary: 'A count sheet: counted quantities replace on hand',
        params: SiteParams,
        body: StockCountBody,
        response: { 200: StockBatch, 201: StockBatch },
      },
    },
    async (req, reply) => {
      const { batch, created } = await ledger.count(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(batch);
    },
  );
  app.get(
    `${base}/batches`,
    {
      schema: {
        tags,
        summary: 'Receipts, issues and count sheets, newest first',
        params: SiteParams,
        querystring: StockBatchQuery,
        response: { 200: Page(StockBatch) },
      },
    },
    (req) => stock.listBatches(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    `${base}/movements`,
    {
      schema: {
        tags,
        summary: 'The stock ledger, newest first',
        params: SiteParams,
        querystring: MovementQuery,
        response: { 200: Page(StockMovement) },
      },
    },
    (req) => stock.listMovements(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    `${base}/consumption`,
    {
      schema: {
        tags,
        summary: 'Issued quantities per item per week',
        params: SiteParams,
        querystring: ConsumptionQuery,
        response: { 200: Page(ItemConsumption) },
      },
    },
    (req) => stock.consumption(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    `${base}/requisitions`,
    {
      schema: {
        tags,
        summary: 'Approved requisitions, to issue or issued',
        params: SiteParams,
        querystring: RequisitionsToIssueQuery,
        response: { 200: Page(RequisitionToIssue) },
      },
    },
    (req) => requisitions.requisitionsToIssue(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    `${base}/requisitions/:requisitionId/issue`,
    {
      schema: {
        tags,
        summary: 'Issue an approved requisition from a store',
        params: IssueRequisitionParams,
        body: IssueRequisitionBody,
        response: { 200: StockBatch, 201: StockBatch },
      },
    },
    async (req, reply) => {
      const { batch, created } = await requisitions.issueRequisition(deps, req.actor, req.params.siteId, req.params.requisitionId, req.body);
      return reply.status(created ? 201 : 200).send(batch);
    },
  );
}
