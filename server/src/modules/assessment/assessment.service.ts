/**
 * The monthly assessment's use cases: compute a site's month from the records the other modules
 * keep (one batch of reads per site, never per person per figure), review and adjust a line with
 * a reason, sign, appeal once, decide the appeal; the scheme per company (versioned: each month
 * names the version it used); and the dismissal recommendations after two failing months, which
 * a person decides. Nothing here touches anyone's account.
 */
import {
  ROLE_GROUPS,
  defaultSchemeContent,
  schemeWeightProblem,
  type AdjustLineBody,
  type AppealDecisionBody,
  type Assessment,
  type AssessmentFigures,
  type AssessmentLine,
  type AssessmentLineKey,
  type AssessmentMonthView,
  type AssessmentScheme,
  type DismissalRecommendation,
  type PostKind,
  type RecommendationDecisionBody,
  type SaveSchemeBody,
  type SchemeContent,
} from '@anchang/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { AssessmentSchemesTable, AssessmentsTable, DB } from '../../db/schema.js';
import { actorRef, type Actor, type ActorRef } from '../../platform/auth/actor.js';
import { requireSiteMember, requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { instantAt, localParts } from '../../platform/site-time.js';
import { inTransaction, type Deps, type Tx } from '../../platform/tx.js';
import { recordAudit } from '../audit/index.js';
import { inspectionFiguresOfPeriod } from '../inspections/index.js';
import { notifyPeople } from '../notifications/index.js';
import { findActiveCompanyAdminIds, findPersonNames } from '../people/index.js';
import { listPostsOfSite } from '../posts/index.js';
import { listDecidedSlots } from '../rounds/index.js';
import { listFinishedPatrolRoundsOfPeriod } from '../patrols/index.js';
import { listRepairArrivalsOfPeriod } from '../repairs/index.js';
import { listEntriesBetween } from '../rosters/index.js';
import { listOpinionsOfPeriod } from '../shift-forms/index.js';
import { countChecklistResultsOfPeriod, listShiftsOfPeriod } from '../shifts/index.js';
import { findSiteRow } from '../sites/index.js';
import { findVersionsByIds, readStandardSettings, toPostStandard } from '../standards/index.js';
import { satisfactionOfPeoplePeriod, satisfactionShare } from '../surveys/index.js';
import { trainingFiguresOfPeriod } from '../training/index.js';
import {
  findAssessment,
  findAssessmentsByIds,
  findCurrentScheme,
  findRecommendation,
  findSchemesByIds,
  insertAssessments,
  insertRecommendation,
  insertScheme,
  listAssessmentsOfMonth,
  listAssessmentsOfPerson,
  listMonthOutcomesOfPerson,
  listRecommendationsOfSite,
  decideRecommendationRow,
  updateAssessmentWhere,
  updateComputedAssessment,
  withdrawRecommendationsCiting,
} from './assessment.repository.js';
import {
  consecutiveFailingPairs,
  figuresOfMonth,
  lastDateOf,
  nextMonth,
  scoreMonth,
  totalOf,
  type RoundRecord,
  type SiteMonthRecords,
} from './assessment.rules.js';

type Q = Kysely<DB> | Transaction<DB>;
const ASSESSORS = ROLE_GROUPS.siteManagers;
const SYSTEM_NAME = '系统 System';

const notFound = (id: string) => new AppError('ASSESSMENT_NOT_FOUND', { message: 'Assessment not found', params: { assessmentId: id } });
const alreadySigned = (id: string) =>
  new AppError('ASSESSMENT_ALREADY_SIGNED', { message: 'This month is signed; it can no longer change', params: { assessmentId: id } });

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new AppError('ASSESSMENT_REASON_REQUIRED', { message: 'Give the reason for the change' });
  return trimmed;
}

// ---- the month's bounds on the site's clocks ----

