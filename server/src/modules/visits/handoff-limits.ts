/**
 * Hand-offs nobody takes, and visits nobody closed (issue 11).
 *
 * - A hand-off not acknowledged within the site's limit rings the receiving post's phones again
 *   (`visit.handoff` with `ring: 2`, which the phone treats like a new hand-off); after twice the
 *   limit the supervisors are alerted (a notification and `visit.handoff_unanswered` in their
 *   own rooms). Timers `visit.handoff.ring:<handoffId>` and `visit.handoff.escalate:<handoffId>`,
 *   cancelled on acknowledgement (and ignored if they fire after it anyway).
 * - The consultant hand-off (HALL-IN-3) may go by rotation (轮流): the next consultant in turn is
 *   asked, with the site's acceptance limit; when it lapses (`visit.rotation:<handoffId>:<n>`)
 *   the one after is asked instead.
 * - At the site's closing time plus a grace, `visits.day_end:<siteId>:<date>` closes the site's
 *   still-open visits as closed at day end and tells the managers how many, from which stage.
 */
import {
  DAY_END_GRACE_DEFAULT_MIN,
  HANDOFF_ACK_LIMIT_DEFAULT_S,
  ROLE_GROUPS,
  type OpeningHours,
  type VisitChainSettings,
  type VisitChainSettingsBody,
} from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB, VisitChainSettingsTable, VisitHandoffsTable } from '../../db/schema.js';
import { actorRef, type Actor } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { addDays, instantAt, isValidDate, localParts } from '../../platform/site-time.js';
import { deferCancelTimers, deferTimer, rescheduleTimer, scheduleTimer, type TimerRunner } from '../../platform/timers/timers.js';
import { inTransaction, type Deps, type Tx, type WriteBatch } from '../../platform/tx.js';
import { eventCache, type EventCacheSpec } from '../../platform/events/event-cache.js';
import { recordAudit } from '../audit/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findPersonNames, listActiveMembersOfSite } from '../people/index.js';
import { findSiteRow, listSiteClocks } from '../sites/index.js';
import {
  closeVisitAtDayEnd,
  findChainSettingsRow,
  listOpenVisitsArrivedBefore,
  markHandoffRung,
  passHandoffTo,
  saveChainSettingsRow,
} from './visit-chain.repository.js';
import { consultantsAwayNow } from './consultant-away.js';
import { findHandoffById, findVisitRow } from './visits.repository.js';

export const HANDOFF_RING_KIND = 'visit.handoff.ring';
export const HANDOFF_ESCALATE_KIND = 'visit.handoff.escalate';
export const ROTATION_LAPSE_KIND = 'visit.rotation';
export const DAY_END_KIND = 'visits.day_end';

export const ringTimerId = (handoffId: string) => `${HANDOFF_RING_KIND}:${handoffId}`;
export const escalateTimerId = (handoffId: string) => `${HANDOFF_ESCALATE_KIND}:${handoffId}`;
export const rotationTimerId = (handoffId: string, round: number) => `${ROTATION_LAPSE_KIND}:${handoffId}:${round}`;
export const dayEndTimerId = (siteId: string, date: string) => `${DAY_END_KIND}:${siteId}:${date}`;

const SYSTEM_NAME = '来访 Visits';

// ---------- settings ----------

function toSettings(row: VisitChainSettingsTable | undefined): VisitChainSettings {
  return {
    ackLimitSeconds: row?.ack_limit_s ?? HANDOFF_ACK_LIMIT_DEFAULT_S,
    consultantRotation: row?.consultant_rotation === 1,
    consultantAcceptSeconds: row?.consultant_accept_s ?? HANDOFF_ACK_LIMIT_DEFAULT_S,
    dayEndGraceMinutes: row?.day_end_grace_min ?? DAY_END_GRACE_DEFAULT_MIN,
  };
}

export async function readChainSettings(db: Kysely<DB>, siteId: string): Promise<VisitChainSettings> {
  return toSettings(await findChainSettingsRow(db, siteId));
}

/** Saved with `site.changed` (updateChainSettings); the rotation's turn in the same row is not part of them. */
const CHAIN_SETTINGS: EventCacheSpec = {
  staleKeys: (event) => (event.type === 'site.changed' && event.siteId ? [event.siteId] : []),
};

