/**
 * An equipment check (TECH-1 / TECH-2) in the phone's outbox: the check's id and time are made
 * when the technician sends it (the time decides the day it counts for), the fault photos wait
 * beside it and go first, and the server keeps the check (and its work orders) once.
 */
import type { EquipmentCheck, EquipmentCheckBody } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { equipmentApi, equipmentKeys, repairKeys } from '../repairs/repairs-api';

export interface EquipmentCheckOp {
  kind: 'equipmentCheck';
  siteId: string;
  body: EquipmentCheckBody & { at: number };
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    equipmentCheck: EquipmentCheckOp;
  }
}

registerOutboxKind('equipmentCheck', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as EquipmentCheckOp['body'] };
  },
  send: (op): Promise<EquipmentCheck> => equipmentApi.submitCheck(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => {
    void queryClient.invalidateQueries({ queryKey: equipmentKeys.root(op.siteId) });
    // A fault raised a work order.
    void queryClient.invalidateQueries({ queryKey: repairKeys.root(op.siteId) });
  },
  describe: (op, t) =>
    t('shiftPhone.outbox.kinds.equipmentCheck', { kind: t(`equipment.phone.${op.body.kind}`), count: op.body.results.filter((r) => !r.ok).length }),
  group: 'shiftPhone.outbox.groups.equipmentCheck',
  carries: (op) => op.body.results.flatMap((r) => (r.photoId ? [r.photoId] : [])),
});
