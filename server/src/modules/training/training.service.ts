import { ROLE_GROUPS } from '@anchang/contracts';
/**
 * Training records. For now the roster reads one rule from here: nobody works a post before
 * their pre-job training (岗前培训: BI norms and the project's basics) is recorded. The training
 * module of a later issue adds monthly on-the-job sessions on top of the same records.
 */
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../audit/index.js';
import { isSiteMember } from '../people/index.js';
import { SITE_MANAGERS } from '../sites/index.js';
import { insertTrainingRecord, listTrainingOfPerson, personIdsWithTraining } from './training.repository.js';

export const PRE_JOB = 'pre_job';

/** Of these people, those with no pre-job training on record. */
export async function peopleWithoutPreJobTraining(db: Kysely<DB>, personIds: string[]): Promise<Set<string>> {
  const trained = await personIdsWithTraining(db, personIds, PRE_JOB);
  return new Set(personIds.filter((id) => !trained.has(id)));
}

async function assertMember(db: Kysely<DB>, siteId: string, personId: string): Promise<void> {
  if (!(await isSiteMember(db, siteId, personId))) throw new AppError('PERSON_NOT_FOUND', { status: 404, params: { personId } });
}

export async function recordTraining(
  deps: Deps,
  actor: Actor,
  siteId: string,
  personId: string,
  input: { kind: 'pre_job' | 'on_job'; topic: string; completedAt?: number },
) {
  requireSiteRole(actor, siteId, SITE_MANAGERS);
  await assertMember(deps.db, siteId, personId);
  return inTransaction(deps, async (tx) => {
    const row = {
      id: newId(),
      company_id: actor.companyId,
      person_id: personId,
      kind: input.kind,
      topic: input.topic.trim(),
      completed_at: input.completedAt ?? tx.now,
      recorded_by: actor.personId,
    };
    await insertTrainingRecord(tx.trx, row);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'training.record',
      entityType: 'person',
      entityId: personId,
      detail: { kind: row.kind, topic: row.topic },
    });
    tx.emit({ siteId }, 'person.changed', { personId, action: 'updated' });
    return { id: row.id, personId, kind: input.kind, topic: row.topic, completedAt: row.completed_at };
  });
}

export async function listTraining(deps: Deps, actor: Actor, siteId: string, personId: string) {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  await assertMember(deps.db, siteId, personId);
  const rows = await listTrainingOfPerson(deps.db, personId);
  return rows.map((r) => ({ id: r.id, personId: r.person_id, kind: r.kind as 'pre_job' | 'on_job', topic: r.topic, completedAt: r.completed_at }));
}
