// 案场服务标准库, version 2026-12: version 2026-11 plus
// - the show-area concierge's (GUARD) in-shift items 7–12 and post-shift list, from the source's last,
//   complete copy of that post (../fixtures/sop-library-2026-12.md);
// - the landscaping post's (GREEN) checklists and tasks: the reference gives the post only its duties
//   (养护, 存活率, 修剪及消杀), so the items are the product's own breakdown of those duties, kept in
//   the same fixture so the ids stay checked like every other.
// Sites that adopted 2026-11 keep their copy; a new site (and the demo) adopts this version.
import { STANDARDS_LIBRARY as LIBRARY_2026_11, deepFreeze } from './library-v2026-11.js';
import type { PostStandardDef, StandardItemDef } from './types.js';

export const LIBRARY_VERSION = '2026-12';

const GUARD_IN: StandardItemDef[] = [
  {
    id: 'GUARD-IN-7',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '礼貌准确回答客户问题;不能回答的问题引导给销售人员解答,严禁含糊或拒绝',
      en: 'Answer guests’ questions politely and accurately; pass a question you cannot answer to the sales staff, never answer vaguely or refuse',
    },
  },
  {
    id: 'GUARD-IN-8',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '留意客户是否离开样板房,通知电瓶车司机来接客户',
      en: 'Watch for guests leaving the model room and call the shuttle driver to pick them up',
    },
  },
  {
    id: 'GUARD-IN-9',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '客户离开时 1.5 米微笑敬礼目送、手势指向出口;若电瓶车未到,向客户致歉并说明马上就到',
      en: 'When guests leave, salute with a smile at 1.5 m, see them off and point to the exit; if the shuttle has not arrived, apologise and tell them it is on its way',
    },
  },
  {
    id: 'GUARD-IN-10',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '每天下班检查样板房物品并登记;丢失或损坏向上级呈报,按销售部意见处理并记录',
      en: 'Check and register the model room’s items at the end of every day; report anything lost or damaged to your superior, handle it as the sales department decides and record it',
    },
  },
  {
    id: 'GUARD-IN-11',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '下班后关闭样板房水源、电源及监控系统,与晚班人员做好交接',
      en: 'After the shift, turn off the model room’s water, power and camera system, and hand over to the night shift',
    },
  },
  {
    id: 'GUARD-IN-12',
    phase: 'IN',
    group: 'requirement',
    text: { zh: '特殊天气检查周边环境,以防不测', en: 'In special weather, check the surroundings to prevent accidents' },
  },
];

const GUARD_POST: StandardItemDef[] = [
  {
    id: 'GUARD-POST-1',
    phase: 'POST',
    group: 'check',
    text: { zh: '检查使用的工具,异常及时记录并报告上级', en: 'Check the tools used; record any anomaly and report it to your superior' },
  },
  { id: 'GUARD-POST-2', phase: 'POST', group: 'check', text: { zh: '参加班后总结会', en: 'Attend the end-of-shift debrief' } },
  { id: 'GUARD-POST-3', phase: 'POST', group: 'check', text: { zh: '统计访客量', en: 'Count the day’s visitors' } },
  {
    id: 'GUARD-POST-4',
    phase: 'POST',
    group: 'check',
    text: { zh: '配合销售接待,待客人离开后下班', en: 'Support the sales reception; leave only once the guests have left' },
  },
];

const GREEN_ITEMS: StandardItemDef[] = [
  {
    id: 'GREEN-PRE-1',
    phase: 'PRE',
    group: 'check',
    text: {
      zh: '自检仪容仪表,检查修剪工具及防护用品(手套、口罩),异常及时登记并报告上级',
      en: 'Check your appearance, the pruning tools and the protective gear (gloves, mask); register any anomaly and report it to your superior',
    },
  },
  {
    id: 'GREEN-PRE-2',
    phase: 'PRE',
    group: 'check',
    text: {
      zh: '巡查辖区绿化,查看植物长势及缺水、枯死、病虫害情况,异常拍照上报',
      en: 'Walk the planted areas: check how the plants grow and look for dry, dead or pest-damaged plants; photograph and report any anomaly',
    },
  },
  {
    id: 'GREEN-1',
    phase: 'IN',
    group: 'task',
    text: {
      zh: '按计划修剪草坪、绿篱及乔灌木,修剪后清理枝叶,人过地净',
      en: 'Prune the lawn, hedges, trees and shrubs on schedule, and clear the cuttings afterwards so nothing is left behind',
    },
  },
  {
    id: 'GREEN-2',
    phase: 'IN',
    group: 'task',
    text: {
      zh: '按计划消杀病虫害,药剂按配比使用;作业时设置警示,避开客户参观时段',
      en: 'Treat pests and diseases on schedule, mixing the products in the right ratio; put up warnings while working and avoid the guests’ visiting hours',
    },
    requiresNote: true,
  },
  {
    id: 'GREEN-3',
    phase: 'IN',
    group: 'task',
    text: {
      zh: '按天气浇水、施肥,枯死植物及时补种,确保绿化正常存活率',
      en: 'Water and fertilise as the weather needs, and replant dead plants promptly to keep a normal survival rate',
    },
  },
  {
    id: 'GREEN-POST-1',
    phase: 'POST',
    group: 'check',
    text: {
      zh: '清点并清洁修剪工具,消杀药剂入库上锁,异常记录并报告上级',
      en: 'Count and clean the pruning tools, lock the pest-control products away; record any anomaly and report it to your superior',
    },
  },
  {
    id: 'GREEN-POST-2',
    phase: 'POST',
    group: 'check',
    text: {
      zh: '记录当日养护、修剪及消杀情况,参加班后总结会',
      en: 'Record the day’s care, pruning and pest control, and attend the end-of-shift debrief',
    },
  },
];

function nextVersionOf(def: PostStandardDef): PostStandardDef {
  const copy = structuredClone<PostStandardDef>(def);
  if (def.post === 'GUARD') {
    const pre = copy.items.filter((item) => item.phase !== 'POST');
    return { ...copy, items: [...pre, ...structuredClone(GUARD_IN), ...structuredClone(GUARD_POST)] };
  }
  if (def.post === 'GREEN') return { ...copy, items: structuredClone(GREEN_ITEMS) };
  return copy;
}

export const STANDARDS_LIBRARY: readonly PostStandardDef[] = deepFreeze<PostStandardDef[]>(LIBRARY_2026_11.map(nextVersionOf));
