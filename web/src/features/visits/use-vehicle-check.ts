/** The vehicle-body check of a visit: read (null when none yet) and save through the outbox. */
import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { VehicleCheck, VehicleCheckBody } from '@anchang/contracts';
import { http, isApiError } from '../../shared/api/client';
import { getOutbox, useOutboxItems } from '../../shared/offline/outbox-client';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { photoOps } from '../../shared/offline/photo-outbox';
import { vehicleCheckKey, vehicleCheckPath, type VehicleCheckOp } from './outbox-kinds';
import './outbox-kinds';

export { vehicleCheckKey };

/** How long a save waits for the server's answer before it is left to the outbox (bad signal). */
const ANSWER_WAIT_MS = 10_000;

/** Read only when opened: the visit list says whether a car has its check (`hasVehicleCheck`). */
export function useVehicleCheck(siteId: string, visitId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: vehicleCheckKey(siteId, visitId),
    queryFn: async (): Promise<VehicleCheck | null> => {
      try {
        return await http.get<VehicleCheck>(vehicleCheckPath(siteId, visitId));
      } catch (error) {
        // The server answers a visit without a check as not found: that is "not checked yet".
        if (isApiError(error, 'VISIT_NOT_FOUND')) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** This person's check of the visit still on the phone (waiting, or refused and not yet discarded). */
export function useWaitingVehicleCheck(personId: string, visitId: string): VehicleCheckOp | null {
  const items = useOutboxItems(personId);
  const item = items.find((i) => i.op.kind === 'vehicleCheck' && i.op.visitId === visitId && i.state === 'waiting');
  return item?.op.kind === 'vehicleCheck' ? item.op : null;
}

/**
 * Saves the signed check: its photos and the check itself are stored on the phone first (the
 * photos as bytes, sent before the check). Resolves `true` once the server has it, `false` when
 * it waits for the signal; a refusal is dropped from the outbox and thrown with its words, so
 * the form can be fixed and signed again.
 */
export function useSaveVehicleCheck(siteId: string, visitId: string, personId: string, plate: string | null) {
  return useCallback(
    async (body: VehicleCheckBody, photos: readonly { id: string; blob: Blob }[]): Promise<boolean> => {
      const outbox = getOutbox();
      const op: VehicleCheckOp = { kind: 'vehicleCheck', siteId, visitId, plate, body: { ...body, at: Date.now() } };
      const key = `vehicle-check:${visitId}`;
      await outbox.enqueue(personId, [...(await photoOps(siteId, photos)), op]);
      if (!navigator.onLine) return false;
      const outcome = await Promise.race([
        outbox.waitForOutcome(key),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_WAIT_MS)),
      ]);
      if (outcome === null) return false;
      if (outcome.sent) return true;
      await outbox.discard(key);
      throw new Error(describeOutboxError(outcome.error));
    },
    [siteId, visitId, personId, plate],
  );
}