export function monthBounds(month: string, timeZone: string) {
  return {
    fromDate: `${month}-01`,
    toDate: lastDateOf(month),
    fromMs: instantAt(`${month}-01`, '00:00', timeZone),
    toMs: instantAt(`${nextMonth(month)}-01`, '00:00', timeZone),
  };
}

export const currentMonthAt = (now: number, timeZone: string) => localParts(now, timeZone).date.slice(0, 7);

// ---- scheme ----

/** The company's current scheme; the first use writes the defaults as version 1. */
export async function currentSchemeRow(db: Q, companyId: string, now: number): Promise<AssessmentSchemesTable> {
  const found = await findCurrentScheme(db, companyId);
  if (found) return found;
  const row: AssessmentSchemesTable = {
    id: newId(now),
    company_id: companyId,
    version: 1,
    content: JSON.stringify(defaultSchemeContent()),
    change_note: 'default',
    created_by: null,
    created_at: now,
  };
  // A concurrent first use wrote it already: read theirs.
  if (!(await insertScheme(db, row))) return (await findCurrentScheme(db, companyId))!;
  return row;
}

const schemeContentOf = (row: AssessmentSchemesTable): SchemeContent => JSON.parse(row.content) as SchemeContent;

async function toScheme(db: Q, row: AssessmentSchemesTable): Promise<AssessmentScheme> {
  const names = row.created_by ? await findPersonNames(db, [row.created_by]) : new Map<string, string>();
  return {
    id: row.id,
    version: row.version,
    content: schemeContentOf(row),
    changeNote: row.change_note,
    createdByName: row.created_by ? (names.get(row.created_by) ?? null) : null,
    createdAt: row.created_at,
  };
}

export async function getScheme(deps: Deps, actor: Actor, siteId: string): Promise<AssessmentScheme> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const row = (await findCurrentScheme(deps.db, actor.companyId)) ?? null;
  if (row) return toScheme(deps.db, row);
  return inTransaction(deps, async (tx) => toScheme(tx.trx, await currentSchemeRow(tx.trx, actor.companyId, tx.now)));
}

/** A new version of the company's scheme; months already computed keep the version they used. */
export async function saveScheme(deps: Deps, actor: Actor, siteId: string, body: SaveSchemeBody): Promise<AssessmentScheme> {
  requireSiteRole(actor, siteId, ['company_admin']);
  const post = schemeWeightProblem(body.content);
  if (post) throw new AppError('ASSESSMENT_SCHEME_INVALID', { message: "A post's weights must add up to 100", params: { postKind: post } });
  return inTransaction(deps, async (tx) => {
    const current = await currentSchemeRow(tx.trx, actor.companyId, tx.now);
    const row: AssessmentSchemesTable = {
      id: newId(tx.now),
      company_id: actor.companyId,
      version: current.version + 1,
      content: JSON.stringify(body.content),
      change_note: body.changeNote.trim(),
      created_by: actor.personId,
      created_at: tx.now,
    };
    if (!(await insertScheme(tx.trx, row)))
      throw new AppError('STANDARD_VERSION_CONFLICT', { message: 'Someone saved the scheme at the same time; reload and save again' });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.scheme_saved',
      entityType: 'assessment_scheme',
      entityId: row.id,
      detail: { version: row.version, changeNote: row.change_note, passMark: body.content.passMark },
    });
    return toScheme(tx.trx, row);
  });
}

// ---- computing a site's month ----

