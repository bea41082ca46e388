/**
 * The monitoring role's daily plan (设立服务监控岗位,每日巡查): the site's setting names the posts
 * and how many inspections each needs a day. A day is measured like rounds: on an open day each
 * planned post is due its count, done counts up to it, and once the day is over the rest is missed.
 */
import { planDayFigures, type InspectionCompliance, type InspectionPlanDay, type PostKind } from '@anchang/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { requireSiteRole } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import { addDays, isValidDate, localParts, weekdayOf } from '../../platform/site-time.js';
import type { Deps } from '../../platform/tx.js';
import { listPostsOfSite } from '../posts/index.js';
import { findSiteRow } from '../sites/index.js';
import { INSPECTORS } from './inspections.policy.js';
import { countInspectionsPerPostAndDay } from './inspections.repository.js';
import { onDutyByPost, readInspectionSettings } from './inspections.service.js';

const MAX_RANGE_DAYS = 62;

async function siteDays(deps: Deps, siteId: string) {
  const site = await findSiteRow(deps.db, siteId);
  if (!site) throw new AppError('SITE_NOT_FOUND');
  const closed = (JSON.parse(site.opening_hours) as { closedWeekdays?: number[] }).closedWeekdays ?? [];
  const today = localParts(deps.clock.now(), site.time_zone).date;
  return { today, isOpen: (date: string) => !closed.includes(weekdayOf(date)) };
}

export async function inspectionPlanDay(deps: Deps, actor: Actor, siteId: string, date?: string): Promise<InspectionPlanDay> {
  requireSiteRole(actor, siteId, INSPECTORS);
  const days = await siteDays(deps, siteId);
  const day = date ?? days.today;
  if (!isValidDate(day)) throw new AppError('VALIDATION_FAILED', { params: { field: 'date' } });
  const [settings, posts, counts, onDuty] = await Promise.all([
    readInspectionSettings(deps.db, siteId),
    listPostsOfSite(deps.db, siteId),
    countInspectionsPerPostAndDay(deps.db, siteId, day, day),
    onDutyByPost(deps.db, siteId, day),
  ]);
  const timesOf = new Map(settings.plan.map((l) => [l.postId, l.timesPerDay]));
  const countOf = new Map(counts.map((c) => [c.postId, c.count]));
  const isOver = day < days.today;
  const isOpen = days.isOpen(day);
  const rows = posts
    .filter((p) => p.kind !== 'MANAGER')
    .map((p) => {
      const timesPerDay = timesOf.get(p.id) ?? 0;
      const f = planDayFigures({ timesPerDay, inspections: countOf.get(p.id) ?? 0, isOpenDay: isOpen, isOver });
      return {
        postId: p.id,
        postKind: p.kind as PostKind,
        postName: p.name,
        timesPerDay,
        ...f,
        done: countOf.get(p.id) ?? 0,
        onDuty: onDuty.get(p.id) ?? [],
      };
    })
    // Planned posts first, the most left to do on top; then the posts someone is on today.
    .sort(
      (a, b) =>
        b.timesPerDay - a.timesPerDay ||
        b.remaining - a.remaining ||
        Number(b.onDuty.length > 0) - Number(a.onDuty.length > 0) ||
        a.postName.localeCompare(b.postName),
    );
  const planned = rows.filter((r) => r.timesPerDay > 0);
  return {
    date: day,
    isOver,
    isOpen,
    due: planned.reduce((n, r) => n + r.due, 0),
    done: planned.reduce((n, r) => n + Math.min(r.done, r.due), 0),
    missed: planned.reduce((n, r) => n + r.missed, 0),
    posts: rows,
  };
}

export async function inspectionCompliance(deps: Deps, actor: Actor, siteId: string, from: string, to: string): Promise<InspectionCompliance> {
  requireSiteRole(actor, siteId, INSPECTORS);
  if (!isValidDate(from) || !isValidDate(to) || from > to || addDays(from, MAX_RANGE_DAYS) < to)
    throw new AppError('DATE_RANGE_INVALID', { message: `From before to, at most ${MAX_RANGE_DAYS} days`, params: { from, to } });
  const days = await siteDays(deps, siteId);
  const [settings, counts] = await Promise.all([readInspectionSettings(deps.db, siteId), countInspectionsPerPostAndDay(deps.db, siteId, from, to)]);
  const countOf = new Map(counts.map((c) => [`${c.postId}:${c.date}`, c.count]));
  const out: InspectionCompliance['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    // Days still to come are not measured yet.
    if (d > days.today) break;
    const figures = settings.plan.map((l) =>
      planDayFigures({
        timesPerDay: l.timesPerDay,
        inspections: countOf.get(`${l.postId}:${d}`) ?? 0,
        isOpenDay: days.isOpen(d),
        isOver: d < days.today,
      }),
    );
    out.push({
      date: d,
      due: figures.reduce((n, f) => n + f.due, 0),
      done: figures.reduce((n, f) => n + f.done, 0),
      missed: figures.reduce((n, f) => n + f.missed, 0),
    });
  }
  return {
    from,
    to,
    due: out.reduce((n, d) => n + d.due, 0),
    done: out.reduce((n, d) => n + d.done, 0),
    missed: out.reduce((n, d) => n + d.missed, 0),
    days: out,
  };
}
