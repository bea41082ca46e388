/**
 * The demo's complaints, written through the same services the phone and the console call: a
 * complaint every few days, filed from a staff phone, the console or the client viewer, given to
 * an owner, noted, the result reported back by the channel it went by and a follow-up call; most
 * close satisfied, a few are reopened, one went past its deadline; the last days' still open.
 */
import { COMPLAINT_CATEGORIES, type ComplaintCategory, type ComplaintChannel, type ComplaintSeverity } from '@anchang/contracts';
import type { DemoHistoryContext } from '../../db/seed/demo-history-context.js';
import { instantAt } from '../../platform/site-time.js';
import { listPostsOfSite } from '../posts/index.js';
import { fileComplaintAs, moveComplaint } from './complaints.service.js';

const STORIES: Readonly<Record<ComplaintCategory, string[]>> = {
  attitude: ['客户反映前台接待时一直看手机,询问两次才有人回应', '讲解员介绍户型时语气不耐烦,客户感到被怠慢'],
  waiting: ['周末看房高峰,客户在大厅等置业顾问超过 20 分钟无人安排', '电瓶车等候 15 分钟未到,客户自行步行去样板房'],
  cleanliness: ['洗手间地面有积水,纸巾用完无人补充', '样板房卧室地毯有明显污渍'],
  facilities: ['大厅空调不制冷,客户抱怨太热', '样板房入口感应门失灵,客户被夹到手提包'],
  parking: ['车场无人指引,客户绕了两圈才找到车位', '客户车辆被其他车辆堵住,车场岗长时间联系不到车主'],
  safety: ['展示区台阶没有防滑提示,老人险些滑倒', '施工区域围挡有缺口,儿童跑进去'],
  other: ['客户反映宣传资料上的交房时间与置业顾问所说不一致'],
};
/** The post a complaint of each kind usually concerns. */
const POST_OF_CATEGORY: Readonly<Partial<Record<ComplaintCategory, string>>> = {
  attitude: 'HALL',
  waiting: 'HALL',
  cleanliness: 'CLEAN',
  parking: 'PARK',
  safety: 'SECURITY',
};
const RESULTS = [
  '已向客户电话致歉,并对当班人员进行服务规范再培训',
  '已安排专人处理并整改到位,向客户说明了改进措施',
  '已调整排班,高峰时段增加人手,并赠送客户小礼品致歉',
];
const NOTES = ['已调取监控核实经过', '已与当班人员面谈了解情况', '已联系工程部现场查看'];
const CHANNELS: ComplaintChannel[] = ['phone', 'phone', 'wechat', 'sms', 'in_person'];

const pick = <T>(ctx: DemoHistoryContext, list: readonly T[]): T => list[Math.floor(ctx.random() * list.length)]!;

export async function seedComplaintsDemoHistory(ctx: DemoHistoryContext): Promise<{ complaints: number }> {
  const { deps, clock, siteId, timeZone, days } = ctx;
  const logins = ['manager', 'supervisor', 'hall', 'park', 'client'].filter((l) => ctx.personIdByLogin[l]);
  if (!logins.includes('manager') || !logins.includes('supervisor') || days.length === 0) return { complaints: 0 };
  const [manager, supervisor] = [await ctx.actorFor('manager'), await ctx.actorFor('supervisor')];
  const posts = await listPostsOfSite(deps.db, siteId);
  const filers = ['hall', 'park', 'client', 'manager'].filter((l) => logins.includes(l));
  const owners = ['supervisor', 'hall', 'park'].filter((l) => logins.includes(l));
  let complaints = 0;
  for (const [index, day] of days.entries()) {
    const daysLeft = days.length - 1 - index;
    if (ctx.random() > 0.45 && daysLeft > 1) continue;
    const category = pick(ctx, COMPLAINT_CATEGORIES);
    const severity: ComplaintSeverity = ctx.random() < 0.12 ? 'urgent' : ctx.random() < 0.3 ? 'serious' : 'normal';
    const filerLogin = pick(ctx, filers);
    const filer = await ctx.actorFor(filerLogin);
    const post = posts.find((p) => p.kind === POST_OF_CATEGORY[category]);
    const start = instantAt(day, '10:00', timeZone) + Math.floor(ctx.random() * 5 * 60) * 60_000;
    clock.set(start);
    const withPhone = ctx.random() < 0.7;
    const filed = await fileComplaintAs(deps, filer, siteId, {
      via: filerLogin === 'manager' ? 'console' : 'staff',
      complainantName: ctx.random() < 0.8 ? pick(ctx, ['王先生', '李女士', '张先生', '陈女士', '刘先生']) : undefined,
      complainantPhone: withPhone ? `139${String(10_000_000 + Math.floor(ctx.random() * 89_999_999))}` : undefined,
      phoneConsent: withPhone ? true : undefined,
      category,
      severity,
      description: pick(ctx, STORIES[category]),
      postId: post?.id,
    });
    complaints++;
    // Results go back within the working day (urgent within the hour); now and then a normal one
    // only the next day, past its deadline. The follow-up call is the next day at the same time.
    const resultAfter = severity === 'urgent' ? 1 : severity === 'serious' ? 2 : ctx.random() < 0.2 ? 25 : 3;
    const step = async (after: number, run: () => Promise<unknown>) => {
      clock.set(start + Math.round(after * 3_600_000));
      await run();
    };
    const ownerLogin = pick(ctx, owners);
    const owner = await ctx.actorFor(ownerLogin);
    // Today's waits for an owner; yesterday's is being handled.
    if (daysLeft === 0) continue;
    await step(0.3, () => moveComplaint(deps, manager, siteId, filed.id, { action: 'assign', ownerId: owner.personId }));
    await step(0.8, () => moveComplaint(deps, owner, siteId, filed.id, { action: 'note', note: pick(ctx, NOTES) }));
    if (daysLeft <= 1) continue;
    await step(resultAfter, () =>
      moveComplaint(deps, owner, siteId, filed.id, { action: 'report_result', resultText: pick(ctx, RESULTS), channel: pick(ctx, CHANNELS) }),
    );
    if (daysLeft <= 3) continue;
    const satisfied = ctx.random() < 0.8;
    const followUp = resultAfter + 24;
    await step(followUp, () =>
      moveComplaint(deps, supervisor, siteId, filed.id, {
        action: 'follow_up',
        verdict: satisfied ? 'satisfied' : 'not_satisfied',
        note: satisfied ? '客户表示满意' : '客户认为处理不够到位',
      }),
    );
    if (satisfied) continue;
    await step(followUp + 2, () =>
      moveComplaint(deps, owner, siteId, filed.id, {
        action: 'report_result',
        resultText: '经理亲自上门致歉,并说明后续改进措施',
        channel: 'in_person',
      }),
    );
    await step(followUp + 26, () => moveComplaint(deps, manager, siteId, filed.id, { action: 'follow_up', verdict: 'satisfied', note: '客户接受' }));
  }
  return { complaints };
}
