/**
 * Time to acknowledge hand-offs over a span (the day board): per receiving post and per person
 * who took them. A consultant's claim is a hand-off acknowledged at the instant it is sent, by
 * its sender: no waiting to measure, left out.
 */
import type { HandoffAckFigures, HandoffTarget } from '@anchang/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findPersonNames } from '../people/index.js';
import { readChainSettings } from './handoff-limits.js';
import { countClosedAtDayEnd, listHandoffsSentBetween } from './visit-chain.repository.js';

const TARGET_ORDER: HandoffTarget[] = ['hall', 'consultant', 'bar', 'shuttle', 'model_room', 'departure'];

export async function handoffAckFigures(db: Kysely<DB>, siteId: string, from: number, to: number): Promise<HandoffAckFigures> {
  const [rows, settings, closedAtDayEnd] = await Promise.all([
    listHandoffsSentBetween(db, siteId, from, to),
    readChainSettings(db, siteId),
    countClosedAtDayEnd(db, siteId, from, to),
  ]);
  const handoffs = rows
    .filter((h) => !(h.acked_by === h.sent_by && Number(h.acked_at) === Number(h.sent_at)))
    .map((h) => ({ ...h, waitMs: h.acked_at === null ? null : Number(h.acked_at) - Number(h.sent_at) }));
  const byPost = TARGET_ORDER.flatMap((target) => {
    const of = handoffs.filter((h) => h.to_target === target);
    if (of.length === 0) return [];
    const waits = of.flatMap((h) => (h.waitMs === null ? [] : [h.waitMs]));
    return [
      {
        to: target,
        sent: of.length,
        acked: waits.length,
        rerung: of.filter((h) => h.rung_at !== null && h.rung_at !== undefined).length,
        waiting: of.length - waits.length,
        avgMs: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
        maxMs: waits.length ? Math.max(...waits) : null,
      },
    ];
  });
  const perPerson = new Map<string, number[]>();
  for (const h of handoffs) if (h.acked_by && h.waitMs !== null) perPerson.set(h.acked_by, [...(perPerson.get(h.acked_by) ?? []), h.waitMs]);
  const names = await findPersonNames(db, [...perPerson.keys()]);
  const byPerson = [...perPerson.entries()]
    .map(([personId, waits]) => ({
      personId,
      personName: names.get(personId) ?? '',
      acked: waits.length,
      avgMs: Math.round(waits.reduce((a, b) => a + b, 0) / waits.length),
      maxMs: Math.max(...waits),
    }))
    .sort((a, b) => b.avgMs - a.avgMs || a.personName.localeCompare(b.personName));
  return { byPost, byPerson, ackLimitSeconds: settings.ackLimitSeconds, closedAtDayEnd };
}

export const countVisitsClosedAtDayEnd = countClosedAtDayEnd;
