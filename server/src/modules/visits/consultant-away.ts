/**
 * Who the consultants' rotation (轮流, HALL-IN-3) may ask: every active consultant of the site
 * except those who said on their phone that they are out of it today (off, or out with a
 * customer). It lasts the site's local day, so nobody stays out by forgetting to come back.
 */
import { ROLE_GROUPS, type MyConsultantRotation, type MyConsultantRotationBody } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findSiteRow } from '../sites/index.js';
import {
  deleteConsultantAwayRow,
  findChainSettingsRow,
  findConsultantAwayRow,
  listConsultantsAwayOn,
  saveConsultantAwayRow,
} from './visit-chain.repository.js';

async function siteToday(db: Kysely<DB>, siteId: string, now: number): Promise<string> {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return localParts(now, site.time_zone).date;
}

/** The consultants out of the rotation right now. */
export async function consultantsAwayNow(db: Kysely<DB>, siteId: string, now: number): Promise<Set<string>> {
  return listConsultantsAwayOn(db, siteId, await siteToday(db, siteId, now));
}

/** Any member may read it (whether the site rotates); only a consultant is ever away from it. */
export async function getMyRotation(deps: Deps, actor: Actor, siteId: string): Promise<MyConsultantRotation> {
  requireSiteMember(actor, siteId);
  const [settings, row, today] = await Promise.all([
    findChainSettingsRow(deps.db, siteId),
    findConsultantAwayRow(deps.db, siteId, actor.personId),
    siteToday(deps.db, siteId, deps.clock.now()),
  ]);
  return { rotation: settings?.consultant_rotation === 1, awayToday: row?.away_on === today };
}

export async function setMyRotation(deps: Deps, actor: Actor, siteId: string, body: MyConsultantRotationBody): Promise<MyConsultantRotation> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.visitClaimers);
  return inTransaction(deps, async (tx) => {
    const today = await siteToday(tx.trx, siteId, tx.now);
    if (body.awayToday) await saveConsultantAwayRow(tx.trx, { site_id: siteId, person_id: actor.personId, away_on: today, set_at: tx.now });
    else await deleteConsultantAwayRow(tx.trx, siteId, actor.personId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'visit.rotation_away',
      entityType: 'person',
      entityId: actor.personId,
      detail: { awayToday: body.awayToday, date: today },
    });
    const settings = await findChainSettingsRow(tx.trx, siteId);
    return { rotation: settings?.consultant_rotation === 1, awayToday: body.awayToday };
  });
}
