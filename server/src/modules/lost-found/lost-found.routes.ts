import {
  ConfirmOpenBody,
  LostItem,
  LostItemListQuery,
  LostItemParams,
  Page,
  RegisterLostItemBody,
  ReturnLostItemBody,
  SiteParams,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { confirmOpening, listLostItems, registerLostItem, returnLostItem } from './lost-found.service.js';

export function registerLostFoundRoutes(app: App, deps: Deps): void {
  const tags = ['lost-and-found'];
  app.post(
    '/sites/:siteId/lost-items',
    {
      schema: { tags, summary: 'Register a found item', params: SiteParams, body: RegisterLostItemBody, response: { 200: LostItem, 201: LostItem } },
    },
    async (req, reply) => {
      const { item, created } = await registerLostItem(deps, req.actor, req.params.siteId, req.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );
  app.get(
    '/sites/:siteId/lost-items',
    {
      schema: {
        tags,
        summary: 'Found items, newest first (unclaimed=true: not yet returned)',
        params: SiteParams,
        querystring: LostItemListQuery,
        response: { 200: Page(LostItem) },
      },
    },
    (req) => listLostItems(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/lost-items/:lostItemId/open',
    {
      schema: {
        tags,
        summary: 'Confirm the opening (two different staff)',
        params: LostItemParams,
        body: ConfirmOpenBody,
        response: { 200: LostItem },
      },
    },
    (req) => confirmOpening(deps, req.actor, req.params.siteId, req.params.lostItemId, req.body),
  );
  app.post(
    '/sites/:siteId/lost-items/:lostItemId/return',
    {
      schema: {
        tags,
        summary: "Return to the owner against the owner's signature",
        params: LostItemParams,
        body: ReturnLostItemBody,
        response: { 200: LostItem },
      },
    },
    (req) => returnLostItem(deps, req.actor, req.params.siteId, req.params.lostItemId, req.body),
  );
}
