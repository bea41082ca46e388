/**
 * Training figures of a period, for the monthly assessment (考核): the on-job sessions a person
 * attended (confirmed on their phone, or recorded by the manager) and their quiz results.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { countOnJobByPerson, listAttemptsInPeriod } from './training.repository.js';

export interface TrainingPeriodFigures {
  onJobSessions: number;
  quizzesTaken: number;
  quizzesPassed: number;
  quizAverage: number | null;
}

/** Per person, training between fromMs (inclusive) and toMs (exclusive). Every id of personIds is in the map. */
export async function trainingFiguresOfPeriod(
  db: Kysely<DB>,
  siteId: string,
  personIds: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<Map<string, TrainingPeriodFigures>> {
  const ids = [...new Set(personIds)];
  const [onJob, attempts] = await Promise.all([
    countOnJobByPerson(db, siteId, ids, fromMs, toMs),
    listAttemptsInPeriod(db, siteId, ids, fromMs, toMs),
  ]);
  const scores = new Map<string, { taken: number; passed: number; sum: number }>();
  for (const a of attempts) {
    const s = scores.get(a.person_id) ?? { taken: 0, passed: 0, sum: 0 };
    s.taken += 1;
    s.passed += a.passed === 1 ? 1 : 0;
    s.sum += a.score;
    scores.set(a.person_id, s);
  }
  const out = new Map<string, TrainingPeriodFigures>();
  for (const id of personIds) {
    const s = scores.get(id);
    out.set(id, {
      onJobSessions: onJob.get(id) ?? 0,
      quizzesTaken: s?.taken ?? 0,
      quizzesPassed: s?.passed ?? 0,
      quizAverage: s ? s.sum / s.taken : null,
    });
  }
  return out;
}