/** The site's hand-off limits, read by every car's registration and every hand-off: from memory while unchanged. */
export function chainSettingsOf(deps: Pick<Deps, 'db' | 'events'>, siteId: string): Promise<VisitChainSettings> {
  return eventCache<VisitChainSettings>(deps.events, CHAIN_SETTINGS).get(siteId, () => readChainSettings(deps.db, siteId));
}

export async function getChainSettings(deps: Deps, actor: Actor, siteId: string): Promise<VisitChainSettings> {
  requireSiteMember(actor, siteId);
  return readChainSettings(deps.db, siteId);
}

export async function updateChainSettings(deps: Deps, actor: Actor, siteId: string, patch: VisitChainSettingsBody): Promise<VisitChainSettings> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.siteManagers);
  return inTransaction(deps, async (tx) => {
    const current = await findChainSettingsRow(tx.trx, siteId);
    const merged = { ...toSettings(current), ...patch };
    await saveChainSettingsRow(tx.trx, {
      site_id: siteId,
      ack_limit_s: merged.ackLimitSeconds,
      consultant_rotation: merged.consultantRotation ? 1 : 0,
      consultant_accept_s: merged.consultantAcceptSeconds,
      day_end_grace_min: merged.dayEndGraceMinutes,
      rotation_last_person_id: current?.rotation_last_person_id ?? null,
      updated_at: tx.now,
    });
    await recordAudit(tx, actorRef(actor), { siteId, action: 'visit.chain_settings', entityType: 'site', entityId: siteId, detail: { ...patch } });
    // The next day-end timer follows a changed grace: the booked one moves, the day stays.
    if (patch.dayEndGraceMinutes !== undefined) await rebookDayEnd(tx, siteId);
    tx.emit({ siteId }, 'site.changed', { siteId });
    return merged;
  });
}

// ---------- timers of one hand-off ----------

/** Books the hand-off's timers among the batch's rows: the re-ring and the supervisor, or the rotation's lapse. */
export function deferHandoffTimers(batch: WriteBatch, handoff: VisitHandoffsTable, settings: VisitChainSettings): void {
  if (handoff.acked_at !== null) return;
  // Guests on foot leaving need nobody: no post receives them, nothing to wait for.
  if (handoff.to_post_kind === null && handoff.to_person_id === null) return;
  const limitMs = settings.ackLimitSeconds * 1000;
  const payload = { handoffId: handoff.id };
  if (handoff.rotation === 1) {
    deferTimer(batch, {
      id: rotationTimerId(handoff.id, 1),
      kind: ROTATION_LAPSE_KIND,
      siteId: handoff.site_id,
      dueAt: handoff.sent_at + settings.consultantAcceptSeconds * 1000,
      payload: { ...payload, round: 1, personId: handoff.to_person_id },
    });
  } else {
    deferTimer(batch, { id: ringTimerId(handoff.id), kind: HANDOFF_RING_KIND, siteId: handoff.site_id, dueAt: handoff.sent_at + limitMs, payload });
  }
  deferTimer(batch, {
    id: escalateTimerId(handoff.id),
    kind: HANDOFF_ESCALATE_KIND,
    siteId: handoff.site_id,
    dueAt: handoff.sent_at + 2 * limitMs,
    payload,
  });
}

/**
 * On acknowledgement: the re-ring and the supervisor's alert are called off (a rotation's lapse
 * finds it taken), with the acknowledgement's last statement.
 */
export function cancelHandoffTimers(tx: Tx, handoffId: string): void {
  deferCancelTimers(tx, [ringTimerId(handoffId), escalateTimerId(handoffId)]);
}

/** The hand-off still waits: not taken, its visit still open. */
async function stillWaiting(tx: Tx, handoffId: unknown): Promise<{ handoff: VisitHandoffsTable; partySize: number } | null> {
  if (typeof handoffId !== 'string') return null;
  const handoff = await findHandoffById(tx.trx, handoffId);
  if (!handoff || handoff.acked_at !== null) return null;
  const visit = await findVisitRow(tx.trx, handoff.site_id, handoff.visit_id);
  if (!visit || visit.status !== 'open') return null;
  // A consultant took the guests by claiming them: the rotation's question is answered.
  if (handoff.to_target === 'consultant' && handoff.rotation === 1 && visit.consultant_id !== null) return null;
  return { handoff, partySize: visit.party_size };
}