/** Every record of the site's month the figures come from, read in one batch per source. */
export async function gatherSiteMonth(db: Q, siteId: string, timeZone: string, month: string, now: number): Promise<SiteMonthRecords> {
  const b = monthBounds(month, timeZone);
  const [posts, settings, roster, shifts, checklist, slots, patrols, repairs, opinions] = await Promise.all([
    listPostsOfSite(db, siteId),
    readStandardSettings(db, siteId),
    listEntriesBetween(db as Kysely<DB>, siteId, b.fromDate, b.toDate),
    listShiftsOfPeriod(db as Kysely<DB>, siteId, b.fromDate, b.toDate),
    countChecklistResultsOfPeriod(db as Kysely<DB>, siteId, b.fromDate, b.toDate),
    listDecidedSlots(db, siteId, b.fromDate, b.toDate),
    listFinishedPatrolRoundsOfPeriod(db as Kysely<DB>, siteId, b.fromDate, b.toDate),
    listRepairArrivalsOfPeriod(db, siteId, b.fromMs, b.toMs),
    listOpinionsOfPeriod(db as Kysely<DB>, siteId, b.fromDate, b.toDate),
  ]);
  const kindOfPost = new Map(posts.map((p) => [p.id, p.kind as PostKind]));
  const versions = await findVersionsByIds(db, [...new Set(shifts.map((s) => s.standard_version_id))]);
  const expected = new Map(
    versions.map((v) => {
      const items = toPostStandard(v).items;
      return [v.id, { pre: items.filter((i) => i.phase === 'PRE').length, post: items.filter((i) => i.phase === 'POST').length }];
    }),
  );
  const done = new Map<string, { pre: number; post: number }>();
  for (const c of checklist) {
    const d = done.get(c.shiftId) ?? { pre: 0, post: 0 };
    if (c.phase === 'PRE') d.pre += c.count;
    if (c.phase === 'POST') d.post += c.count;
    done.set(c.shiftId, d);
  }
  const people = [...new Set([...roster.map((e) => e.person_id), ...shifts.map((s) => s.person_id)])];
  const [training, inspections, satisfaction] = await Promise.all([
    trainingFiguresOfPeriod(db as Kysely<DB>, siteId, people, b.fromMs, b.toMs),
    inspectionFiguresOfPeriod(db as Kysely<DB>, siteId, people, b.fromMs, b.toMs),
    satisfactionOfPeoplePeriod(db as Kysely<DB>, siteId, people, b.fromMs, b.toMs),
  ]);
  const rounds: RoundRecord[] = [
    ...slots.map((s) => ({
      postKind: s.post_kind,
      dueAt: Number(s.due_at),
      outcome: s.status === 'met' ? ('met' as const) : s.status === 'late' ? ('late' as const) : ('missed' as const),
      byPersonId: s.status === 'missed' ? null : s.proved_by,
    })),
    ...patrols.map((p) => ({
      postKind: p.post_kind,
      dueAt: Number(p.slot_start),
      outcome: p.status === 'done' ? ('met' as const) : p.status === 'done_late' ? ('late' as const) : ('missed' as const),
      byPersonId: p.walker_id,
    })),
  ];
  return {
    month,
    timeZone,
    lateGraceMinutes: settings.lateGraceMinutes,
    now,
    shifts: shifts.map((s) => ({
      id: s.id,
      personId: s.person_id,
      postId: s.post_id,
      postKind: kindOfPost.get(s.post_id) ?? 'HALL',
      rosterEntryId: s.roster_entry_id,
      date: s.date,
      plannedStart: s.planned_start,
      plannedEnd: s.planned_end,
      clockInAt: Number(s.clock_in_at),
      clockOutAt: s.clock_out_at === null ? null : Number(s.clock_out_at),
      expectedPre: expected.get(s.standard_version_id)?.pre ?? 0,
      expectedPost: expected.get(s.standard_version_id)?.post ?? 0,
      donePre: done.get(s.id)?.pre ?? 0,
      donePost: done.get(s.id)?.post ?? 0,
    })),
    roster: roster.map((e) => ({
      id: e.id,
      personId: e.person_id,
      postKind: kindOfPost.get(e.post_id) ?? 'HALL',
      date: e.date,
      start: e.start_time,
      end: e.end_time,
    })),
    rounds,
    repairs: repairs.map((w) => ({
      technicianId: w.technician_id!,
      reportedAt: Number(w.reported_at),
      arrivedAt: w.arrived_at === null ? null : Number(w.arrived_at),
      arrivalDeadlineAt: Number(w.arrival_deadline_at),
    })),
    opinions: opinions.map((o) => ({ personId: o.person_id, postId: o.post_id, date: o.date, category: o.category })),
    training,
    inspections,
    satisfaction: new Map([...satisfaction.entries()].map(([personId, s]) => [personId, satisfactionShare(s.average) ?? 0])),
  };
}

