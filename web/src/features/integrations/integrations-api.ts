/**
 * A site's notification channels (group robots, webhooks) and the delivery log through the API.
 * Queries live under ['site', id, 'channels' | 'deliveries'], which the realtime
 * `channel.changed` and `delivery.changed` events invalidate.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Channel,
  CreateChannelBody,
  CreatedChannel,
  Delivery,
  DeliveryDetail,
  DeliveryTransport,
  PageOf,
  TestSendResult,
  UpdateChannelBody,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
const channel = (siteId: string, channelId: string) => `${site(siteId)}/channels/${encodeURIComponent(channelId)}`;

export const integrationKeys = {
  channels: (siteId: string) => ['site', siteId, 'channels'] as const,
  deliveriesRoot: (siteId: string) => ['site', siteId, 'deliveries'] as const,
  deliveries: (siteId: string, transport: DeliveryTransport | 'all') => ['site', siteId, 'deliveries', 'list', transport] as const,
  delivery: (siteId: string, deliveryId: string) => ['site', siteId, 'deliveries', 'detail', deliveryId] as const,
};

export const integrationsApi = {
  channels: (siteId: string, cursor: string | null) =>
    http.get<PageOf<Channel>>(`${site(siteId)}/channels`, { cursor: cursor ?? undefined, limit: 50 }),
  create: (siteId: string, body: CreateChannelBody) => http.post<CreatedChannel>(`${site(siteId)}/channels`, body),
  update: (siteId: string, channelId: string, body: UpdateChannelBody) => http.patch<Channel>(channel(siteId, channelId), body),
  remove: (siteId: string, channelId: string) => http.delete(channel(siteId, channelId)),
  test: (siteId: string, channelId: string) => http.post<TestSendResult>(`${channel(siteId, channelId)}/test`, {}),
  deliveries: (siteId: string, p: { transport?: DeliveryTransport; cursor: string | null }) =>
    http.get<PageOf<Delivery>>(`${site(siteId)}/deliveries`, { transport: p.transport, cursor: p.cursor ?? undefined, limit: 20 }),
  delivery: (siteId: string, deliveryId: string) => http.get<DeliveryDetail>(`${site(siteId)}/deliveries/${encodeURIComponent(deliveryId)}`),
};

export function useChannels(siteId: string) {
  return useInfiniteQuery({
    queryKey: integrationKeys.channels(siteId),
    queryFn: ({ pageParam }) => integrationsApi.channels(siteId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDeliveries(siteId: string, transport: DeliveryTransport | 'all') {
  return useInfiniteQuery({
    queryKey: integrationKeys.deliveries(siteId, transport),
    queryFn: ({ pageParam }) => integrationsApi.deliveries(siteId, { transport: transport === 'all' ? undefined : transport, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDelivery(siteId: string, deliveryId: string | null) {
  return useQuery({
    queryKey: integrationKeys.delivery(siteId, deliveryId ?? ''),
    queryFn: () => integrationsApi.delivery(siteId, deliveryId!),
    enabled: deliveryId !== null,
  });
}

/** A write to the channels; the list and the log are refetched (a test send adds a delivery). */
export function useChannelWrite<I, O>(siteId: string, write: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: integrationKeys.channels(siteId) });
      void queryClient.invalidateQueries({ queryKey: integrationKeys.deliveriesRoot(siteId) });
    },
  });
}

export const integrationInvalidations: FeatureInvalidations = {
  'channel.changed': onSite((siteId) => [integrationKeys.channels(siteId)]),
  'delivery.changed': onSite((siteId) => [integrationKeys.deliveriesRoot(siteId)]),
};
