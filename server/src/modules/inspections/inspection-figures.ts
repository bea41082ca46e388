/**
 * The inspections' figures of a period for the monthly assessment (考核). Per inspected person:
 * how many inspections, how many failed items, the deduction points that stand and how many
 * rectifications went past their deadline.
 *
 * Deductions stand by default: a fix seen at the re-check (整改完成) does not undo the failure the
 * inspector saw. A site may turn on `waiveDeductionWhenDone` in its inspection settings; the
 * waiver is then stamped on the rectification when it is passed, and this count leaves it out.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listFailedItemsOfPeople, listInspectionsOfPeople } from './inspections.repository.js';

export interface InspectionPeriodFigures {
  inspections: number;
  failedItems: number;
  deductionPoints: number;
  rectificationsOverdue: number;
}

/** Per inspected person, inspections between fromMs (inclusive) and toMs (exclusive). Every id of personIds is in the map. */
export async function inspectionFiguresOfPeriod(
  db: Kysely<DB>,
  siteId: string,
  personIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, InspectionPeriodFigures>> {
  const figures = new Map<string, InspectionPeriodFigures>(
    personIds.map((id) => [id, { inspections: 0, failedItems: 0, deductionPoints: 0, rectificationsOverdue: 0 }]),
  );
  if (personIds.length === 0) return figures;
  const [inspections, failed] = await Promise.all([
    listInspectionsOfPeople(db, siteId, personIds, fromMs, toMs),
    listFailedItemsOfPeople(db, siteId, personIds, fromMs, toMs),
  ]);
  for (const i of inspections) figures.get(i.person_id)!.inspections += 1;
  for (const f of failed) {
    const p = figures.get(f.person_id)!;
    p.failedItems += 1;
    if (Number(f.deduction_waived ?? 0) !== 1) p.deductionPoints += Number(f.deduction);
    if (f.overdue_at !== null) p.rectificationsOverdue += 1;
  }
  return figures;
}
