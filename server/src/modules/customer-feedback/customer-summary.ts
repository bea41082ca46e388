/**
 * 每日客户信息汇总: the site's customer information of one day, as the manager reads it at closing
 * time. The summary is a list of sections, each built by one function from the exported functions
 * of the module that owns the data; a module adds its section (survey results, complaints) by
 * adding its function to SUMMARY_SECTIONS, and the page shows it without a change of screen.
 */
import type { DailyCustomerSummary, SummaryCount, SummaryEntry, SummarySection } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, instantAt, localParts, weekdayOf } from '../../platform/site-time.js';
import { complaintsOfDay } from '../complaints/index.js';
import { findPersonNames } from '../people/index.js';
import { findPostsByIds } from '../posts/index.js';
import { listOpinionsOn } from '../shift-forms/index.js';
import { DEFAULT_OPENING_HOURS, findSiteRow } from '../sites/index.js';
import { surveyFiguresOfPeriod } from '../surveys/index.js';
import { listVisitsOfPeriod } from '../visits/index.js';
import { answersOf } from './customer-feedback.rules.js';
import { listFormsOn } from './customer-feedback.repository.js';
import type { OpeningHours } from '@anchang/contracts';

/** The day a section describes: the site-local date and its bounds as instants. */
export interface SummaryDay {
  siteId: string;
  date: string;
  timeZone: string;
  /** The site's opening hours that day (HH:MM), for breakdowns by hour. */
  opens: string;
  closes: string;
  /** Site-local midnight starting the day, and the next one. */
  fromMs: number;
  toMs: number;
}

export type SummarySectionBuilder = (db: Kysely<DB>, day: SummaryDay) => Promise<SummarySection>;

/** Entries past this are counted, not listed: the page stays readable on a busy day. */
const MAX_ENTRIES = 50;

const countBy = <T>(items: readonly T[], keyOf: (item: T) => string, labelOf: (key: string) => string | null = () => null): SummaryCount[] => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, label: labelOf(key), count }));
};

const section = (key: string, parts: Partial<Omit<SummarySection, 'key' | 'moreEntries'>>): SummarySection => {
  const entries = parts.entries ?? [];
  return {
    key,
    figures: parts.figures ?? [],
    breakdowns: parts.breakdowns ?? [],
    entries: entries.slice(0, MAX_ENTRIES),
    moreEntries: Math.max(0, entries.length - MAX_ENTRIES),
  };
};

/** Visitors: visits and guests that arrived that day, by hour of arrival, by arrival mode and where each stands. */
export const visitorsSection: SummarySectionBuilder = async (db, day) => {
  const visits = await listVisitsOfPeriod(db, day.siteId, day.fromMs, day.toMs);
  // Every opening hour is listed, an empty one too, so the manager sees the quiet hours; arrivals
  // outside the hours add their own.
  const arrivals = countBy(visits, (v) => localParts(v.arrived_at, day.timeZone).time.slice(0, 2));
  const byHour = new Map(arrivals.map((a) => [a.key, a]));
  for (let h = Number(day.opens.slice(0, 2)); h <= Number(day.closes.slice(0, 2)) && h < 24; h++) {
    const key = String(h).padStart(2, '0');
    if (!byHour.has(key) && (h < Number(day.closes.slice(0, 2)) || day.closes.slice(3) !== '00')) byHour.set(key, { key, label: null, count: 0 });
  }
  return section('visitors', {
    figures: [
      { key: 'visits', value: visits.length },
      { key: 'guests', value: visits.reduce((n, v) => n + v.party_size, 0) },
      { key: 'stillOnSite', value: visits.filter((v) => v.status === 'open').length },
    ],
    breakdowns: [
      { key: 'byHour', items: [...byHour.values()].sort((a, b) => a.key.localeCompare(b.key)) },
      { key: 'arrivalMode', items: countBy(visits, (v) => v.arrival_mode) },
      { key: 'stage', items: countBy(visits, (v) => (v.status === 'open' ? v.stage : 'departed')) },
    ],
  });
};

/** The customer opinions (客户意见) every post recorded that day. */
export const opinionsSection: SummarySectionBuilder = async (db, day) => {
  const opinions = await listOpinionsOn(db, day.siteId, day.date);
  const [people, posts] = await Promise.all([
    findPersonNames(
      db,
      opinions.map((o) => o.person_id),
    ),
    findPostsByIds(
      db,
      opinions.flatMap((o) => (o.post_id ? [o.post_id] : [])),
    ),
  ]);
  const postNames = new Map(posts.map((p) => [p.id, p.name]));
  return section('opinions', {
    figures: [{ key: 'opinions', value: opinions.length }],
    breakdowns: [
      { key: 'category', items: countBy(opinions, (o) => o.category) },
      {
        key: 'post',
        items: countBy(
          opinions,
          (o) => o.post_id ?? 'none',
          (id) => postNames.get(id) ?? null,
        ),
      },
    ],
    entries: opinions.map((o): SummaryEntry => ({
      id: o.id,
      at: o.created_at,
      who: [people.get(o.person_id), o.post_id ? postNames.get(o.post_id) : null].filter(Boolean).join(' · '),
      tag: o.category,
      text: o.text,
    })),
  });
};

