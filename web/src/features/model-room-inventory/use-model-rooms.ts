/**
 * Model-room item lists and their checks through the API, cached under
 * ['site', siteId, 'model-rooms', …]; the realtime `model_room.checked` and
 * `model_room.closing_confirmed` events invalidate it.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ModelRoom,
  ModelRoomCheck,
  ModelRoomCheckBody,
  ModelRoomClosingBody,
  ModelRoomClosingConfirmation,
  ModelRoomClosingDay,
  ModelRoomItem,
  ModelRoomItemBody,
  PageOf,
  UpdateModelRoomItemBody,
} from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/query-keys';
import { shiftsApi } from '../../shared/api/shifts-endpoints';

const site = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;
export const modelRoomsKey = (siteId: string) => ['site', siteId, 'model-rooms'] as const;

export const modelRoomsApi = {
  rooms: (siteId: string) => http.get<PageOf<ModelRoom>>(`${site(siteId)}/model-rooms`, { limit: 200 }),
  items: (siteId: string, roomId: string, cursor: string | null) =>
    http.get<PageOf<ModelRoomItem>>(`${site(siteId)}/model-rooms/${roomId}/items`, { limit: 200, cursor: cursor ?? undefined }),
  createItem: (siteId: string, roomId: string, input: ModelRoomItemBody) =>
    http.post<ModelRoomItem>(`${site(siteId)}/model-rooms/${roomId}/items`, input),
  updateItem: (siteId: string, itemId: string, input: UpdateModelRoomItemBody) =>
    http.patch<ModelRoomItem>(`${site(siteId)}/model-room-items/${itemId}`, input),
  archiveItem: (siteId: string, itemId: string) => http.delete(`${site(siteId)}/model-room-items/${itemId}`),
  checks: (siteId: string, roomId: string, cursor: string | null) =>
    http.get<PageOf<ModelRoomCheck>>(`${site(siteId)}/model-rooms/${roomId}/checks`, { limit: 10, cursor: cursor ?? undefined }),
  check: (siteId: string, roomId: string, input: ModelRoomCheckBody) =>
    http.post<ModelRoomCheck>(`${site(siteId)}/model-rooms/${roomId}/checks`, input),
  /** The closing routine of a day (GUARD-IN-11), today when no date is given. */
  closingDay: (siteId: string, date?: string) => http.get<ModelRoomClosingDay>(`${site(siteId)}/model-room-closing`, date ? { date } : undefined),
  confirmClosing: (siteId: string, input: ModelRoomClosingBody) =>
    http.post<ModelRoomClosingConfirmation>(`${site(siteId)}/model-room-closing`, input),
};

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
      await queryClient.invalidateQueries({ queryKey: queryKeys.incidents(siteId) });
    },
  });
}

export const photoUrl = (siteId: string, photoId: string) => shiftsApi.photos.url(siteId, photoId);