const adjustmentsOf = (lines: readonly AssessmentLine[]) =>
  new Map<AssessmentLineKey, AssessmentLine['adjustment']>(lines.filter((l) => l.adjustment).map((l) => [l.key, l.adjustment]));

export interface ComputeOutcome {
  month: string;
  computed: number;
  skippedSigned: number;
}

/**
 * Computes (or recomputes) every person's month at the site, inside the caller's transaction.
 * Signed months are left as they are; adjustments of unsigned ones are kept.
 */
export async function computeSiteMonth(tx: Tx, site: { id: string; company_id: string; time_zone: string }, month: string): Promise<ComputeOutcome> {
  const scheme = await currentSchemeRow(tx.trx, site.company_id, tx.now);
  const content = schemeContentOf(scheme);
  const records = await gatherSiteMonth(tx.trx, site.id, site.time_zone, month, tx.now);
  const existing = new Map((await listAssessmentsOfMonth(tx.trx, site.id, month)).map((r) => [r.person_id, r]));
  const inserts: AssessmentsTable[] = [];
  let computed = 0;
  let skippedSigned = 0;
  for (const person of figuresOfMonth(records)) {
    const before = existing.get(person.personId);
    if (before?.status === 'signed') {
      skippedSigned += 1;
      continue;
    }
    const adjustments = before ? adjustmentsOf(JSON.parse(before.lines) as AssessmentLine[]) : new Map();
    const score = scoreMonth(person.figures, content.weights[person.postKind], content, adjustments);
    const computedPart = {
      scheme_id: scheme.id,
      post_kind: person.postKind,
      outcome: score.outcome,
      total_tenths: Math.round(score.total * 10),
      figures: JSON.stringify(person.figures),
      lines: JSON.stringify(score.lines),
      computed_at: tx.now,
      updated_at: tx.now,
    };
    computed += 1;
    if (before) {
      if (!(await updateComputedAssessment(tx.trx, before.id, computedPart))) skippedSigned += 1;
      continue;
    }
    inserts.push({
      id: newId(tx.now),
      site_id: site.id,
      person_id: person.personId,
      month,
      status: 'draft',
      signed_by: null,
      signed_at: null,
      appeal_status: 'none',
      appeal_text: null,
      appealed_at: null,
      appeal_reason: null,
      appeal_decided_by: null,
      appeal_decided_at: null,
      ...computedPart,
    });
  }
  await insertAssessments(tx.trx, inserts);
  tx.emit({ siteId: site.id }, 'assessment.changed', { month });
  return { month, computed, skippedSigned };
}