function emitHandoff(tx: Tx, handoff: VisitHandoffsTable, partySize: number, fromName: string, ring: number): void {
  const payload = {
    visitId: handoff.visit_id,
    handoffId: handoff.id,
    to: handoff.to_target,
    toPostKind: handoff.to_post_kind,
    toPersonId: handoff.to_person_id,
    partySize,
    note: handoff.note,
    fromName,
    ring,
  };
  tx.emit({ siteId: handoff.site_id }, 'visit.handoff', payload);
  if (handoff.to_person_id) tx.emit({ personId: handoff.to_person_id, siteId: handoff.site_id }, 'visit.handoff', payload);
}

async function ringAgain(tx: Tx, handoffId: unknown): Promise<void> {
  const waiting = await stillWaiting(tx, handoffId);
  if (!waiting) return;
  const { handoff, partySize } = waiting;
  await markHandoffRung(tx.trx, handoff.id, tx.now);
  const names = await findPersonNames(tx.trx, [handoff.sent_by]);
  emitHandoff(tx, { ...handoff, rung_at: tx.now }, partySize, names.get(handoff.sent_by) ?? '', 2);
}

const TARGET_ZH: Record<string, string> = {
  hall: '大厅',
  bar: '水吧',
  shuttle: '电瓶车',
  model_room: '样板间',
  departure: '送客',
  consultant: '置业顾问',
};

async function alertSupervisors(tx: Tx, handoffId: unknown): Promise<void> {
  const waiting = await stillWaiting(tx, handoffId);
  if (!waiting) return;
  const { handoff, partySize } = waiting;
  const settings = await readChainSettings(tx.trx, handoff.site_id);
  let people = await listActiveMembersOfSite(tx.trx, handoff.site_id, ['supervisor']);
  // A site without a supervisor on its books: its manager hears instead.
  if (people.length === 0) people = await listActiveMembersOfSite(tx.trx, handoff.site_id, ['site_manager']);
  const waitedS = Math.round((tx.now - handoff.sent_at) / 1000);
  const target = { zh: TARGET_ZH[handoff.to_target] ?? handoff.to_target, en: handoff.to_target };
  await notifyPeople(
    tx,
    people.map((p) => p.id),
    { siteId: handoff.site_id, code: 'visit.handoff_not_taken', params: { target, partySize, waitedS, limitS: settings.ackLimitSeconds } },
  );
  for (const p of people)
    tx.emit({ personId: p.id, siteId: handoff.site_id }, 'visit.handoff_unanswered', {
      visitId: handoff.visit_id,
      handoffId: handoff.id,
      toPostKind: handoff.to_post_kind,
    });
}

// ---------- the consultants' rotation ----------

/**
 * The site's consultants in their fixed turn order (by id: stable whatever their names become),
 * without those out of the rotation today.
 */
async function consultantsInTurn(db: Kysely<DB>, siteId: string, now: number): Promise<string[]> {
  const [people, away] = await Promise.all([listActiveMembersOfSite(db, siteId, ROLE_GROUPS.visitClaimers), consultantsAwayNow(db, siteId, now)]);
  return people
    .map((p) => p.id)
    .filter((id) => !away.has(id))
    .sort();
}

const nextInTurn = (turn: readonly string[], after: string | null): string | undefined => turn.find((id) => after === null || id > after) ?? turn[0];

/** The consultant whose turn it is now; remembered as the last one asked. Throws when there is none. */
export async function takeNextConsultant(tx: Tx, siteId: string): Promise<string> {
  const turn = await consultantsInTurn(tx.trx, siteId, tx.now);
  const row = await findChainSettingsRow(tx.trx, siteId);
  const next = nextInTurn(turn, row?.rotation_last_person_id ?? null);
  if (!next) throw new AppError('NO_CONSULTANT_ON_DUTY', { message: 'No consultant to ask in turn' });
  await rememberTurn(tx, siteId, row, next);
  return next;
}

