/**
 * The demo's assessment history: once the other modules have written the past month, the monthly
 * close computes it, the manager adjusts a line where the figures call for a word, and signs
 * every month; the current month so far is computed too, so the console's table is not empty.
 * Through the same services the console calls, at believable instants.
 */
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { instantAt } from '../../platform/site-time.js';
import { previousMonth } from './assessment.rules.js';
import { adjustLine, computeMonth, currentMonthAt, listMonth, signAssessment } from './assessment.service.js';

export async function seedAssessmentDemoHistory(ctx: DemoHistoryContext): Promise<void> {
  const startedAt = ctx.clock.now();
  const thisMonth = currentMonthAt(startedAt, ctx.timeZone);
  const lastMonth = previousMonth(thisMonth);
  const manager = await ctx.actorFor('manager');
  try {
    // The 1st, early morning: the month before is closed.
    ctx.clock.set(Math.min(startedAt, instantAt(`${thisMonth}-01`, '09:10', ctx.timeZone)));
    await computeMonth(ctx.deps, manager, ctx.siteId, lastMonth);
    const { items } = await listMonth(ctx.deps, manager, ctx.siteId, lastMonth);
    for (const a of items) {
      ctx.clock.advance(Math.round(2 + ctx.random() * 6) * 60_000);
      // Where a no-show had a reason the records cannot know (a sick note), the manager gives some points back.
      const punctuality = a.lines.find((l) => l.key === 'punctuality');
      if (a.figures.noShows > 0 && punctuality && punctuality.points < punctuality.weight && ctx.random() < 0.5) {
        await adjustLine(ctx.deps, manager, ctx.siteId, a.id, {
          line: 'punctuality',
          points: Math.min(punctuality.weight, punctuality.points + 5),
          reason: '病假有医院证明 Sick leave with a doctor’s note',
        });
      }
      await signAssessment(ctx.deps, manager, ctx.siteId, a.id);
    }
    // And the current month so far, as the console's "compute now" would.
    ctx.clock.set(startedAt);
    if (thisMonth !== lastMonth) await computeMonth(ctx.deps, manager, ctx.siteId, thisMonth);
  } finally {
    ctx.clock.set(startedAt);
  }
}