async function siteOf(db: Q, siteId: string) {
  const site = await findSiteRow(db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND', { params: { siteId } });
  return site;
}

/** The console's "compute now": the current month so far, or an earlier one. */
export async function computeMonth(deps: Deps, actor: Actor, siteId: string, month: string): Promise<ComputeOutcome> {
  requireSiteRole(actor, siteId, ASSESSORS);
  const site = await siteOf(deps.db, siteId);
  if (month > currentMonthAt(deps.clock.now(), site.time_zone))
    throw new AppError('ASSESSMENT_MONTH_NOT_STARTED', { message: 'That month has not started yet', params: { month } });
  return inTransaction(deps, async (tx) => {
    const outcome = await computeSiteMonth(tx, site, month);
    await recordAudit(tx, actorRef(actor), { siteId, action: 'assessment.computed', entityType: 'site', entityId: siteId, detail: { ...outcome } });
    return outcome;
  });
}

// ---- reading ----

async function toAssessments(db: Q, rows: readonly AssessmentsTable[]): Promise<Assessment[]> {
  const [names, schemes] = await Promise.all([
    findPersonNames(db, [...new Set(rows.flatMap((r) => [r.person_id, ...(r.signed_by ? [r.signed_by] : [])]))]),
    findSchemesByIds(db, [...new Set(rows.map((r) => r.scheme_id))]),
  ]);
  const schemeById = new Map(schemes.map((s) => [s.id, s]));
  return rows.map((r) => {
    const scheme = schemeById.get(r.scheme_id);
    return {
      id: r.id,
      siteId: r.site_id,
      personId: r.person_id,
      personName: names.get(r.person_id) ?? '',
      month: r.month,
      postKind: r.post_kind as PostKind,
      schemeVersion: scheme?.version ?? 0,
      passMark: scheme ? schemeContentOf(scheme).passMark : 0,
      status: r.status as Assessment['status'],
      outcome: r.outcome as Assessment['outcome'],
      total: r.total_tenths / 10,
      figures: JSON.parse(r.figures) as AssessmentFigures,
      lines: JSON.parse(r.lines) as AssessmentLine[],
      computedAt: Number(r.computed_at),
      signedAt: r.signed_at === null ? null : Number(r.signed_at),
      signedByName: r.signed_by ? (names.get(r.signed_by) ?? null) : null,
      appeal: {
        status: r.appeal_status as Assessment['appeal']['status'],
        text: r.appeal_text,
        at: r.appealed_at === null ? null : Number(r.appealed_at),
        reason: r.appeal_reason,
        decidedAt: r.appeal_decided_at === null ? null : Number(r.appeal_decided_at),
      },
    };
  });
}

export async function listMonth(deps: Deps, actor: Actor, siteId: string, month: string | undefined): Promise<AssessmentMonthView> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.overseers);
  const site = await siteOf(deps.db, siteId);
  const m = month ?? currentMonthAt(deps.clock.now(), site.time_zone);
  const items = await toAssessments(deps.db, await listAssessmentsOfMonth(deps.db, siteId, m));
  items.sort((a, b) => a.postKind.localeCompare(b.postKind) || a.personName.localeCompare(b.personName, 'zh-CN'));
  return { month: m, items };
}

/** An overseer reads anyone's month at the site; anyone else only their own (others answer 404). */
async function readable(deps: Deps, actor: Actor, siteId: string, assessmentId: string): Promise<AssessmentsTable> {
  const role = requireSiteMember(actor, siteId);
  const row = await findAssessment(deps.db, siteId, assessmentId);
  if (!row || (row.person_id !== actor.personId && !ROLE_GROUPS.overseers.includes(role))) throw notFound(assessmentId);
  return row;
}

export async function getAssessment(deps: Deps, actor: Actor, siteId: string, assessmentId: string): Promise<Assessment> {
  return (await toAssessments(deps.db, [await readable(deps, actor, siteId, assessmentId)]))[0]!;
}

/** The person's own months at the site, newest first (a year's worth). */
export async function listMyAssessments(deps: Deps, actor: Actor, siteId: string): Promise<Assessment[]> {
  requireSiteMember(actor, siteId);
  return toAssessments(deps.db, await listAssessmentsOfPerson(deps.db, siteId, actor.personId, 12));
}

// ---- review, sign, appeal ----

function withLine(row: AssessmentsTable, passMark: number, key: AssessmentLineKey, adjustment: NonNullable<AssessmentLine['adjustment']>) {
  const lines = (JSON.parse(row.lines) as AssessmentLine[]).map((l) => {
    if (l.key !== key) return l;
    if (adjustment.points > l.weight)
      throw new AppError('ASSESSMENT_POINTS_OVER_WEIGHT', {
        message: "A line's points cannot exceed its weight",
        params: { line: key, weight: l.weight },
      });
    return { ...l, points: adjustment.points, adjustment };
  });
  const { total, outcome } = totalOf(lines, JSON.parse(row.figures) as AssessmentFigures, passMark);
  return { lines, total, outcome };
}

