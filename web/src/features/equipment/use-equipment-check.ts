/**
 * The technician's daily check through the phone's outbox: plant rooms and basements often have
 * no signal, so the check (and the fault photos it carries, sent first) is stored on the phone
 * and sent when the signal returns, once.
 */
import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EquipmentCheck, EquipmentCheckBody, EquipmentCheckKind } from '@anchang/contracts';
import { useWaitingOps } from '../../shared/offline/outbox-client';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import { equipmentKeys, repairKeys } from '../repairs/repairs-api';
import type { EquipmentCheckOp } from './outbox-kinds';

/**
 * Resolves with the stored check, or `null` while it waits on the phone; a refusal is thrown with
 * its words (the form keeps its answers and sends again under the same id).
 */
export function useSubmitEquipmentCheck(siteId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Without a signal the check is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ body, photos }: { body: EquipmentCheckBody; photos: { id: string; blob: Blob }[] }): Promise<EquipmentCheck | null> => {
      const [{ photoOps }] = await Promise.all([import('../../shared/offline/photo-outbox'), import('./outbox-kinds')]);
      const op: EquipmentCheckOp = { kind: 'equipmentCheck', siteId, body: { ...body, at: Date.now() } };
      const result = await sendThroughOutbox(personId, [...(await photoOps(siteId, photos)), op], body.id);
      return result.stored ? ((result.response as EquipmentCheck | undefined) ?? null) : null;
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: repairKeys.root(siteId) });
      void queryClient.invalidateQueries({ queryKey: equipmentKeys.root(siteId) });
    },
  });
}

/** This person's check of the kind still waiting on the phone (or failed there), if any. */
export function useWaitingEquipmentCheck(siteId: string, personId: string, kind: EquipmentCheckKind): EquipmentCheckOp | null {
  const ops = useWaitingOps(personId, 'equipmentCheck', siteId);
  return useMemo(() => ops.find((op) => op.body.kind === kind) ?? null, [ops, kind]);
}