/** The feedback forms filed for that day: how many of each, the guides' intention levels, what the customers asked. */
export const feedbackFormsSection: SummarySectionBuilder = async (db, day) => {
  const rows = await listFormsOn(db, day.siteId, day.date);
  const people = await findPersonNames(
    db,
    rows.map((r) => r.person_id),
  );
  const forms = rows.map((r) => ({ row: r, ...answersOf(r) }));
  const model = forms.flatMap((f) => (f.modelRoom ? [f.modelRoom] : []));
  const parking = forms.flatMap((f) => (f.parking ? [f.parking] : []));
  return section('feedback-forms', {
    figures: [
      { key: 'forms', value: forms.length },
      { key: 'modelRoom', value: model.length },
      { key: 'parking', value: parking.length },
      { key: 'complaints', value: parking.filter((p) => p.askKind === 'complaint').length },
    ],
    breakdowns: [
      { key: 'intention', items: countBy(model, (m) => m.intention) },
      { key: 'channel', items: countBy(parking, (p) => p.channel) },
    ],
    entries: forms.map((f): SummaryEntry => ({
      id: f.row.id,
      at: f.row.created_at,
      who: people.get(f.row.person_id) ?? '',
      tag: f.row.kind,
      text: f.modelRoom
        ? [f.modelRoom.customerRef, f.modelRoom.unitType, f.modelRoom.notes].filter(Boolean).join(' · ')
        : [f.parking!.origin, f.parking!.askText, f.parking!.remarks].filter(Boolean).join(' · '),
    })),
  });
};

/** The survey answers given that day: how many, the average rating and NPS, the three NPS groups, ratings per post. */
export const surveysSection: SummarySectionBuilder = async (db, day) => {
  const s = await surveyFiguresOfPeriod(db, day.siteId, day.fromMs, day.toMs);
  const posts = await findPostsByIds(
    db,
    s.byPost.map((p) => p.postId),
  );
  const postNames = new Map(posts.map((p) => [p.id, p.name]));
  return section('surveys', {
    // A day without answers has no average and no NPS: left out rather than shown as 0.
    figures: [
      { key: 'answers', value: s.answers },
      ...(s.averageRating === null ? [] : [{ key: 'averageRating', value: s.averageRating }]),
      ...(s.nps === null ? [] : [{ key: 'nps', value: s.nps }]),
    ],
    breakdowns: [
      {
        key: 'npsGroup',
        items: [
          { key: 'promoters', label: null, count: s.promoters },
          { key: 'passives', label: null, count: s.passives },
          { key: 'detractors', label: null, count: s.detractors },
        ].filter((i) => i.count > 0),
      },
      { key: 'ratingsByPost', items: s.byPost.map((p) => ({ key: p.postId, label: postNames.get(p.postId) ?? p.postKind, count: p.ratings })) },
    ],
  });
};

/** Complaints: the day's new ones (category, severity, what happened; never the complainant's phone), and the open and overdue backlog. */
export const complaintsSection: SummarySectionBuilder = async (db, day) => {
  const c = await complaintsOfDay(db, day.siteId, day.fromMs, day.toMs);
  return section('complaints', {
    figures: [
      { key: 'received', value: c.received.length },
      { key: 'open', value: c.open },
      { key: 'overdue', value: c.overdue },
    ],
    breakdowns: [
      { key: 'complaintCategory', items: countBy(c.received, (r) => r.category) },
      { key: 'complaintSeverity', items: countBy(c.received, (r) => r.severity) },
    ],
    entries: c.received.map((r): SummaryEntry => ({
      id: r.id,
      at: r.receivedAt,
      who: [`#${r.number}`, r.filedByName].filter(Boolean).join(' · '),
      // Both keys in one tag, "severity:category", for the page to name in the reader's language.
      tag: `${r.severity}:${r.category}`,
      text: r.description,
    })),
  });
};

/** The sections, in the order the page shows them. */
export const SUMMARY_SECTIONS: readonly SummarySectionBuilder[] = [
  visitorsSection,
  opinionsSection,
  feedbackFormsSection,
  surveysSection,
  complaintsSection,
];

export const openingHoursOf = (site: { opening_hours: string }): OpeningHours => {
  try {
    return JSON.parse(site.opening_hours) as OpeningHours;
  } catch {
    return DEFAULT_OPENING_HOURS;
  }
};

/** The instant the site closes on `date` (its closing time, in its time zone). */
export const closingInstant = (site: { opening_hours: string; time_zone: string }, date: string): number =>
  instantAt(date, openingHoursOf(site).close, site.time_zone);

/** The site's customer summary of one site-local day, computed from what is stored now. Null if there is no such site. */
export async function buildDailyCustomerSummary(db: Kysely<DB>, siteId: string, date: string): Promise<DailyCustomerSummary | null> {
  const site = await findSiteRow(db, siteId);
  if (!site) return null;
  const hours = openingHoursOf(site);
  const day: SummaryDay = {
    siteId,
    date,
    timeZone: site.time_zone,
    opens: hours.open,
    closes: hours.close,
    fromMs: instantAt(date, '00:00', site.time_zone),
    toMs: instantAt(addDays(date, 1), '00:00', site.time_zone),
  };
  const sections: SummarySection[] = [];
  for (const build of SUMMARY_SECTIONS) sections.push(await build(db, day));
  return {
    siteId,
    date,
    timeZone: site.time_zone,
    closingTime: hours.close,
    isClosedDay: hours.closedWeekdays.includes(weekdayOf(date)),
    sections,
  };
}

/** A section's figure by key (0 when absent): for the notification's one-line digest. */
export const figureOf = (summary: DailyCustomerSummary, sectionKey: string, figureKey: string): number =>
  summary.sections.find((s) => s.key === sectionKey)?.figures.find((f) => f.key === figureKey)?.value ?? 0;
