/**
 * The report's figures, frozen: the month's site figures (site-figures module) as they stand when
 * the draft is generated, stored as JSON so the report the client reads does not move when the
 * records are corrected later. `version` lets a later shape be read beside the old ones.
 */
import type { SiteFigures } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { siteFiguresOfPeriod } from '../site-figures/index.js';

export interface ReportSnapshot {
  version: 1;
  figures: SiteFigures;
}

export async function freezeFigures(db: Kysely<DB>, siteId: string, fromDate: string, toDate: string, now: number): Promise<string> {
  const snapshot: ReportSnapshot = { version: 1, figures: await siteFiguresOfPeriod(db, siteId, fromDate, toDate, now) };
  return JSON.stringify(snapshot);
}

export const readSnapshot = (json: string): ReportSnapshot => JSON.parse(json) as ReportSnapshot;