async function rememberTurn(tx: Tx, siteId: string, row: VisitChainSettingsTable | undefined, personId: string): Promise<void> {
  const settings = toSettings(row);
  await saveChainSettingsRow(tx.trx, {
    site_id: siteId,
    ack_limit_s: settings.ackLimitSeconds,
    consultant_rotation: settings.consultantRotation ? 1 : 0,
    consultant_accept_s: settings.consultantAcceptSeconds,
    day_end_grace_min: settings.dayEndGraceMinutes,
    rotation_last_person_id: personId,
    updated_at: row?.updated_at ?? tx.now,
  });
}

async function passToNextConsultant(tx: Tx, payload: { handoffId?: unknown; round?: unknown; personId?: unknown }): Promise<void> {
  const waiting = await stillWaiting(tx, payload.handoffId);
  if (!waiting || typeof payload.round !== 'number' || typeof payload.personId !== 'string') return;
  const { handoff, partySize } = waiting;
  // Only the lapse of the consultant still being asked passes it on.
  if (handoff.to_person_id !== payload.personId) return;
  const turn = await consultantsInTurn(tx.trx, handoff.site_id, tx.now);
  const next = nextInTurn(
    turn.filter((id) => id !== payload.personId),
    payload.personId,
  );
  const settings = await readChainSettings(tx.trx, handoff.site_id);
  const round = payload.round + 1;
  // Nobody else to ask: the same consultant is asked again, and the supervisor's alert stands.
  const to = next ?? payload.personId;
  if (to !== payload.personId && (await passHandoffTo(tx.trx, handoff.id, payload.personId, to)) === 0) return;
  await rememberTurn(tx, handoff.site_id, await findChainSettingsRow(tx.trx, handoff.site_id), to);
  await scheduleTimer(tx, {
    id: rotationTimerId(handoff.id, round),
    kind: ROTATION_LAPSE_KIND,
    siteId: handoff.site_id,
    dueAt: tx.now + settings.consultantAcceptSeconds * 1000,
    payload: { handoffId: handoff.id, round, personId: to },
  });
  const names = await findPersonNames(tx.trx, [handoff.sent_by]);
  emitHandoff(tx, { ...handoff, to_person_id: to }, partySize, names.get(handoff.sent_by) ?? '', to === payload.personId ? 2 : 1);
}

// ---------- visits nobody closed ----------

interface SiteClock {
  id: string;
  time_zone: string;
  opening_hours: string;
}

const closeTimeOf = (site: SiteClock) => (JSON.parse(site.opening_hours) as OpeningHours).close;

/** When the day-end timer of `date` fires: closing time plus the site's grace. */
export function dayEndInstant(site: SiteClock, date: string, graceMinutes: number): number {
  return instantAt(date, closeTimeOf(site), site.time_zone) + graceMinutes * 60_000;
}

async function bookDayEnd(tx: Tx, site: SiteClock, fromDate: string): Promise<boolean> {
  const { dayEndGraceMinutes } = await readChainSettings(tx.trx, site.id);
  let date = fromDate;
  while (dayEndInstant(site, date, dayEndGraceMinutes) <= tx.now) date = addDays(date, 1);
  return scheduleTimer(tx, {
    id: dayEndTimerId(site.id, date),
    kind: DAY_END_KIND,
    siteId: site.id,
    dueAt: dayEndInstant(site, date, dayEndGraceMinutes),
    payload: { siteId: site.id, date },
  });
}

/** Books the site's next day-end closing (no-op when booked): at boot, on site creation, after each firing. */
export async function scheduleDayEndClose(tx: Tx, siteId: string): Promise<boolean> {
  const site = await findSiteRow(tx.trx, siteId);
  if (!site) return false;
  return bookDayEnd(tx, site, localParts(tx.now, site.time_zone).date);
}

/** At boot: every site's next day-end closing. */
export async function scheduleDayEndCloses(tx: Tx): Promise<void> {
  for (const site of await listSiteClocks(tx.trx)) await scheduleDayEndClose(tx, site.id);
}

