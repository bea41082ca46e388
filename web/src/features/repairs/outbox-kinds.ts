/**
 * Repairs from the phone in the outbox: the report (its photo waits beside it and goes first)
 * and the technician's steps on a work order (accept, arrive with the code, start, pause,
 * resume, done with the after photo). Ids are made at the tap; the arrival carries the tap's
 * time (the arrival limit is judged by it). The server keeps the report once and answers a
 * step sent again with the work order as it stands.
 */
import type { QueryClient } from '@tanstack/react-query';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { equipmentKeys, repairKeys, repairsApi } from './repairs-api';

export interface RepairReportInput {
  id: string;
  zoneId?: string;
  assetId?: string;
  description: string;
  photoId?: string;
}

/** 报修: what is wrong, where, with a photo. */
export interface RepairReportOp {
  kind: 'repairReport';
  siteId: string;
  body: RepairReportInput;
}

export type RepairStep =
  | { action: 'accept' | 'start' | 'resume' }
  | { action: 'arrive'; body: { code: string; at: number } }
  | { action: 'pause'; body: { reason: string } }
  | { action: 'done'; body: { note: string; afterPhotoId?: string } };

/** One step of the technician on a work order (`stepId` made at the tap: each tap is its own write). */
export type RepairStepOp = {
  kind: 'repairStep';
  siteId: string;
  stepId: string;
  workOrderId: string;
  /** For the waiting list on screen: the work order's description. */
  description: string;
} & RepairStep;

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    repairReport: RepairReportOp;
    repairStep: RepairStepOp;
  }
}

function refresh(queryClient: QueryClient, siteId: string): void {
  void queryClient.invalidateQueries({ queryKey: repairKeys.root(siteId) });
  void queryClient.invalidateQueries({ queryKey: equipmentKeys.root(siteId) });
}

function sendStep(op: RepairStepOp) {
  switch (op.action) {
    case 'arrive':
      return repairsApi.arrive(op.siteId, op.workOrderId, op.body);
    case 'pause':
      return repairsApi.pause(op.siteId, op.workOrderId, op.body.reason);
    case 'done':
      return repairsApi.done(op.siteId, op.workOrderId, op.body);
    case 'accept':
    case 'start':
    case 'resume':
      return repairsApi.act(op.siteId, op.workOrderId, op.action);
  }
}

registerOutboxKind('repairReport', {
  key: (op) => op.body.id,
  send: (op) => repairsApi.create(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => refresh(queryClient, op.siteId),
  describe: (op, t) => t('equipment.phone.repairOutbox.report', { text: op.body.description }),
  group: 'equipment.phone.repairOutbox.groupReport',
  carries: (op) => (op.body.photoId ? [op.body.photoId] : []),
});
registerOutboxKind('repairStep', {
  key: (op) => op.stepId,
  tapTime: (op) => (op.action === 'arrive' ? op.body.at : undefined),
  withoutTime: (op) => {
    if (op.action !== 'arrive') return op;
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as typeof op.body };
  },
  send: sendStep,
  apply: (op, _r, { queryClient }) => refresh(queryClient, op.siteId),
  describe: (op, t) => t('equipment.phone.repairOutbox.step', { step: t(`equipment.phone.repairOutbox.steps.${op.action}`), text: op.description }),
  group: 'equipment.phone.repairOutbox.groupStep',
  carries: (op) => (op.action === 'done' && op.body.afterPhotoId ? [op.body.afterPhotoId] : []),
});
