/**
 * replaced at merge by the training module's own file.
 *
 * A period's training figures per person, for the monthly assessment: on-job sessions counted
 * from the training records (在岗培训每月至少一次); quizzes do not exist in this branch, so none
 * are taken.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { countOnJobTrainingOfPeriod } from './training.repository.js';

export interface TrainingPeriodFigures {
  onJobSessions: number;
  quizzesTaken: number;
  quizzesPassed: number;
  quizAverage: number | null;
}

export async function trainingFiguresOfPeriod(
  db: Kysely<DB>,
  _siteId: string,
  personIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, TrainingPeriodFigures>> {
  const sessions = await countOnJobTrainingOfPeriod(db, personIds, fromMs, toMs);
  return new Map(personIds.map((id) => [id, { onJobSessions: sessions.get(id) ?? 0, quizzesTaken: 0, quizzesPassed: 0, quizAverage: null }]));
}
