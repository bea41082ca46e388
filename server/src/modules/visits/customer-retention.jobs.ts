/**
 * The daily purge of customers' personal information (PIPL: kept no longer than needed). Once a
 * day, for every site: plates of visits, signed vehicle checks with their photos, and the
 * phones and signatures on returned lost items, and the words of questions for sales, older than
 * the site's retention period
 * (`customer_retention_days`, 180 unless set) are erased, and customers who withdrew their
 * consent are erased whole. Visits themselves stay, so visitor figures do not change.
 *
 * A database timer per day (`customers.retention:<YYYY-MM-DD>`, 03:00 in China) fires on exactly
 * one instance; each firing schedules the next, so a restart neither skips nor repeats a day.
 */
import { CUSTOMER_RETENTION_DEFAULT_DAYS } from '@anchang/contracts';
import type { ActorRef } from '../../platform/auth/actor.js';
import { scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import type { Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { purgeReturnDetailsBefore } from '../lost-found/index.js';
import { deleteUncitedPhotos } from '../photos/index.js';
import { blankQuestionTexts } from '../questions/index.js';
import { listRetentionSettings } from '../sites/index.js';
import { eraseCustomerData } from './customers.service.js';
import { clearPlatesBefore, deleteVehicleChecks, listVehicleChecksSignedBefore, listWithdrawnCustomers } from './customers.repository.js';

const DAY_MS = 86_400_000;
/** 19:00 UTC is 03:00 in China: the quietest hour of a sales center. */
const RUN_AT_UTC_MS = 19 * 3_600_000;
export const CUSTOMER_RETENTION_KIND = 'customers.retention';

/** The next daily slot strictly after `now`, and its deterministic id. */
export function retentionSlot(now: number): { id: string; dueAt: number } {
  let dueAt = Math.floor(now / DAY_MS) * DAY_MS + RUN_AT_UTC_MS;
  if (dueAt <= now) dueAt += DAY_MS;
  return { id: `${CUSTOMER_RETENTION_KIND}:${new Date(dueAt).toISOString().slice(0, 10)}`, dueAt };
}

export function scheduleCustomerRetention(tx: Tx): Promise<boolean> {
  return scheduleTimer(tx, { ...retentionSlot(tx.now), kind: CUSTOMER_RETENTION_KIND });
}

export interface RetentionOutcome {
  siteId: string;
  platesCleared: number;
  vehicleChecksErased: number;
  photosDeleted: number;
  lostItemsErased: number;
  questionsBlanked: number;
  customersErased: number;
}

/** Purges every site as of `tx.now`; returns what went, per site where anything did. */
export async function purgeCustomerData(tx: Tx): Promise<RetentionOutcome[]> {
  const outcomes: RetentionOutcome[] = [];
  for (const site of await listRetentionSettings(tx.trx)) {
    const cutoff = tx.now - (site.customer_retention_days ?? CUSTOMER_RETENTION_DEFAULT_DAYS) * DAY_MS;
    const system: ActorRef = { personId: null, name: '系统 System', companyId: site.company_id, requestId: null };
    const expiredChecks = await listVehicleChecksSignedBefore(tx.trx, site.id, cutoff);
    const outcome: RetentionOutcome = {
      siteId: site.id,
      vehicleChecksErased: await deleteVehicleChecks(
        tx.trx,
        site.id,
        expiredChecks.map((c) => c.visit_id),
      ),
      photosDeleted: await deleteUncitedPhotos(
        tx.trx,
        site.id,
        expiredChecks.flatMap((c) => JSON.parse(c.photo_ids) as string[]),
      ),
      platesCleared: await clearPlatesBefore(tx.trx, site.id, cutoff),
      lostItemsErased: await purgeReturnDetailsBefore(tx.trx, site.id, cutoff),
      questionsBlanked: await blankQuestionTexts(tx.trx, site.id, { askedBefore: cutoff }),
      customersErased: 0,
    };
    for (const customer of await listWithdrawnCustomers(tx.trx, site.id)) {
      await eraseCustomerData(tx, system, customer, 'withdrawn');
      outcome.customersErased += 1;
    }
    const { siteId: _siteId, ...counts } = outcome;
    if (Object.values(counts).some((n) => n > 0)) {
      outcomes.push(outcome);
      await recordAudit(tx, system, {
        siteId: site.id,
        action: 'customer.retention_purge',
        entityType: 'site',
        entityId: site.id,
        detail: { retentionDays: site.customer_retention_days, ...counts },
      });
    }
  }
  return outcomes;
}

export function registerCustomerRetention(timers: TimerRunner): void {
  timers.register(CUSTOMER_RETENTION_KIND, async (tx) => {
    await purgeCustomerData(tx);
    await scheduleCustomerRetention(tx);
  });
}
