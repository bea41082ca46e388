/**
 * replaced at merge by the inspections module's own file.
 *
 * A period's inspection figures per person, for the monthly assessment. Inspections are built
 * on another branch; until they are merged nobody has been inspected, so every figure is zero.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface InspectionPeriodFigures {
  inspections: number;
  failedItems: number;
  deductionPoints: number;
  rectificationsOverdue: number;
}

export function inspectionFiguresOfPeriod(
  _db: Kysely<DB>,
  _siteId: string,
  personIds: readonly string[],
  _fromMs: number,
  _toMs: number,
): Promise<Map<string, InspectionPeriodFigures>> {
  return Promise.resolve(new Map(personIds.map((id) => [id, { inspections: 0, failedItems: 0, deductionPoints: 0, rectificationsOverdue: 0 }])));
}
