/**
 * The report's figures, frozen: the month's site figures (site-figures module) as they stand when
 * the draft is generated, stored as JSON so the report the client reads does not move when the
 * records are corrected later. `version` lets a later shape be read beside the old ones.
 */
import type { SiteFigures } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { instantAt } from '../../platform/site-time.js';
import { siteFiguresOfPeriod } from '../site-figures/index.js';
import { surveyFiguresOfPeriod } from '../surveys/index.js';
import { monthBounds, previousMonth } from './client-reports.rules.js';

/** The month before's survey headline, frozen beside the month so the report can show the trend. */
export interface PreviousSatisfaction {
  month: string;
  answers: number;
  averageRating: number | null;
  nps: number | null;
}

export interface ReportSnapshot {
  version: 1;
  figures: SiteFigures;
  /** Absent in reports frozen before the surveys existed. */
  previousSatisfaction?: PreviousSatisfaction;
}

export async function freezeFigures(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string, now: number): Promise<string> {
  const figures = await siteFiguresOfPeriod(db, siteId, fromDate, toDate, now);
  // Only the headline of the month before: the trend needs no more, and a whole second figures run would double the cost.
  const month = previousMonth(fromDate.slice(0, 7));
  const before = monthBounds(month);
  const tz = figures.timeZone;
  const previous = await surveyFiguresOfPeriod(db, siteId, instantAt(before.fromDate, '00:00', tz), instantAt(fromDate, '00:00', tz));
  const snapshot: ReportSnapshot = {
    version: 1,
    figures,
    previousSatisfaction: { month, answers: previous.answers, averageRating: previous.averageRating, nps: previous.nps },
  };
  return JSON.stringify(snapshot);
}

export const readSnapshot = (json: string): ReportSnapshot => JSON.parse(json) as ReportSnapshot;
