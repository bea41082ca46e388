/**
 * A model-room check in the phone's outbox: the check's id and time are made when the guide sends
 * it, the damage photos wait beside it and go first, and the server keeps the check (and the
 * incidents it raises) once.
 */
import type { ModelRoomCheckBody, ModelRoomClosingBody } from '@anchang/contracts';
import { registerOutboxKind } from '../../shared/offline/outbox-registry';
import '../../shared/offline/photo-outbox';
import { modelRoomsApi, modelRoomsKey } from './model-rooms-api';
import { incidentKeys } from '../incidents/incidents-api';

export interface ModelRoomCheckOp {
  kind: 'modelRoomCheck';
  siteId: string;
  roomId: string;
  /** The room's name as the phone showed it (for the outbox's list). */
  roomName: string;
  body: ModelRoomCheckBody & { at: number };
}

/** A switch (water, power, CCTV) confirmed off by the concierge: its id and tap time made at the tap. */
export interface ModelRoomClosingOp {
  kind: 'modelRoomClosing';
  siteId: string;
  body: ModelRoomClosingBody & { at: number };
}

declare module '../../shared/offline/outbox-registry' {
  interface OutboxOpsByKind {
    modelRoomCheck: ModelRoomCheckOp;
    modelRoomClosing: ModelRoomClosingOp;
  }
}

export const modelRoomCheckPhotos = (body: ModelRoomCheckBody): string[] => body.lines.flatMap((l) => (l.photoId ? [l.photoId] : []));

registerOutboxKind('modelRoomCheck', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as ModelRoomCheckOp['body'] };
  },
  send: (op) => modelRoomsApi.check(op.siteId, op.roomId, op.body),
  apply: (op, _r, { queryClient }) => {
    void queryClient.invalidateQueries({ queryKey: modelRoomsKey(op.siteId) });
    // A check may have raised incidents.
    void queryClient.invalidateQueries({ queryKey: incidentKeys.all(op.siteId) });
  },
  describe: (op, t) => t('shiftPhone.outbox.kinds.modelRoomCheck', { room: op.roomName, phase: t(`modelRooms.phases.${op.body.phase}`) }),
  group: 'shiftPhone.outbox.groups.modelRoomCheck',
  carries: (op) => modelRoomCheckPhotos(op.body),
});

registerOutboxKind('modelRoomClosing', {
  key: (op) => op.body.id,
  tapTime: (op) => op.body.at,
  withoutTime: (op) => {
    const { at: _at, ...body } = op.body;
    return { ...op, body: body as ModelRoomClosingOp['body'] };
  },
  send: (op) => modelRoomsApi.confirmClosing(op.siteId, op.body),
  apply: (op, _r, { queryClient }) => void queryClient.invalidateQueries({ queryKey: modelRoomsKey(op.siteId) }),
  describe: (op, t) => t('shiftPhone.outbox.kinds.modelRoomClosing', { switch: t(`modelRooms.closing.switches.${op.body.switch}`) }),
  group: 'shiftPhone.outbox.groups.modelRoomClosing',
});
