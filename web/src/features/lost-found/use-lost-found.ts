/**
 * Lost and found (遗失物品) on the phone: the site's found items, page by page, and the writes.
 * Every write makes the server emit `lost_item.changed`, which refetches these lists on every
 * phone at the site (invalidate.ts), so a pending opening shows up for everyone at once.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { LostItem, PageOf, Signature } from '@anchang/contracts';
import { http } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/query-keys';
import { i18n } from '../../i18n';
import { photoOps } from '../../shared/offline/photo-outbox';
import { OutboxRefusal, sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import type { LostItemRegisterOp, LostItemReturnOp } from './outbox-kinds';

const base = (siteId: string) => `/sites/${encodeURIComponent(siteId)}/lost-items`;
const PAGE_SIZE = 20;

export type LostItemFilter = 'unclaimed' | 'all';

export interface RegisterLostItemInput {
  id: string;
  what: string;
  whereFound: string;
  foundAt: number;
  storagePlace: string;
  photoId?: string;
}
export interface ReturnLostItemInput {
  ownerName: string;
  ownerPhone?: string;
  signature: Signature;
}

export const lostItemsApi = {
  list: (siteId: string, filter: LostItemFilter, cursor: string | null) =>
    http.get<PageOf<LostItem>>(base(siteId), { limit: PAGE_SIZE, cursor: cursor ?? undefined, unclaimed: filter === 'unclaimed' ? true : undefined }),
  register: (siteId: string, body: RegisterLostItemInput) => http.post<LostItem>(base(siteId), body),
  confirmOpening: (siteId: string, lostItemId: string, body: { contents?: string }) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/open`, body),
  returnToOwner: (siteId: string, lostItemId: string, body: ReturnLostItemInput) =>
    http.post<LostItem>(`${base(siteId)}/${encodeURIComponent(lostItemId)}/return`, body),
};

export function useLostItems(siteId: string, filter: LostItemFilter) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.lostItems(siteId), filter],
    queryFn: ({ pageParam }) => lostItemsApi.list(siteId, filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * The writes. Registering and the hand-back go through the phone's outbox (they work without
 * signal): they resolve `true` once the server has them, `false` while they wait on the phone,
 * and throw the server's refusal in words. Opening needs two people live, so it stays online.
 * Each refreshes the lists here at once (the event does so on the other phones).
 */
export function useLostItemActions(siteId: string, personId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.lostItems(siteId) });
  const register = useMutation({
    // Without a signal the registration is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ body, photo }: { body: RegisterLostItemInput; photo: { id: string; blob: Blob } | null }): Promise<boolean> => {
      await import('./outbox-kinds');
      const photos = photo ? await photoOps(siteId, [photo]) : [];
      const op: LostItemRegisterOp = { kind: 'lostItemRegister', siteId, body: { ...body, ...(photo ? { photoId: photo.id } : {}) } };
      return (await sendThroughOutbox(personId, [...photos, op], body.id)).stored;
    },
    onSuccess: refresh,
  });
  const confirmOpening = useMutation({
    mutationFn: ({ id, contents }: { id: string; contents?: string }) => {
      // Two witnesses, each on their own phone, at the same moment: not something to send later.
      if (!navigator.onLine) throw new OutboxRefusal(i18n.t('carePhone.lost.openNeedsSignal'));
      return lostItemsApi.confirmOpening(siteId, id, contents ? { contents } : {});
    },
    onSettled: refresh, // a refusal (someone else was quicker) is news too
  });
  const returnToOwner = useMutation({
    networkMode: 'always',
    mutationFn: async ({ id, what, ...body }: ReturnLostItemInput & { id: string; what: string }): Promise<boolean> => {
      await import('./outbox-kinds');
      const op: LostItemReturnOp = { kind: 'lostItemReturn', siteId, lostItemId: id, body, what };
      return (await sendThroughOutbox(personId, [op], `return:${id}`)).stored;
    },
    onSuccess: refresh,
  });
  return { register, confirmOpening, returnToOwner };
}
