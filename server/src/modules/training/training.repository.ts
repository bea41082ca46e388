import type { Kysely } from 'kysely';
import type { DB, TrainingRecordsTable } from '../../db/schema.js';

export async function personIdsWithTraining(db: Kysely<DB>, personIds: string[], kind: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db.selectFrom('training_records').select('person_id').where('kind', '=', kind).where('person_id', 'in', personIds).execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function insertTrainingRecord(db: Kysely<DB>, row: TrainingRecordsTable): Promise<void> {
  await db.insertInto('training_records').values(row).execute();
}

export function listTrainingOfPerson(db: Kysely<DB>, personId: string) {
  return db.selectFrom('training_records').selectAll().where('person_id', '=', personId).orderBy('completed_at', 'desc').limit(200).execute();
}

/** On-job training records per person completed in [fromMs, toMs). */
export async function countOnJobTrainingOfPeriod(
  db: Kysely<DB>,
  personIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('training_records')
    .select(['person_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('kind', '=', 'on_job')
    .where('person_id', 'in', [...personIds])
    .where('completed_at', '>=', fromMs)
    .where('completed_at', '<', toMs)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}