async function passMarkOf(db: Q, schemeId: string): Promise<number> {
  const [scheme] = await findSchemesByIds(db, [schemeId]);
  return scheme ? schemeContentOf(scheme).passMark : 0;
}

function emitChanged(tx: Tx, row: AssessmentsTable): void {
  tx.emit({ siteId: row.site_id }, 'assessment.changed', { month: row.month });
  tx.emit({ personId: row.person_id, siteId: row.site_id }, 'assessment.changed', { month: row.month });
}

export async function adjustLine(deps: Deps, actor: Actor, siteId: string, assessmentId: string, body: AdjustLineBody): Promise<Assessment> {
  requireSiteRole(actor, siteId, ASSESSORS);
  const reason = requireReason(body.reason);
  return inTransaction(deps, async (tx) => {
    const row = await findAssessment(tx.trx, siteId, assessmentId);
    if (!row) throw notFound(assessmentId);
    if (row.status === 'signed') throw alreadySigned(assessmentId);
    const next = withLine(row, await passMarkOf(tx.trx, row.scheme_id), body.line, {
      points: body.points,
      reason,
      byName: actor.name,
      at: tx.now,
      source: 'review',
    });
    const patch = {
      status: 'reviewed',
      lines: JSON.stringify(next.lines),
      total_tenths: Math.round(next.total * 10),
      outcome: next.outcome,
      updated_at: tx.now,
    };
    if (!(await updateAssessmentWhere(tx.trx, row.id, { status: ['draft', 'reviewed'] }, patch))) throw alreadySigned(assessmentId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.adjusted',
      entityType: 'assessment',
      entityId: row.id,
      detail: { personId: row.person_id, month: row.month, line: body.line, points: body.points, reason },
    });
    emitChanged(tx, row);
    return (await toAssessments(tx.trx, [{ ...row, ...patch }]))[0]!;
  });
}

export async function signAssessment(deps: Deps, actor: Actor, siteId: string, assessmentId: string): Promise<Assessment> {
  requireSiteRole(actor, siteId, ASSESSORS);
  return inTransaction(deps, async (tx) => {
    const row = await findAssessment(tx.trx, siteId, assessmentId);
    if (!row) throw notFound(assessmentId);
    const patch = { status: 'signed', signed_by: actor.personId, signed_at: tx.now, updated_at: tx.now };
    if (row.status === 'signed' || !(await updateAssessmentWhere(tx.trx, row.id, { status: ['draft', 'reviewed'] }, patch)))
      throw alreadySigned(assessmentId);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.signed',
      entityType: 'assessment',
      entityId: row.id,
      detail: { personId: row.person_id, month: row.month, total: row.total_tenths / 10, outcome: row.outcome },
    });
    await recommendAfterTwoFailingMonths(tx, actor.companyId, siteId, row.person_id);
    emitChanged(tx, row);
    return (await toAssessments(tx.trx, [{ ...row, ...patch }]))[0]!;
  });
}

/** The person's own signed month, once: before it is signed there is nothing final to appeal. */
export async function appealAssessment(deps: Deps, actor: Actor, siteId: string, assessmentId: string, text: string): Promise<Assessment> {
  requireSiteMember(actor, siteId);
  const body = requireReason(text);
  return inTransaction(deps, async (tx) => {
    const row = await findAssessment(tx.trx, siteId, assessmentId);
    if (!row || row.person_id !== actor.personId) throw notFound(assessmentId);
    if (row.status !== 'signed') throw new AppError('ASSESSMENT_NOT_SIGNED', { message: 'Only a signed month can be appealed' });
    if (row.appeal_status === 'open') throw new AppError('ASSESSMENT_APPEAL_ALREADY_MADE', { message: 'This month has been appealed already' });
    if (row.appeal_status !== 'none') throw new AppError('ASSESSMENT_APPEAL_DECIDED', { message: 'The appeal of this month has been decided' });
    const patch = { appeal_status: 'open', appeal_text: body, appealed_at: tx.now, updated_at: tx.now };
    if (!(await updateAssessmentWhere(tx.trx, row.id, { appealStatus: ['none'] }, patch)))
      throw new AppError('ASSESSMENT_APPEAL_ALREADY_MADE', { message: 'This month has been appealed already' });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.appealed',
      entityType: 'assessment',
      entityId: row.id,
      detail: { month: row.month },
    });
    emitChanged(tx, row);
    return (await toAssessments(tx.trx, [{ ...row, ...patch }]))[0]!;
  });
}

