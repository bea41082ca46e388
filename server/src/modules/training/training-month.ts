/** The month's on-job training per measured person, and the from-the-20th flag. */
import type { TrainingMonth } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listActiveMembersOfSite } from '../people/index.js';
import { countOnJobByPerson } from './training.repository.js';
import { flagFromDate, isFlagging, monthBounds } from './training.rules.js';

/** The people whose monthly on-job training is measured: those who work the posts. */
export const MEASURED_ROLES = ['staff', 'supervisor'] as const;

/** Each measured person's on-job count for the month, flagged from the 20th when it is 0. */
export async function readTrainingMonth(db: Kysely<DB>, siteId: string, month: string, now: number, timeZone: string): Promise<TrainingMonth> {
  const people = await listActiveMembersOfSite(db, siteId, MEASURED_ROLES);
  const { fromMs, toMs } = monthBounds(month, timeZone);
  const counts = await countOnJobByPerson(
    db,
    siteId,
    people.map((p) => p.id),
    fromMs,
    toMs,
  );
  const flagging = isFlagging(month, now, timeZone);
  return {
    month,
    flagFrom: flagFromDate(month),
    isFlagging: flagging,
    people: people.map((p) => {
      const onJobCount = counts.get(p.id) ?? 0;
      return { personId: p.id, name: p.name, onJobCount, flagged: flagging && onJobCount === 0 };
    }),
  };
}