/**
 * A changed grace, closing time or time zone moves the pending booking to its new instant (one
 * already past fires at the next poll).
 */
export async function rebookDayEnd(tx: Tx, siteId: string): Promise<void> {
  const site = await findSiteRow(tx.trx, siteId);
  if (!site) return;
  const { dayEndGraceMinutes } = await readChainSettings(tx.trx, siteId);
  const today = localParts(tx.now, site.time_zone).date;
  for (const date of [addDays(today, -1), today, addDays(today, 1)])
    await rescheduleTimer(tx, dayEndTimerId(siteId, date), dayEndInstant(site, date, dayEndGraceMinutes));
  await bookDayEnd(tx, site, today);
}

export interface DayEndOutcome {
  closed: number;
  guests: number;
  byStage: Record<string, number>;
}

/** Closes the site's visits still open at `tx.now` as closed at day end; tells the managers. */
export async function closeDayEndVisits(tx: Tx, siteId: string, date: string): Promise<DayEndOutcome> {
  const open = await listOpenVisitsArrivedBefore(tx.trx, siteId, tx.now);
  const outcome: DayEndOutcome = { closed: 0, guests: 0, byStage: {} };
  for (const v of open) {
    if ((await closeVisitAtDayEnd(tx.trx, v.id, tx.now)) === 0) continue;
    outcome.closed += 1;
    outcome.guests += v.party_size;
    outcome.byStage[v.stage] = (outcome.byStage[v.stage] ?? 0) + 1;
    tx.emit({ siteId }, 'visit.closed', { visitId: v.id });
  }
  if (outcome.closed === 0) return outcome;
  const site = await findSiteRow(tx.trx, siteId);
  await recordAudit(
    tx,
    { personId: null, name: SYSTEM_NAME, companyId: site?.company_id ?? '', requestId: null },
    {
      siteId,
      action: 'visit.day_end_close',
      entityType: 'site',
      entityId: siteId,
      detail: { date, ...outcome },
    },
  );
  tx.emit({ siteId }, 'visits.day_end_closed', { date, count: outcome.closed });
  const managers = await listActiveMembersOfSite(tx.trx, siteId, ['site_manager']);
  const stages = Object.entries(outcome.byStage)
    .sort((a, b) => b[1] - a[1])
    .map(([stage, n]) => `${STAGE_ZH[stage] ?? stage} ${n}`)
    .join('、');
  const stagesEn = Object.entries(outcome.byStage)
    .sort((a, b) => b[1] - a[1])
    .map(([stage, n]) => `${stage} ${n}`)
    .join(', ');
  await notifyPeople(
    tx,
    managers.map((m) => m.id),
    {
      siteId,
      code: 'visit.day_end_closed',
      params: { date, closed: outcome.closed, guests: outcome.guests, stages: { zh: stages, en: stagesEn } },
    },
  );
  return outcome;
}

const STAGE_ZH: Record<string, string> = {
  car_park: '停车场',
  hall: '大厅',
  shuttle: '电瓶车',
  model_room: '样板间',
  departing: '离场中',
};

export function registerVisitChainTimers(timers: TimerRunner): void {
  timers.register(HANDOFF_RING_KIND, async (tx, timer) => {
    await ringAgain(tx, (timer.payload as { handoffId?: unknown } | null)?.handoffId);
  });
  timers.register(HANDOFF_ESCALATE_KIND, async (tx, timer) => {
    await alertSupervisors(tx, (timer.payload as { handoffId?: unknown } | null)?.handoffId);
  });
  timers.register(ROTATION_LAPSE_KIND, async (tx, timer) => {
    await passToNextConsultant(tx, timer.payload ?? {});
  });
  timers.register(DAY_END_KIND, async (tx, timer) => {
    const { siteId, date } = (timer.payload ?? {}) as { siteId?: unknown; date?: unknown };
    if (typeof siteId !== 'string' || typeof date !== 'string' || !isValidDate(date)) return;
    const site = await findSiteRow(tx.trx, siteId);
    if (!site) return;
    await closeDayEndVisits(tx, siteId, date);
    await bookDayEnd(tx, site, addDays(date, 1));
  });
}
