/**
 * The demo's past month of meetings, written through the same services the console and the
 * phones call: a debrief at the close of most days (a couple are missing, as on a real site),
 * a weekly review each Friday (one week skipped), action items given to staff, most done by
 * their owners a day or few later, some left open past their due day.
 */
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { addDays, instantAt, mondayOf, weekdayOf } from '../../platform/site-time.js';
import { addActionItem, closeMeeting, completeActionItem, correctAttendance, openDebrief, openReview, saveMinutes } from './meetings.service.js';

const OWNER_LOGINS = ['hall', 'bar', 'park', 'shuttle', 'model', 'tech', 'security', 'clean', 'green', 'supervisor'] as const;

const DEBRIEF_MINUTES = [
  '今日接待顺畅,午间客流高峰时大厅补位及时。明日重点:水吧补货、停车场引导。',
  '样板房鞋套摆放不齐,已现场纠正。提醒各岗签退前完成下班检查表。',
  '下午一组客户等候超过10分钟,复盘交接流程:接待岗须在5分钟内通知置业顾问。',
  '保洁洗手间巡查按时完成;空调出风口异响已报修。',
  '雨天伞架不足,明日增加一个;车场岗注意雨天引导减速。',
];

const ACTION_TEXTS = [
  '补齐水吧一次性杯子和茶包',
  '更换样板房门口破损鞋套盒',
  '复核停车场指示牌夜间照明',
  '整理前台资料架,补充户型图册',
  '检查洗手间百宝箱物品并补齐',
  '跟进空调出风口异响的报修结果',
  '演练突发事件处理流程并记录',
  '核对班车时刻表并张贴到大厅',
];

const REVIEW_MINUTES = [
  '本周服务点评:迎宾问候规范执行良好;异常多为物资补给,已落实专人盘点。',
  '本周客户意见集中在等候时间,下周起高峰时段增派一名接待。',
  '本周巡查漏检两次,已约谈相关岗位;待办事项逐项跟进至完成。',
];

const pick = <T>(ctx: DemoHistoryContext, list: readonly T[]): T => list[Math.floor(ctx.random() * list.length)]!;

export async function seedMeetingsDemoHistory(ctx: DemoHistoryContext): Promise<void> {
  const manager = await ctx.actorFor('manager');
  const owners = OWNER_LOGINS.filter((login) => ctx.personIdByLogin[login]);
  const at = (date: string, time: string) => instantAt(date, time, ctx.timeZone);
  // Two days of the past month without a debrief, whatever the random draw: the compliance view has gaps to show.
  const missingDays = new Set([ctx.days[Math.floor(ctx.days.length / 3)], ctx.days[Math.floor((ctx.days.length * 2) / 3)]]);
  // And one week without its review.
  const skippedReviewWeek = ctx.days.length > 14 ? mondayOf(ctx.days[10]!) : undefined;
  const pending: { itemId: string; ownerLogin: string; doneOn: string }[] = [];

  for (const date of ctx.days) {
    // Owners close their items in the morning, before the day's new ones are given.
    for (const p of pending.filter((x) => x.doneOn === date)) {
      ctx.clock.set(at(date, '10:15') + Math.floor(ctx.random() * 90) * 60_000);
      await completeActionItem(ctx.deps, await ctx.actorFor(p.ownerLogin), ctx.siteId, p.itemId);
    }
    // Friday's review at 17:00 comes before the day's debrief at 18:00: the clock only moves forward.
    if (weekdayOf(date) === 5 && mondayOf(date) !== skippedReviewWeek) {
      ctx.clock.set(at(date, '17:00'));
      const review = await openReview(ctx.deps, manager, ctx.siteId, { date });
      await saveMinutes(ctx.deps, manager, ctx.siteId, review.meeting.id, pick(ctx, REVIEW_MINUTES));
      if (owners.length > 0) {
        const ownerLogin = pick(ctx, owners);
        const item = await addActionItem(ctx.deps, manager, ctx.siteId, review.meeting.id, {
          text: pick(ctx, ACTION_TEXTS),
          ownerId: ctx.personIdByLogin[ownerLogin]!,
          dueDate: addDays(date, 7),
        });
        if (ctx.random() < 0.6) pending.push({ itemId: item.id, ownerLogin, doneOn: addDays(date, 3 + Math.floor(ctx.random() * 4)) });
      }
      ctx.clock.advance(40 * 60_000);
      await closeMeeting(ctx.deps, manager, ctx.siteId, review.meeting.id);
    }
    if (!missingDays.has(date) && ctx.random() > 0.04) {
      ctx.clock.set(at(date, '18:05') + Math.floor(ctx.random() * 20) * 60_000);
      const debrief = await openDebrief(ctx.deps, manager, ctx.siteId, { date });
      ctx.clock.advance(5 * 60_000);
      // Someone who said no at clock-out was in fact excused (a hospital visit approved in advance).
      const absentee = debrief.attendance.find((a) => a.status === 'absent');
      if (absentee && ctx.random() < 0.3) await correctAttendance(ctx.deps, manager, ctx.siteId, debrief.meeting.id, absentee.personId, 'excused');
      await saveMinutes(ctx.deps, manager, ctx.siteId, debrief.meeting.id, pick(ctx, DEBRIEF_MINUTES));
      if (owners.length > 0 && ctx.random() < 0.45) {
        const ownerLogin = pick(ctx, owners);
        const daysToDue = 1 + Math.floor(ctx.random() * 4);
        const dueDate = addDays(date, daysToDue);
        const item = await addActionItem(ctx.deps, manager, ctx.siteId, debrief.meeting.id, {
          text: pick(ctx, ACTION_TEXTS),
          ownerId: ctx.personIdByLogin[ownerLogin]!,
          dueDate,
        });
        // Most are done on time, a few late, some not at all (they show as overdue).
        const draw = ctx.random();
        if (draw < 0.65) pending.push({ itemId: item.id, ownerLogin, doneOn: addDays(date, 1 + Math.floor(ctx.random() * daysToDue)) });
        else if (draw < 0.85) pending.push({ itemId: item.id, ownerLogin, doneOn: addDays(dueDate, 2) });
      }
      ctx.clock.advance(15 * 60_000);
      await closeMeeting(ctx.deps, manager, ctx.siteId, debrief.meeting.id);
    }
  }
}