export async function decideAppeal(deps: Deps, actor: Actor, siteId: string, assessmentId: string, body: AppealDecisionBody): Promise<Assessment> {
  requireSiteRole(actor, siteId, ASSESSORS);
  const reason = requireReason(body.reason);
  if (body.decision === 'upheld' && (body.line === undefined || body.points === undefined))
    throw new AppError('VALIDATION_FAILED', {
      message: 'An upheld appeal names the line and its new points',
      params: { fields: ['line', 'points'] },
    });
  return inTransaction(deps, async (tx) => {
    const row = await findAssessment(tx.trx, siteId, assessmentId);
    if (!row) throw notFound(assessmentId);
    if (row.appeal_status !== 'open') throw new AppError('ASSESSMENT_NO_OPEN_APPEAL', { message: 'There is no open appeal on this month' });
    let patch: Partial<AssessmentsTable> = {
      appeal_status: body.decision,
      appeal_reason: reason,
      appeal_decided_by: actor.personId,
      appeal_decided_at: tx.now,
      updated_at: tx.now,
    };
    if (body.decision === 'upheld') {
      const next = withLine(row, await passMarkOf(tx.trx, row.scheme_id), body.line!, {
        points: body.points!,
        reason,
        byName: actor.name,
        at: tx.now,
        source: 'appeal',
      });
      patch = { ...patch, lines: JSON.stringify(next.lines), total_tenths: Math.round(next.total * 10), outcome: next.outcome };
    }
    if (!(await updateAssessmentWhere(tx.trx, row.id, { appealStatus: ['open'] }, patch)))
      throw new AppError('ASSESSMENT_NO_OPEN_APPEAL', { message: 'There is no open appeal on this month' });
    if (patch.outcome === 'pass' && row.outcome === 'fail') await withdrawRecommendationsCiting(tx.trx, row.id, tx.now);
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.appeal_decided',
      entityType: 'assessment',
      entityId: row.id,
      detail: { personId: row.person_id, month: row.month, decision: body.decision, reason, line: body.line ?? null, points: body.points ?? null },
    });
    await notifyPeople(tx, [row.person_id], {
      siteId,
      code: 'assessment.appeal_decided',
      params: { decision: body.decision, month: row.month, reason },
      fromName: actor.name,
    });
    emitChanged(tx, row);
    return (await toAssessments(tx.trx, [{ ...row, ...patch }]))[0]!;
  });
}

// ---- two failing months ----

/**
 * After a month is signed: every pair of consecutive failing signed months of the person at the
 * site becomes a recommendation (once per pair), sent to the company admins with both months.
 */
