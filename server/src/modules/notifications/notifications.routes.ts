import { CreateNotificationBody, Notification, Page, PageQuery, SiteParams } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import type { Deps } from '../../platform/tx.js';
import { listNotifications, sendNotification } from './notifications.service.js';

export function registerNotificationRoutes(app: App, deps: Deps): void {
  const tags = ['notifications'];
  app.get(
    '/sites/:siteId/notifications',
    {
      schema: { tags, summary: 'Notices I can see, newest first', params: SiteParams, querystring: PageQuery, response: { 200: Page(Notification) } },
    },
    (req) => listNotifications(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/notifications',
    {
      schema: {
        tags,
        summary: "Push a notice to the site's phones",
        params: SiteParams,
        body: CreateNotificationBody,
        response: { 201: Notification },
      },
    },
    async (req, reply) => reply.status(201).send(await sendNotification(deps, req.actor, req.params.siteId, req.body)),
  );
}
