/**
 * The phone's repair writes through the outbox: they work without signal, resolve `true` once the
 * server has them and `false` while they wait on the phone, and throw a refusal in words. The
 * screens lay this phone's waiting writes over the server's work orders.
 */
import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkOrder, WorkOrderStatus } from '@anchang/contracts';
import { useOutboxItems, useWaitingOps } from '../../shared/offline/outbox-client';
import { newId } from '../../shared/offline/new-id';
import { photoOps } from '../../shared/offline/photo-outbox';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import type { RepairReportInput, RepairReportOp, RepairStep, RepairStepOp } from './outbox-kinds';
import { equipmentKeys, repairKeys } from './repairs-api';

type Photo = { id: string; blob: Blob } | null;

function useRefresh(siteId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: repairKeys.root(siteId) });
    void queryClient.invalidateQueries({ queryKey: equipmentKeys.root(siteId) });
  };
}

/** 报修: the report and its photo are stored on the phone first (the photo is sent first). */
export function useReportRepair(siteId: string, personId: string) {
  const refresh = useRefresh(siteId);
  return useMutation({
    // Without a signal the report is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ input, photo }: { input: Omit<RepairReportInput, 'photoId'>; photo: Photo }): Promise<boolean> => {
      await import('./outbox-kinds');
      const photos = photo ? await photoOps(siteId, [photo]) : [];
      const op: RepairReportOp = { kind: 'repairReport', siteId, body: { ...input, ...(photo ? { photoId: photo.id } : {}) } };
      return (await sendThroughOutbox(personId, [...photos, op], input.id)).stored;
    },
    onSettled: refresh,
  });
}

/** A technician's step on a work order (the after photo of 完成 goes first). */
export function useRepairStep(siteId: string, personId: string, order: Pick<WorkOrder, 'id' | 'description'>) {
  const refresh = useRefresh(siteId);
  return useMutation({
    networkMode: 'always',
    mutationFn: async ({ step, photo }: { step: RepairStep; photo?: Photo }): Promise<boolean> => {
      await import('./outbox-kinds');
      const stepId = newId();
      const photos = photo && step.action === 'done' ? await photoOps(siteId, [photo]) : [];
      const withPhoto: RepairStep = photo && step.action === 'done' ? { ...step, body: { ...step.body, afterPhotoId: photo.id } } : step;
      const op = { kind: 'repairStep', siteId, stepId, workOrderId: order.id, description: order.description, ...withPhoto } as RepairStepOp;
      return (await sendThroughOutbox(personId, [...photos, op], stepId)).stored;
    },
    onSettled: refresh,
  });
}

/** This phone's repair reports not yet on the server. */
export function useWaitingReports(siteId: string, personId: string): RepairReportOp[] {
  return useWaitingOps(personId, 'repairReport', siteId);
}

const STEP_TO: Record<RepairStep['action'], WorkOrderStatus> = {
  accept: 'accepted',
  arrive: 'arrived',
  start: 'working',
  pause: 'paused',
  resume: 'working',
  done: 'done',
};

/**
 * The work order as this phone will have made it once its waiting steps are sent: the status of
 * the last one (so the technician goes on without signal), and whether any waits.
 */
export function useWithWaitingSteps(order: WorkOrder, personId: string): { order: WorkOrder; waiting: boolean } {
  const items = useOutboxItems(personId);
  return useMemo(() => {
    const steps = items.flatMap((i) => (i.op.kind === 'repairStep' && i.op.workOrderId === order.id && i.state === 'waiting' ? [i.op] : []));
    const last = steps.at(-1);
    if (!last) return { order, waiting: false };
    const arrive = steps.find((s) => s.action === 'arrive');
    return {
      order: {
        ...order,
        status: STEP_TO[last.action],
        ...(arrive?.action === 'arrive' && order.arrivedAt === null ? { arrivedAt: arrive.body.at } : {}),
      },
      waiting: true,
    };
  }, [items, order]);
}
