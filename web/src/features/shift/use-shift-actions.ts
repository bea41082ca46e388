/**
 * What the person does on a shift, as writes into the outbox. Each write gets its id and its
 * time at the moment the person acts (not when it is finally sent), and is stored on the phone
 * before anything is sent.
 */
import { useMemo } from 'react';
import type { MyDay, StandardItem } from '@anchang/contracts';
import { locate } from './geolocation';
import type { OutboxOp } from '../../shared/offline/outbox';
import type { OpinionOp, RequisitionOp } from './outbox-kinds';
import './outbox-kinds';
import { getOutbox, newId } from '../../shared/offline/outbox-client';
import type { AnomalyCategory, ResultValue } from './shift-rules';

export type RosterLine = MyDay['roster'][number];

export interface ResultInput {
  result: ResultValue;
  note: string;
  category: AnomalyCategory | null;
  photo: Blob | null;
}

export interface RequisitionLineInput {
  name: string;
  quantity: number;
  unit: string;
  /** The supply item picked for this line, so the approved requisition can be issued from a store. */
  itemId?: string;
}

export function useShiftActions(siteId: string, personId: string) {
  return useMemo(() => {
    const outbox = getOutbox();
    const enqueue = (ops: (OutboxOp & { key?: string })[]) => outbox.enqueue(personId, ops);

    return {
      /** Clocks in on a roster line: the time of the tap, and where the phone is if it says so quickly. */
      async clockIn(line: RosterLine): Promise<string> {
        const at = Date.now();
        const id = newId();
        const location = await locate();
        await enqueue([
          {
            kind: 'clockIn',
            siteId,
            body: { id, postId: line.entry.postId, at, ...(location ? { location } : {}) },
            entryId: line.entry.id,
            postName: line.postName,
            postKind: line.postKind,
            start: line.entry.start,
            end: line.entry.end,
          },
        ]);
        return id;
      },

      /** Records a checklist result; its photo (if any) is stored with it and sent before it. */
      async recordResult(shiftId: string, item: StandardItem, input: ResultInput): Promise<void> {
        const at = Date.now();
        const ops: OutboxOp[] = [];
        let photoId: string | undefined;
        if (input.photo && input.result !== 'na') {
          photoId = newId();
          ops.push({ kind: 'photo', siteId, photoId, bytes: await input.photo.arrayBuffer(), contentType: input.photo.type || 'image/jpeg' });
        }
        const note = input.note.trim();
        ops.push({
          kind: 'result',
          siteId,
          shiftId,
          phase: item.phase,
          itemText: item.text,
          body: {
            id: newId(),
            itemId: item.id,
            result: input.result,
            at,
            ...(note ? { note } : {}),
            ...(photoId ? { photoId } : {}),
            ...(input.result === 'anomaly' && input.category ? { category: input.category } : {}),
          },
        });
        await enqueue(ops);
        // A refused earlier try of the same item is replaced by this one: the person redid it.
        for (const old of outbox.getSnapshot()) {
          if (old.state === 'failed' && old.op.kind === 'result' && old.op.shiftId === shiftId && old.op.body.itemId === item.id)
            await outbox.discard(old.key);
        }
      },

      async submitRequisition(shiftId: string | null, lines: RequisitionLineInput[], note: string): Promise<void> {
        const op: RequisitionOp = {
          kind: 'requisition',
          siteId,
          body: {
            id: newId(),
            ...(shiftId ? { shiftId } : {}),
            lines: lines.map((l) => ({ name: l.name.trim(), quantity: l.quantity, unit: l.unit.trim(), ...(l.itemId ? { itemId: l.itemId } : {}) })),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        };
        await enqueue([op]);
      },

      async addOpinion(shiftId: string | null, category: OpinionOp['body']['category'], text: string): Promise<void> {
        await enqueue([{ kind: 'opinion', siteId, body: { id: newId(), ...(shiftId ? { shiftId } : {}), category, text: text.trim() } }]);
      },

      /** Clocks out; resolves with the outbox key, to wait for the server's answer when online. */
      async clockOut(shiftId: string, input: { debriefAttended: boolean; leaveReason?: string }): Promise<string> {
        const key = newId();
        const leaveReason = input.leaveReason?.trim();
        await enqueue([
          {
            key,
            kind: 'clockOut',
            siteId,
            shiftId,
            body: { at: Date.now(), debriefAttended: input.debriefAttended, ...(leaveReason ? { leaveReason } : {}) },
          },
        ]);
        return key;
      },

      discard: (key: string) => outbox.discard(key),
      retry: (key: string) => outbox.retry(key),
      waitForOutcome: (key: string) => outbox.waitForOutcome(key),
    };
  }, [siteId, personId]);
}

export type ShiftActions = ReturnType<typeof useShiftActions>;
