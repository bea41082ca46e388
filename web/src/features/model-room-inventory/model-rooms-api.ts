/**
 * Model-room item lists, their checks and the closing routine through the API, cached under
 * ['site', siteId, 'model-rooms', …]; the realtime `model_room.checked` and
 * `model_room.closing_confirmed` events invalidate it.
 */
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
import { onSite, type FeatureInvalidations } from '../../shared/realtime/invalidation-rules';

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

const modelRoomsChanged = onSite((siteId) => [modelRoomsKey(siteId)]);

export const modelRoomInvalidations: FeatureInvalidations = {
  'model_room.checked': modelRoomsChanged,
  'model_room.closing_confirmed': modelRoomsChanged,
};
