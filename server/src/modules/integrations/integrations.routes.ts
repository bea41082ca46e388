import {
  Channel,
  ChannelParams,
  CreateChannelBody,
  CreatedChannel,
  DeliveryDetail,
  DeliveryListQuery,
  DeliveryParams,
  Delivery,
  Page,
  PageQuery,
  SiteParams,
  TestSendResult,
  UpdateChannelBody,
} from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import {
  createChannel,
  deleteChannel,
  getDelivery,
  listChannels,
  listDeliveries,
  sendTestMessage,
  updateChannel,
  type IntegrationDeps,
} from './integrations.service.js';

export function registerIntegrationRoutes(app: App, deps: IntegrationDeps): void {
  const tags = ['integrations'];
  app.get(
    '/sites/:siteId/channels',
    {
      schema: { tags, summary: "The site's group robots and webhooks", params: SiteParams, querystring: PageQuery, response: { 200: Page(Channel) } },
    },
    (req) => listChannels(deps, req.actor, req.params.siteId, req.query),
  );
  app.post(
    '/sites/:siteId/channels',
    {
      schema: {
        tags,
        summary: 'Add a group robot or a webhook; its secret is returned this once',
        params: SiteParams,
        body: CreateChannelBody,
        response: { 201: CreatedChannel },
      },
    },
    async (req, reply) => reply.code(201).send(await createChannel(deps, req.actor, req.params.siteId, req.body)),
  );
  app.patch(
    '/sites/:siteId/channels/:channelId',
    { schema: { tags, summary: 'Change, enable or disable a channel', params: ChannelParams, body: UpdateChannelBody, response: { 200: Channel } } },
    (req) => updateChannel(deps, req.actor, req.params.siteId, req.params.channelId, req.body),
  );
  app.delete(
    '/sites/:siteId/channels/:channelId',
    { schema: { tags, summary: 'Delete a channel (its deliveries stay in the log)', params: ChannelParams } },
    async (req, reply) => {
      await deleteChannel(deps, req.actor, req.params.siteId, req.params.channelId);
      return reply.code(204).send();
    },
  );
  app.post(
    '/sites/:siteId/channels/:channelId/test',
    { schema: { tags, summary: 'Queue a test message to the channel', params: ChannelParams, response: { 202: TestSendResult } } },
    async (req, reply) => reply.code(202).send(await sendTestMessage(deps, req.actor, req.params.siteId, req.params.channelId)),
  );
  app.get(
    '/sites/:siteId/deliveries',
    {
      schema: {
        tags,
        summary: 'Robot, webhook and SMS deliveries, newest first (phones masked)',
        params: SiteParams,
        querystring: DeliveryListQuery,
        response: { 200: Page(Delivery) },
      },
    },
    (req) => listDeliveries(deps, req.actor, req.params.siteId, req.query),
  );
  app.get(
    '/sites/:siteId/deliveries/:deliveryId',
    {
      schema: {
        tags,
        summary: "A delivery with each attempt's status, answer and duration",
        params: DeliveryParams,
        response: { 200: DeliveryDetail },
      },
    },
    (req) => getDelivery(deps, req.actor, req.params.siteId, req.params.deliveryId),
  );
}
