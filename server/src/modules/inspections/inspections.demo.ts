/**
 * The demo's inspection history, written through the same services the phone calls: the daily
 * plan set by the manager, the supervisor inspecting the planned posts most days (the manager
 * now and then on a mystery visit), a few failed items, and their rectifications carried through
 * every state: accepted fixes, second rectifications, fixes after the deadline, closures with the
 * deduction kept, and the last days' ones still open (one of them left to go overdue).
 */
import type { InspectionPlanLine, RectificationAction } from '@anchang/contracts';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { newId } from '../../platform/ids.js';
import { instantAt } from '../../platform/site-time.js';
import { listPostsOfSite } from '../posts/index.js';
import { getInspectionForm, moveRectification, submitInspection, updateInspectionSettings } from './inspections.service.js';

const PLAN: Readonly<Record<string, number>> = { HALL: 2, PARK: 1, MODEL: 1, BAR: 1 };
/** The demo login who holds each planned post. */
const PERSON_OF_POST: Readonly<Record<string, string>> = { HALL: 'hall', PARK: 'park', MODEL: 'model', BAR: 'bar' };

export async function seedInspectionsDemoHistory(ctx: DemoHistoryContext): Promise<{ inspections: number; rectifications: number }> {
  const { deps, clock, siteId, timeZone, days } = ctx;
  const [manager, supervisor] = [await ctx.actorFor('manager'), await ctx.actorFor('supervisor')];
  const posts = (await listPostsOfSite(deps.db, siteId)).filter((p) => PLAN[p.kind] !== undefined && ctx.personIdByLogin[PERSON_OF_POST[p.kind]!]);
  if (posts.length === 0 || days.length === 0) return { inspections: 0, rectifications: 0 };
  clock.set(instantAt(days[0]!, '08:00', timeZone));
  const plan: InspectionPlanLine[] = posts.map((p) => ({ postId: p.id, timesPerDay: PLAN[p.kind]! }));
  await updateInspectionSettings(deps, manager, siteId, { rectifyHours: 24, waiveDeductionWhenDone: false, standardItemPoints: 2, plan });

  let inspections = 0;
  let rectifications = 0;
  const at = (day: string, minutes: number) => instantAt(day, '09:00', timeZone) + minutes * 60_000;
  for (const [index, day] of days.entries()) {
    const daysLeft = days.length - 1 - index;
    // Most days are inspected; a few are missed altogether (the plan shows them).
    if (daysLeft > 2 && ctx.random() < 0.12) continue;
    let minute = Math.floor(ctx.random() * 60);
    for (const post of posts) {
      const times = ctx.random() < 0.8 ? PLAN[post.kind]! : PLAN[post.kind]! - 1;
      for (let n = 0; n < times; n++) {
        minute += 40 + Math.floor(ctx.random() * 150);
        clock.set(at(day, minute));
        const isMystery = ctx.random() < 0.06;
        const inspector = isMystery ? manager : supervisor;
        const personId = ctx.personIdByLogin[PERSON_OF_POST[post.kind]!]!;
        const form = await getInspectionForm(deps, inspector, siteId, post.id);
        // The last three days keep one failure each, so the open states are on show.
        const mustFail = daysLeft <= 3 && n === 0 && post.kind === 'HALL';
        const items = form.items.map((item, i) => {
          const failed = (mustFail && i === 0) || ctx.random() < 0.04;
          return failed
            ? { itemId: item.itemId, passed: false, deduction: 1 + Math.floor(ctx.random() * item.points), note: failNote(ctx, item.itemId) }
            : { itemId: item.itemId, passed: true };
        });
        const { inspection } = await submitInspection(deps, inspector, siteId, {
          id: newId(clock.now()),
          postId: post.id,
          personId,
          isMystery,
          items,
        });
        inspections++;
        const person = await ctx.actorFor(PERSON_OF_POST[post.kind]!);
        for (const r of inspection.rectifications) {
          rectifications++;
          await playRectification(ctx, { rectificationId: r.id, inspectedAt: clock.now(), daysLeft, person, inspector, mustFail });
        }
        clock.set(at(day, minute));
      }
    }
  }
  return { inspections, rectifications };
}

