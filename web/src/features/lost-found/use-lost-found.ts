/**
 * Lost and found (遗失物品) on the phone: the site's found items, page by page, and the writes.
 * Every write makes the server emit `lost_item.changed`, which refetches these lists on every
 * phone at the site (event-invalidations.ts), so a pending opening shows up for everyone at once.
 */
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { i18n } from '../../i18n';
import { photoOps } from '../../shared/offline/photo-outbox';
import { OutboxRefusal, sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import type { LostItemRegisterOp, LostItemReturnOp } from './outbox-kinds';
import { type LostItemFilter, lostItemKeys, lostItemsApi, type RegisterLostItemInput, type ReturnLostItemInput } from './lost-found-api';

export function useLostItems(siteId: string, filter: LostItemFilter) {
  return useInfiniteQuery({
    queryKey: [...lostItemKeys.all(siteId), filter],
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
  const refresh = () => queryClient.invalidateQueries({ queryKey: lostItemKeys.all(siteId) });
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
