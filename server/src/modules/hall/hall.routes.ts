import { Type } from '@sinclair/typebox';
import {
  CreateHallTableBody,
  DrinkOrder,
  DrinkOrderParams,
  Hall,
  OrderDrinksBody,
  SeatBody,
  SeatResult,
  ServeBody,
  SiteParams,
  VisitParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { barQueue, createTable, getHall, markDrinkMade, markDrinkServed, orderDrinks, seatVisit } from './hall.service.js';

export function registerHallRoutes(app: App, deps: Deps): void {
  const tags = ['hall'];
  // The hall's tables and the bar's open orders are small, bounded sets: not paged.
  app.get(
    '/sites/:siteId/hall',
    { schema: { tags, summary: 'Tables, seats taken, the sand-table waiting list', params: SiteParams, response: { 200: Hall } } },
    (req) => getHall(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/hall/tables',
    { schema: { summary: 'Create a hall table', tags, params: SiteParams, body: CreateHallTableBody, response: { 201: Hall } } },
    async (req, reply) => reply.status(201).send(await createTable(deps, req.actor, req.params.siteId, req.body)),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/seat',
    {
      schema: { tags, summary: 'Seat the party, or put it on the waiting list', params: VisitParams, body: SeatBody, response: { 200: SeatResult } },
    },
    (req) => seatVisit(deps, req.actor, req.params.siteId, req.params.visitId, req.body),
  );
  app.post(
    '/sites/:siteId/visits/:visitId/drinks',
    {
      schema: {
        tags,
        summary: 'Order drinks for the table',
        params: VisitParams,
        body: OrderDrinksBody,
        response: { 200: DrinkOrder, 201: DrinkOrder },
      },
    },
    async (req, reply) => {
      const { order, created } = await orderDrinks(deps, req.actor, req.params.siteId, req.params.visitId, req.body);
      return reply.status(created ? 201 : 200).send(order);
    },
  );
  app.get(
    '/sites/:siteId/bar/queue',
    { schema: { tags, summary: "The bar's open orders, oldest first", params: SiteParams, response: { 200: Type.Array(DrinkOrder) } } },
    (req) => barQueue(deps, req.actor, req.params.siteId),
  );
  app.post(
    '/sites/:siteId/bar/orders/:orderId/made',
    { schema: { summary: 'Mark a drink order made', tags, params: DrinkOrderParams, response: { 200: DrinkOrder } } },
    (req) => markDrinkMade(deps, req.actor, req.params.siteId, req.params.orderId),
  );
  app.post(
    '/sites/:siteId/bar/orders/:orderId/served',
    {
      schema: {
        tags,
        summary: 'Served, by the bar or by the hall when the bar is busy',
        params: DrinkOrderParams,
        body: ServeBody,
        response: { 200: DrinkOrder },
      },
    },
    (req) => markDrinkServed(deps, req.actor, req.params.siteId, req.params.orderId, req.body.by),
  );
}