async function recommendAfterTwoFailingMonths(tx: Tx, companyId: string, siteId: string, personId: string): Promise<void> {
  const months = await listMonthOutcomesOfPerson(tx.trx, siteId, personId);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const pairs = consecutiveFailingPairs(
    months.map((m) => ({ month: m.month, outcome: m.status === 'signed' ? (m.outcome as 'pass' | 'fail' | 'no_duty') : 'unsigned' })),
  );
  const created: string[] = [];
  for (const [first, second] of pairs) {
    const id = newId(tx.now);
    const inserted = await insertRecommendation(tx.trx, {
      id,
      company_id: companyId,
      site_id: siteId,
      person_id: personId,
      first_assessment_id: byMonth.get(first)!.id,
      second_assessment_id: byMonth.get(second)!.id,
      first_month: first,
      second_month: second,
      status: 'open',
      reason: null,
      decided_by: null,
      decided_at: null,
      created_at: tx.now,
    });
    if (inserted) created.push(id);
  }
  if (created.length === 0) return;
  const admins = await findActiveCompanyAdminIds(tx.trx, companyId);
  const names = await findPersonNames(tx.trx, [personId]);
  await notifyPeople(tx, admins, { siteId, code: 'assessment.two_failing_months', params: { name: names.get(personId) ?? '' } });
  for (const admin of admins) for (const id of created) tx.emit({ personId: admin, siteId }, 'assessment.recommendation', { recommendationId: id });
  await recordAudit(
    tx,
    { personId: null, name: SYSTEM_NAME, companyId, requestId: null },
    {
      siteId,
      action: 'assessment.recommendation_created',
      entityType: 'person',
      entityId: personId,
      detail: { recommendations: created.length },
    },
  );
}

async function toRecommendations(
  db: Q,
  rows: Awaited<ReturnType<typeof listRecommendationsOfSite>>,
  siteName: string,
): Promise<DismissalRecommendation[]> {
  const months = new Map(
    (
      await toAssessments(
        db,
        await findAssessmentsByIds(
          db,
          rows.flatMap((r) => [r.first_assessment_id, r.second_assessment_id]),
        ),
      )
    ).map((a) => [a.id, a]),
  );
  const names = await findPersonNames(db, [...new Set(rows.map((r) => r.person_id))]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteName,
    personId: r.person_id,
    personName: names.get(r.person_id) ?? '',
    status: r.status as DismissalRecommendation['status'],
    months: [months.get(r.first_assessment_id), months.get(r.second_assessment_id)].filter((m): m is Assessment => !!m),
    reason: r.reason,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    createdAt: Number(r.created_at),
  }));
}

/** The site manager who signed the months reads them too; only a company admin decides. */
export async function listRecommendations(deps: Deps, actor: Actor, siteId: string): Promise<DismissalRecommendation[]> {
  requireSiteRole(actor, siteId, ROLE_GROUPS.siteManagers);
  const site = await siteOf(deps.db, siteId);
  return toRecommendations(deps.db, await listRecommendationsOfSite(deps.db, siteId, 100), site.name);
}

/** A person decides: dismiss or keep, with a reason. Recorded and audited; no account changes here. */
export async function decideRecommendation(
  deps: Deps,
  actor: Actor,
  siteId: string,
  recommendationId: string,
  body: RecommendationDecisionBody,
): Promise<DismissalRecommendation> {
  requireSiteRole(actor, siteId, ['company_admin']);
  const reason = requireReason(body.reason);
  const site = await siteOf(deps.db, siteId);
  return inTransaction(deps, async (tx) => {
    const row = await findRecommendation(tx.trx, siteId, recommendationId);
    if (!row) throw new AppError('RECOMMENDATION_NOT_FOUND', { params: { recommendationId } });
    const patch = { status: body.decision, reason, decided_by: actor.personId, decided_at: tx.now };
    if (!(await decideRecommendationRow(tx.trx, row.id, patch)))
      throw new AppError('RECOMMENDATION_ALREADY_DECIDED', { message: 'This recommendation has been decided' });
    await recordAudit(tx, actorRef(actor), {
      siteId,
      action: 'assessment.recommendation_decided',
      entityType: 'person',
      entityId: row.person_id,
      detail: { recommendationId: row.id, decision: body.decision, reason, months: [row.first_month, row.second_month] },
    });
    return (await toRecommendations(tx.trx, [{ ...row, ...patch }], site.name))[0]!;
  });
}

/** For callers outside a request (the monthly close, the demo): the system as the actor. */
export const systemActor = (companyId: string): ActorRef => ({ personId: null, name: SYSTEM_NAME, companyId, requestId: null });