/** What the inspector wrote, fitting the item that failed (a standard's own item gets a general note). */
const NORM_FAIL_NOTES: Record<string, string> = {
  'NORM-BI-APPEARANCE': '工牌未佩戴在规定位置',
  'NORM-STANCE-SMILE': '站姿松懈,倚靠台面',
  'NORM-GREET-3M': '未在 3 米处主动迎宾',
  'NORM-BOW-15': '鞠躬角度不足',
  'NORM-LEAD-1-2M': '引领时距离客户过远',
  'NORM-SALUTE-1_5M': '未在 1.5 米处敬礼',
  'NORM-PARK-SALUTE-DOOR': '未为客户开车门',
  'NORM-BOW-30': '送别鞠躬角度不足',
  'NORM-SEE-OFF': '未目送客户离开',
  'NORM-7S': '台面有水渍未及时清理',
};
const GENERAL_FAIL_NOTES = ['未按岗位标准完成', '执行不到位,已当场提醒'];
const failNote = (ctx: DemoHistoryContext, itemId: string) => NORM_FAIL_NOTES[itemId] ?? pick(ctx, GENERAL_FAIL_NOTES);
const FIX_NOTES = ['已重新培训并演练', '已整改,请复查', '台面已清理,物品归位', '已按标准执行'];

function pick<T>(ctx: DemoHistoryContext, list: readonly T[]): T {
  return list[Math.floor(ctx.random() * list.length)]!;
}

/** One rectification's life: most are fixed in time and accepted; some take two rounds, some are late or never fixed. */
async function playRectification(
  ctx: DemoHistoryContext,
  r: {
    rectificationId: string;
    inspectedAt: number;
    daysLeft: number;
    person: Awaited<ReturnType<DemoHistoryContext['actorFor']>>;
    inspector: Awaited<ReturnType<DemoHistoryContext['actorFor']>>;
    mustFail: boolean;
  },
): Promise<void> {
  const { deps, clock, siteId } = ctx;
  const step = async (who: typeof r.person, action: RectificationAction, hoursAfter: number, note?: string) => {
    clock.set(r.inspectedAt + Math.round(hoursAfter * 3_600_000));
    await moveRectification(deps, who, siteId, r.rectificationId, action, note ? { note } : {});
  };
  if (r.mustFail) {
    // Yesterday's stays 待整改; the day before's waits on its re-check (待复查); the one before is in its
    // second round (二次整改); three days ago's went unfixed and is overdue.
    if (r.daysLeft === 1) await step(r.person, 'fix', 3, pick(ctx, FIX_NOTES));
    if (r.daysLeft === 2) {
      await step(r.person, 'fix', 2, pick(ctx, FIX_NOTES));
      await step(r.inspector, 'redo', 5, '仍未达标,请再次整改');
    }
    return;
  }
  const roll = ctx.random();
  if (roll < 0.55) {
    await step(r.person, 'fix', 2 + ctx.random() * 6, pick(ctx, FIX_NOTES));
    await step(r.inspector, 'pass', 20);
  } else if (roll < 0.75) {
    await step(r.person, 'fix', 3, pick(ctx, FIX_NOTES));
    await step(r.inspector, 'redo', 6, '仍未达标,请再次整改');
    await step(r.person, 'fix', 10, pick(ctx, FIX_NOTES));
    await step(r.inspector, ctx.random() < 0.7 ? 'pass' : 'close', 22);
  } else if (roll < 0.9) {
    // Fixed after the 24-hour deadline: counted overdue.
    await step(r.person, 'fix', 30, pick(ctx, FIX_NOTES));
    await step(r.inspector, 'pass', 34);
  } else {
    await step(r.inspector, 'close', 48, '逾期未整改,扣分关闭');
  }
}
