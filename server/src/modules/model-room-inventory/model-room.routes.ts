import {
  ModelRoom,
  ModelRoomCheck,
  ModelRoomCheckBody,
  ModelRoomClosingBody,
  ModelRoomClosingConfirmation,
  ModelRoomClosingDay,
  ModelRoomClosingQuery,
  ModelRoomItem,
  ModelRoomItemBody,
  ModelRoomItemParams,
  ModelRoomParams,
  Page,
  PageQuery,
  SiteParams,
  UpdateModelRoomItemBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { confirmClosing, getClosingDay } from './model-room-closing.service.js';
import { archiveItem, createItem, listChecks, listItems, listRooms, recordCheck, updateItem } from './model-room.service.js';

export function registerModelRoomInventoryRoutes(app: App, deps: Deps): void {
  const tags = ['model-rooms'];
  app.get(
    '/sites/:siteId/model-rooms',
    {
      schema: {
        tags,
        summary: 'Model rooms with their item count and latest check',
        params: SiteParams,
        querystring: PageQuery,
        response: { 200: Page(ModelRoom) },
      },
    },
    (req) => listRooms(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/model-rooms/:roomId/items',
    {
      schema: { tags, summary: "A model room's item list", params: ModelRoomParams, querystring: PageQuery, response: { 200: Page(ModelRoomItem) } },
    },
    (req) => listItems(deps, req.actor, req.params.siteId, req.params.roomId, req.query),
  );
  app.post(
    '/sites/:siteId/model-rooms/:roomId/items',
    { schema: { tags, summary: 'Add an item to the list', params: ModelRoomParams, body: ModelRoomItemBody, response: { 201: ModelRoomItem } } },
    async (req, reply) => reply.status(201).send(await createItem(deps, req.actor, req.params.siteId, req.params.roomId, req.body)),
  );
  app.patch(
    '/sites/:siteId/model-room-items/:modelRoomItemId',
    {
      schema: { tags, summary: 'Change a listed item', params: ModelRoomItemParams, body: UpdateModelRoomItemBody, response: { 200: ModelRoomItem } },
    },
    (req) => updateItem(deps, req.actor, req.params.siteId, req.params.modelRoomItemId, req.body),
  );
  app.delete(
    '/sites/:siteId/model-room-items/:modelRoomItemId',
    { schema: { tags, summary: 'Take an item off the list', params: ModelRoomItemParams, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await archiveItem(deps, req.actor, req.params.siteId, req.params.modelRoomItemId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/sites/:siteId/model-rooms/:roomId/checks',
    {
      schema: {
        tags,
        summary: 'The opening or closing check of the item list',
        params: ModelRoomParams,
        body: ModelRoomCheckBody,
        response: { 200: ModelRoomCheck, 201: ModelRoomCheck },
      },
    },
    async (req, reply) => {
      const { check, created } = await recordCheck(deps, req.actor, req.params.siteId, req.params.roomId, req.body);
      return reply.status(created ? 201 : 200).send(check);
    },
  );
  app.get(
    '/sites/:siteId/model-rooms/:roomId/checks',
    {
      schema: {
        tags,
        summary: 'Check history of a room, newest first',
        params: ModelRoomParams,
        querystring: PageQuery,
        response: { 200: Page(ModelRoomCheck) },
      },
    },
    (req) => listChecks(deps, req.actor, req.params.siteId, req.params.roomId, req.query),
  );
  app.get(
    '/sites/:siteId/model-room-closing',
    {
      schema: {
        tags,
        summary: "A day's closing routine (GUARD-IN-11): water, power and CCTV, each with who confirmed it off and when",
        params: SiteParams,
        querystring: ModelRoomClosingQuery,
        response: { 200: ModelRoomClosingDay },
      },
    },
    (req) => getClosingDay(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/model-room-closing',
    {
      schema: {
        tags,
        summary:
          'Confirm one switch of the closing routine off (the phone chooses the id; a resend, or a switch already confirmed today, answers 200)',
        params: SiteParams,
        body: ModelRoomClosingBody,
        response: { 200: ModelRoomClosingConfirmation, 201: ModelRoomClosingConfirmation },
      },
    },
    async (req, reply) => {
      const { confirmation, created } = await confirmClosing(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(confirmation);
    },
  );
}
