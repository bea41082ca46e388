/**
 * Model-room item lists, their checks and the closing routine on the console and the phone. Keys,
 * endpoints and which realtime events refetch them are in model-rooms-api.ts.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModelRoomItem, PageOf } from '@anchang/contracts';
import { modelRoomsApi, modelRoomsKey } from './model-rooms-api';
import { incidentKeys } from '../incidents/incidents-api';
import { photosApi } from '../../shared/api/photos';

/** Today's closing routine: water, power and CCTV with who confirmed each off. */
export const useClosingDay = (siteId: string, enabled = true) =>
  useQuery({ queryKey: [...modelRoomsKey(siteId), 'closing'], enabled, queryFn: () => modelRoomsApi.closingDay(siteId) });

export const useModelRooms = (siteId: string) =>
  useQuery({ queryKey: [...modelRoomsKey(siteId), 'rooms'], queryFn: () => modelRoomsApi.rooms(siteId) });

/** The whole list of one room (a room holds tens of items: every page is fetched). */
export const useRoomItems = (siteId: string, roomId: string | null) =>
  useQuery({
    queryKey: [...modelRoomsKey(siteId), 'items', roomId],
    enabled: !!roomId,
    queryFn: async () => {
      const all: ModelRoomItem[] = [];
      let cursor: string | null = null;
      do {
        const page: PageOf<ModelRoomItem> = await modelRoomsApi.items(siteId, roomId!, cursor);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
  });

export const useRoomChecks = (siteId: string, roomId: string | null) =>
  useInfiniteQuery({
    queryKey: [...modelRoomsKey(siteId), 'checks', roomId],
    enabled: !!roomId,
    queryFn: ({ pageParam }) => modelRoomsApi.checks(siteId, roomId!, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useModelRoomMutation<A, R>(siteId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: modelRoomsKey(siteId) });
      // A check may have raised incidents.
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all(siteId) });
    },
  });
}

export const photoUrl = (siteId: string, photoId: string) => photosApi.url(siteId, photoId);
