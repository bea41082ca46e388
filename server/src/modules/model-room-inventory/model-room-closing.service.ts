/**
 * The model room's closing routine (GUARD-IN-11: 下班后关闭样板房水源、电源及监控系统): after the
 * shift the concierge confirms the water, the power and the CCTV off, each on its own, with who
 * and when, for the site's local day. The phone makes each confirmation's id, so its outbox may
 * resend it: stored once. A switch already confirmed that day answers with the first
 * confirmation. The manager sees the day's routine on the model-room page, live.
 */
import { CLOSING_SWITCHES, POST_DUTIES, type ClosingSwitch, type ModelRoomClosingConfirmation, type ModelRoomClosingDay } from '@anchang/contracts';
import type { ModelRoomClosingsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { writeOnce } from '../../platform/idempotent.js';
import { localParts } from '../../platform/site-time.js';
import { tapTime } from '../../platform/tap-time.js';
import { inTransaction, type Deps } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { findPersonNames, requirePostDuty } from '../people/index.js';
import { findSiteRow } from '../sites/index.js';
import * as repo from './model-room.repository.js';

/** The site's local day at `at` (now when not given). */
async function siteDate(deps: Deps, siteId: string, at = deps.clock.now()): Promise<string> {
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return localParts(at, site.time_zone).date;
}

async function toConfirmations(deps: Deps, rows: ModelRoomClosingsTable[]): Promise<ModelRoomClosingConfirmation[]> {
  const names = await findPersonNames(
    deps.db,
    rows.map((r) => r.by_person),
  );
  return rows.map((r) => ({ id: r.id, date: r.date, switch: r.switch as ClosingSwitch, byName: names.get(r.by_person) ?? '', at: Number(r.at) }));
}

/** A day's routine (today when no date is given): each switch and who confirmed it off, when. */
export async function getClosingDay(deps: Deps, actor: Actor, siteId: string, query: { date?: string }): Promise<ModelRoomClosingDay> {
  requireSiteMember(actor, siteId);
  const date = query.date ?? (await siteDate(deps, siteId));
  const confirmations = await toConfirmations(deps, await repo.listClosingsOfDay(deps.db, siteId, date));
  const switches = CLOSING_SWITCHES.map((s) => ({ switch: s, confirmation: confirmations.find((c) => c.switch === s) ?? null }));
  return { date, switches, isComplete: switches.every((s) => s.confirmation !== null) };
}

/** One switch confirmed off by the concierge (or a manager standing in). */
export async function confirmClosing(
  deps: Deps,
  actor: Actor,
  siteId: string,
  input: { id: string; switch: ClosingSwitch; at?: number },
): Promise<{ confirmation: ModelRoomClosingConfirmation; created: boolean }> {
  await requirePostDuty(deps.db, actor, siteId, POST_DUTIES.modelRoomClosing);
  // Confirmed without signal and sent later: the tap's time, and so its day, is what counts.
  const tappedAt = input.at === undefined ? undefined : tapTime(input.at, deps.clock.now());
  const date = await siteDate(deps, siteId, tappedAt);
  const { value, created } = await writeOnce(
    async () => {
      const stored = await repo.findClosingById(deps.db, input.id);
      if (stored && (stored.site_id !== siteId || stored.switch !== input.switch))
        throw new AppError('ID_CONFLICT', { message: 'This id belongs to another record' });
      // Confirmed already today (from another phone, or before a reinstall): the first one stands.
      return stored ?? (await repo.findClosingOfSwitch(deps.db, siteId, date, input.switch));
    },
    () =>
      inTransaction(deps, async (tx) => {
        const row: ModelRoomClosingsTable = {
          id: input.id,
          site_id: siteId,
          date,
          switch: input.switch,
          by_person: actor.personId,
          at: tappedAt ?? tx.now,
        };
        await repo.insertClosing(tx.trx, row);
        await recordAudit(tx, actorRef(actor), {
          siteId,
          action: 'model_room.closing_confirm',
          entityType: 'model_room_closing',
          entityId: row.id,
          detail: { date, switch: input.switch },
        });
        tx.emit({ siteId }, 'model_room.closing_confirmed', { date, switch: input.switch });
        return row;
      }),
  );
  return { confirmation: (await toConfirmations(deps, [value]))[0]!, created };
}
