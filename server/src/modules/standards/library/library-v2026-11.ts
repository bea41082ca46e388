// 案场服务标准库, version 2026-11: the product's built-in standards library, one entry per post.
// Transcribed from the domain reference sop-library.md (shipped as ../fixtures/sop-library.md; checked against source-documents.txt).
// zh is the reference's wording (markdown bold and English glosses removed); en is a translation.
// Item ids are stable keys: a site's own copy keeps them, so never renumber or reuse an id; a changed
// standard ships as a new library version file beside this one.
import type { PostStandardDef, StandardItemDef, Text } from './types.js';

export const LIBRARY_VERSION = '2026-11';

const HALL_DUTIES: Text[] = [
  { zh: '为来访客户提供全程的休息区域及饮品', en: 'Provide every visitor with a rest area and drinks throughout the visit' },
  { zh: '保持销售区域台面整洁', en: 'Keep the counters in the sales area clean and tidy' },
  { zh: '及时补足销售大厅物资(糖果、杂志等)', en: 'Replenish the sales-hall supplies (candy, magazines, etc.) in time' },
  { zh: '收集客户意见、建议及现场问题点', en: 'Collect customers’ opinions and suggestions and the problems found on site' },
];

const HALL_FLOW: Text[] = [
  { zh: '候客(标准站姿)', en: 'Wait for guests (standard standing posture)' },
  { zh: '迎接客户', en: 'Welcome the customer' },
  { zh: '指引入座', en: 'Show the customer to a seat' },
  { zh: '询问需求', en: 'Ask what the customer needs' },
  { zh: '递阅楼盘资料', en: 'Hand over the project materials' },
  { zh: '上饮品(糕点)', en: 'Serve drinks (and snacks)' },
  { zh: '添加茶水', en: 'Top up the tea' },
  { zh: '客户离开后清理桌面', en: 'Clear the table after the customer leaves' },
];

const HALL_ITEMS: StandardItemDef[] = [
  {
    id: 'HALL-PRE-1',
    phase: 'PRE',
    group: 'check',
    text: { zh: '自检仪容仪表,以饱满的精神面貌进入工作区域', en: 'Self-check your appearance and grooming, and enter the work area in high spirits' },
  },
  {
    id: 'HALL-PRE-2',
    phase: 'PRE',
    group: 'check',
    text: {
      zh: '检查使用工具及销售大厅物资情况,异常情况及时登记并报告上级',
      en: 'Check the tools in use and the sales-hall supplies; register any anomaly promptly and report it to your superior',
    },
  },
  {
    id: 'HALL-IN-1',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '眼神关注客人;客人距 3 米时主动迎宾,15° 鞠躬微笑:“您好!欢迎光临!”',
      en: 'Keep your eyes on the guests; when a guest is 3 m away, step forward to welcome them, bow 15° and smile: “Hello! Welcome!”',
    },
    parameters: { greetDistanceM: 3, bowDeg: 15 },
  },
  {
    id: 'HALL-IN-2',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '在客人前方 1–2 米领位至休息区;入座后问“您好!请问坐这儿可以吗?”,同意后拉椅“好的,请入座!”',
      en: 'Lead the guest to the rest area walking 1–2 m ahead; once they are seated ask “Hello! Is this seat all right for you?”, and when they agree pull out the chair: “Certainly, please have a seat!”',
    },
    parameters: { leadDistanceM: '1-2' },
  },
  {
    id: 'HALL-IN-3',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '客人无置业顾问陪同时问“请问您有专属的置业顾问吗?”,为客人取阅项目资料,告知稍等,并请置业顾问关注该客人',
      en: 'If the guest has no sales consultant with them, ask “Do you have a dedicated sales consultant?”, fetch the project materials for the guest, tell them someone will be with them shortly, and ask a sales consultant to attend to the guest',
    },
  },
  {
    id: 'HALL-IN-4',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '问候起始语:“先生/小姐/女士 早上好,这里是 XX 销售中心,这边请”',
      en: 'Opening greeting: “Good morning, sir/miss/madam, welcome to the XX sales center, this way please”',
    },
  },
  {
    id: 'HALL-IN-5',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '问候语按时段:08:30–11:30 早上好 · 11:30–14:30 中午好 · 14:30–18:00 下午好',
      en: 'Greet according to the time of day: 08:30–11:30 “good morning” · 11:30–14:30 “good day” (midday greeting) · 14:30–18:00 “good afternoon”',
    },
    parameters: { windows: '08:30-11:30 早上好|11:30-14:30 中午好|14:30-18:00 下午好' },
  },
  {
    id: 'HALL-IN-6',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '关注客人物品,物品较多时主动询问是否需要帮助;拾到物品须两名人员在场方能打开;提示客人注意贵重物品',
      en: 'Keep an eye on guests’ belongings and offer help when they are carrying a lot; a found item may only be opened with two staff members present; remind guests to look after their valuables',
    },
  },
  {
    id: 'HALL-IN-7',
    phase: 'IN',
    group: 'requirement',
    text: {
      zh: '座位已满时先致歉,请客人到沙盘区观摩稍候',
      en: 'When all seats are taken, first apologise, then invite the guest to look around the sand-table model area while they wait',
    },
  },
  {
    id: 'HALL-DRINK-1',
    phase: 'IN',
    group: 'drink',
    text: { zh: '所有饮料(糕点)服务必须使用托盘', en: 'Always use a tray for every drink (and snack) service' },
  },
  {
    id: 'HALL-DRINK-2',
    phase: 'IN',
    group: 'drink',
    text: { zh: '以“对不起,打扰一下,请问您需要什么饮品”为起始', en: 'Open with “Excuse me, sorry to disturb you, what would you like to drink?”' },
  },
  { id: 'HALL-DRINK-3', phase: 'IN', group: 'drink', text: { zh: '从客人的右面服务', en: 'Serve from the guest’s right' } },
  {
    id: 'HALL-DRINK-4',
    phase: 'IN',
    group: 'drink',
    text: {
      zh: '杯中只剩三分之一时询问是否添饮;二次服务时瓶口绝不可接触客人杯子',
      en: 'When only a third of the drink is left in the cup, ask whether the guest would like a refill; when serving again, the mouth of the bottle must never touch the guest’s cup',
    },
    parameters: { refillFraction: '1/3' },
  },
  {
    id: 'HALL-DRINK-5',
    phase: 'IN',
    group: 'drink',
    text: { zh: '客人再次需要饮料时必须更换杯子', en: 'When a guest wants another drink, always change the cup' },
  },
  {
    id: 'HALL-POST-1',
    phase: 'POST',
    group: 'check',
    text: {
      zh: '检查使用的工具及物资情况,异常及时记录并报告上级领导',
      en: 'Check the tools and supplies used; record any anomaly promptly and report it to your superior',
    },
  },
  {
    id: 'HALL-POST-2',
    phase: 'POST',
    group: 'check',
    text: { zh: '填写物资领用申请表并整理客户意见', en: 'Fill in the supply requisition form and compile the customers’ opinions' },
    requiresNote: true,
  },
  { id: 'HALL-POST-3', phase: 'POST', group: 'check', text: { zh: '参加班后总结会', en: 'Attend the end-of-shift debrief' } },
  {
    id: 'HALL-POST-4',
    phase: 'POST',
    group: 'check',
    text: {
      zh: '积极配合销售接待;下班时间已到也须待客人离开后下班',
      en: 'Actively support the sales team’s reception work; even when the shift is over, leave only after the guests have left',
    },
  },
];

/** A post's own copy of another post's standard (BAR's 下班 items, MODELSVC), so that one can change without the other. */
function copyOf<T>(value: T): T {
  return structuredClone(value);
}

/** The built-in library is shared by every site: freeze it so that nothing edits it in place (a site edits its own copy). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const STANDARDS_LIBRARY: readonly PostStandardDef[] = deepFreeze<PostStandardDef[]>([
  {
    post: 'HALL',
    title: { zh: '销售大厅服务岗', en: 'Sales-hall service' },
    section: 'service',
    duties: HALL_DUTIES,
    flow: HALL_FLOW,
    norms: [],
    items: HALL_ITEMS,
  },
  {
    post: 'BAR',
    title: { zh: '吧台服务岗', en: 'Bar service' },
    section: 'service',
    duties: [
      { zh: '全程休息及饮品服务', en: 'Provide rest and drink service throughout the visit' },
      { zh: '保持吧台区域整洁', en: 'Keep the bar area clean and tidy' },
      { zh: '饮品器皿必须消毒', en: 'Drink vessels must be disinfected' },
      { zh: '及时补充吧台物资', en: 'Replenish the bar supplies in time' },
      { zh: '收集客户意见、建议及问题点', en: 'Collect customers’ opinions, suggestions and problems' },
    ],
    flow: [
      { zh: '服务准备(确定工具及原料)', en: 'Prepare for service (check the tools and ingredients)' },
      { zh: '迎客(站立、微笑)', en: 'Welcome guests (standing, smiling)' },
      { zh: '问询需求', en: 'Ask what the guest needs' },
      { zh: '按需求提供饮品并送至客人桌上', en: 'Make the drink as requested and bring it to the guest’s table' },
      { zh: '客户离开后清理桌面', en: 'Clear the table after the customer leaves' },
    ],
    norms: [],
    items: [
      { id: 'BAR-PRE-1', phase: 'PRE', group: 'check', text: { zh: '自检仪容仪表', en: 'Self-check your appearance and grooming' } },
      {
        id: 'BAR-PRE-2',
        phase: 'PRE',
        group: 'check',
        text: { zh: '检查工具及销售大厅物资,异常登记并报告', en: 'Check the tools and the sales-hall supplies; register any anomaly and report it' },
      },
      {
        id: 'BAR-IN-1',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '饮品制作完毕,如有其他客户仍在等待,则由销售大厅服务岗呈送',
          en: 'When a drink is ready and other customers are still waiting, the sales-hall service post carries it to the table',
        },
      },
      {
        id: 'BAR-IN-2',
        phase: 'IN',
        group: 'requirement',
        text: { zh: '所有承装饮品的器皿必须干净整洁', en: 'Every vessel that holds a drink must be clean and spotless' },
      },
      // 下班: same as the sales hall (HALL-POST-1…4), BAR's own copy.
      ...copyOf(HALL_ITEMS.filter((item) => item.phase === 'POST')),
    ],
  },
  {
    post: 'PARK',
    title: { zh: '车场服务岗', en: 'Car-park service' },
    section: 'service',
    duties: [
      { zh: '维护停车区秩序', en: 'Keep order in the parking area' },
      { zh: '引导客户车辆有序停放', en: 'Guide customers’ cars to park in an orderly way' },
      {
        zh: '车辆停稳后上前开车门并问好,提醒客户锁好车门',
        en: 'Once a car has stopped, step up, open the door and greet the customer; remind them to lock the car',
      },
      { zh: '视情况主动服务', en: 'Offer help proactively as the situation calls for it' },
      {
        zh: '车辆停好后仔细检查车身情况并请客户签字确认',
        en: 'Once the car is parked, check the bodywork carefully and have the customer sign to confirm',
      },
    ],
    flow: [
      { zh: '迎客:引导停车', en: 'Arrival: guide the car into a space' },
      { zh: '迎客:敬礼', en: 'Arrival: salute' },
      { zh: '迎客:开车门', en: 'Arrival: open the car door' },
      { zh: '迎客:问好', en: 'Arrival: greet the customer' },
      {
        zh: '迎客:指引销售大厅并(对讲)通知销售大厅迎宾',
        en: 'Arrival: direct the customer to the sales hall and notify the hall greeter (by intercom)',
      },
      { zh: '迎客:检查车辆并登记', en: 'Arrival: check the car and log it' },
      { zh: '送客:开车门', en: 'Departure: open the car door' },
      { zh: '送客:引导车辆驶离', en: 'Departure: guide the car out' },
      { zh: '送客:敬礼、目送', en: 'Departure: salute and watch the customer off' },
    ],
    norms: [
      { zh: '敬礼', en: 'Salute' },
      { zh: '指引停车', en: 'Guide the parking' },
      { zh: '迎客问好', en: 'Greet arriving customers' },
      { zh: '目送', en: 'Watch customers off' },
    ],
    items: [
      { id: 'PARK-PRE-1', phase: 'PRE', group: 'check', text: { zh: '自检仪容仪表', en: 'Self-check your appearance and grooming' } },
      {
        id: 'PARK-PRE-2',
        phase: 'PRE',
        group: 'check',
        text: {
          zh: '检查周边及案场设备、消防器材,异常立即报告或报修',
          en: 'Check the surroundings, the site equipment and the fire-fighting equipment; report any anomaly or request a repair immediately',
        },
        requiresPhoto: true,
      },
      {
        id: 'PARK-PRE-3',
        phase: 'PRE',
        group: 'check',
        text: { zh: '检查停车位是否充足,异常上报', en: 'Check that there are enough parking spaces; report any anomaly' },
      },
      {
        id: 'PARK-IN-1',
        phase: 'IN',
        group: 'requirement',
        text: { zh: '按 BI 规范保持职业形象', en: 'Maintain a professional image according to the BI standards' },
      },
      {
        id: 'PARK-IN-2',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '向客户敬礼、开车门、检查车辆情况并登记,用对讲系统告知销售大厅迎宾;客人离开时目送',
          en: 'Salute the customer, open the car door, check the car’s condition and log it, and tell the sales-hall greeter over the intercom; watch the guest off when they leave',
        },
        requiresPhoto: true,
        requiresNote: true,
      },
      {
        id: 'PARK-POST-1',
        phase: 'POST',
        group: 'check',
        text: { zh: '检查工具,异常记录并上报', en: 'Check the tools; record any anomaly and report it' },
      },
      { id: 'PARK-POST-2', phase: 'POST', group: 'check', text: { zh: '参加班后总结会', en: 'Attend the end-of-shift debrief' } },
      { id: 'PARK-POST-3', phase: 'POST', group: 'check', text: { zh: '统计访客量', en: 'Count the visitors' }, requiresNote: true },
      { id: 'PARK-POST-4', phase: 'POST', group: 'check', text: { zh: '待客人离开后下班', en: 'Leave only after the guests have left' } },
    ],
  },
  {
    post: 'GUARD',
    title: { zh: '展示区礼宾岗', en: 'Show-area concierge' },
    section: 'service',
    duties: [
      { zh: '对过往客户行标准军礼、目视', en: 'Give passing customers a standard military salute and eye contact' },
      {
        zh: '与下一交接岗保持信息联系,及时告知下一岗位做好接待',
        en: 'Stay in contact with the next post on the visit route and tell it in time to get ready to receive the customer',
      },
      { zh: '热情回答提问、正确指引', en: 'Answer questions warmly and give correct directions' },
      { zh: '注视周边,异常及时上报', en: 'Watch the surroundings and report anomalies promptly' },
    ],
    flow: [
      { zh: '敬礼问好', en: 'Salute and greet' },
      { zh: '指引样板房方向', en: 'Point the way to the model rooms' },
      { zh: '敬礼目送客户离开', en: 'Salute and watch the customer leave' },
    ],
    norms: [
      { zh: '迎接', en: 'Welcome' },
      { zh: '指引', en: 'Direct' },
      { zh: '提供帮助', en: 'Offer help' },
      { zh: '目送', en: 'Watch customers off' },
    ],
    items: [
      { id: 'GUARD-PRE-1', phase: 'PRE', group: 'check', text: { zh: '自检仪容仪表', en: 'Self-check your appearance and grooming' } },
      {
        id: 'GUARD-PRE-2',
        phase: 'PRE',
        group: 'check',
        text: { zh: '检查周边及案场设备、消防器材', en: 'Check the surroundings, the site equipment and the fire-fighting equipment' },
        requiresPhoto: true,
      },
      {
        id: 'GUARD-IN-1',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '必须掌握样板房户型、面积、朝向、在售金额、物业服务管理费用等客户关注话题',
          en: 'Know the topics customers care about: the model rooms’ layouts, floor areas, orientations and current prices, and the property-management fees',
        },
      },
      {
        id: 'GUARD-IN-2',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '上岗后检查样板房整体情况,发现问题及时上报并协助销售处理',
          en: 'After taking up the post, inspect the model rooms as a whole; report any problem promptly and help the sales team deal with it',
        },
        requiresPhoto: true,
      },
      {
        id: 'GUARD-IN-3',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '客户行进至 1.5 米时敬礼问好:“欢迎您来参观样板房,这边请”并手势指引',
          en: 'When a customer comes within 1.5 m, salute and greet them: “Welcome to the model rooms, this way please”, pointing the way with a gesture',
        },
        parameters: { greetDistanceM: 1.5 },
      },
      {
        id: 'GUARD-IN-4',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '关注背包、穿大衣等重点人员,避免样板房物品丢失;巡检发现物品丢失及时上报;对可疑人员询问,根据销售部意见决定是否报警',
          en: 'Keep an eye on people who warrant attention, such as those carrying backpacks or wearing long coats, so that nothing goes missing from the model rooms; report any item found missing on an inspection round promptly; question suspicious persons, and decide whether to call the police according to the sales department’s view',
        },
      },
      {
        id: 'GUARD-IN-5',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '未经销售/项目部允许的拍照、摄像予以劝阻;禁止挪动展示物品',
          en: 'Discourage photography or filming not permitted by the sales or project department; do not let anyone move the display items',
        },
      },
      {
        id: 'GUARD-IN-6',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '关注老人、小孩、孕妇及行动不便者;参观中的意外及物品损坏必须及时上报',
          en: 'Look out for the elderly, children, pregnant women and people with limited mobility; any accident or damage to items during a visit must be reported promptly',
        },
      },
    ],
  },
  {
    post: 'SHUTTLE',
    title: { zh: '电瓶车服务岗', en: 'Electric shuttle service' },
    section: 'service',
    duties: [
      { zh: '按规定路线行驶,送客至指定地点', en: 'Drive the prescribed route and take guests to the designated place' },
      { zh: '正确驾驶、确保安全', en: 'Drive correctly and ensure safety' },
      { zh: '了解项目情况,使用统一说辞', en: 'Know the project and use the agreed standard wording' },
      { zh: '停放时清洁车辆', en: 'Clean the vehicle while it is parked' },
      { zh: '负责车辆检查', en: 'Be responsible for checking the vehicle' },
      { zh: '责任化管理,未经允许任何人不得驾驶', en: 'Named responsibility for the vehicle: no one may drive it without permission' },
      { zh: '不允许非客户人员乘坐', en: 'No one other than customers may ride' },
      { zh: '做好电瓶车交接工作', en: 'Hand the shuttle over properly between drivers' },
    ],
    flow: [
      { zh: '问好', en: 'Greet the customer' },
      { zh: '指引客户上车', en: 'Help the customer board' },
      { zh: '起步提醒', en: 'Warn before moving off' },
      { zh: '转弯、减速、避让提醒', en: 'Warn before turning, slowing down or giving way' },
      { zh: '提醒下车', en: 'Remind the customer when getting off' },
    ],
    norms: [],
    items: [
      { id: 'SHUTTLE-PRE-1', phase: 'PRE', group: 'check', text: { zh: '自检仪容仪表', en: 'Self-check your appearance and grooming' } },
      {
        id: 'SHUTTLE-PRE-2',
        phase: 'PRE',
        group: 'check',
        text: {
          zh: '检查电瓶车运行状态,问题立即上报维修并记录',
          en: 'Check the shuttle’s running condition; report any problem for repair at once and record it',
        },
        requiresPhoto: true,
      },
      {
        id: 'SHUTTLE-IN-1',
        phase: 'IN',
        group: 'requirement',
        text: { zh: '载客途中禁止鸣笛、超速;遇车避让', en: 'With passengers on board, no horn and no speeding; give way to other vehicles' },
      },
      {
        id: 'SHUTTLE-IN-2',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '上车问好“欢迎您来到 XX 项目”,行驶中提示坐稳扶好;到达“样板房已经到达请小心下车”;离开“欢迎下次乘坐,谢谢再见,请慢走”',
          en: 'Greet guests as they board: “Welcome to the XX project”; while driving, remind them to sit tight and hold on; on arrival: “We have arrived at the model rooms, please mind your step getting off”; as they leave: “We look forward to your next ride, thank you, goodbye, take care”',
        },
      },
      {
        id: 'SHUTTLE-IN-3',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '下车时检查遗留物品并提示客户带好随身物品',
          en: 'When guests get off, check for items left behind and remind them to take their belongings',
        },
      },
      { id: 'SHUTTLE-IN-4', phase: 'IN', group: 'requirement', text: { zh: '严格按规定路线行驶', en: 'Keep strictly to the prescribed route' } },
      { id: 'SHUTTLE-IN-5', phase: 'IN', group: 'requirement', text: { zh: '做好行车记录', en: 'Keep the trip log' }, requiresNote: true },
      {
        id: 'SHUTTLE-POST-1',
        phase: 'POST',
        group: 'check',
        text: {
          zh: '客户全部离开后将车开至指定位置,清洁并充电',
          en: 'After all customers have left, drive the shuttle to its designated spot, clean it and charge it',
        },
      },
      {
        id: 'SHUTTLE-POST-2',
        phase: 'POST',
        group: 'check',
        text: { zh: '整理客户意见,参加班后会', en: 'Compile the customers’ opinions and attend the end-of-shift meeting' },
        requiresNote: true,
      },
      { id: 'SHUTTLE-POST-3', phase: 'POST', group: 'check', text: { zh: '待客人离开后下班', en: 'Leave only after the guests have left' } },
    ],
  },
  {
    post: 'MODEL',
    title: { zh: '样板房讲解岗', en: 'Model-room guide' },
    section: 'service',
    duties: [
      { zh: '样板房客户全程接待与讲解', en: 'Receive and guide model-room visitors throughout their visit' },
      { zh: '协助置业顾问介绍', en: 'Assist the sales consultants with their presentation' },
      { zh: '客户离开后零星保洁', en: 'Do light cleaning after the customers leave' },
      {
        zh: '收集意见并填写(样板房日常庶务)反馈单,下班后递交案场负责人',
        en: 'Collect opinions and fill in the (model-room daily affairs) feedback form; hand it to the site manager after the shift',
      },
    ],
    flow: [
      { zh: '迎客(标准站姿、微笑)', en: 'Welcome the guest (standard posture, smiling)' },
      { zh: '引导客户穿戴鞋套进入', en: 'Help the guest put on shoe covers and lead them in' },
      { zh: '协助置业顾问介绍', en: 'Assist the sales consultant’s presentation' },
      { zh: '道别并整理样板房', en: 'Say goodbye and tidy the model room' },
    ],
    norms: [
      { zh: '站立微笑自然', en: 'Stand and smile naturally' },
      { zh: '递送鞋套', en: 'Hand over the shoe covers' },
      { zh: '热情细致讲解', en: 'Explain warmly and in detail' },
      { zh: '温馨道别保持整洁', en: 'Say a warm goodbye and keep the room tidy' },
    ],
    items: [
      { id: 'MODEL-PRE-1', phase: 'PRE', group: 'check', text: { zh: '自检仪容仪表', en: 'Self-check your appearance and grooming' } },
      {
        id: 'MODEL-PRE-2',
        phase: 'PRE',
        group: 'check',
        text: {
          zh: '检查样板房设备设施运行,异常上报并登记',
          en: 'Check that the model room’s equipment and facilities are running; report and register any anomaly',
        },
        requiresPhoto: true,
      },
      {
        id: 'MODEL-PRE-3',
        phase: 'PRE',
        group: 'check',
        text: { zh: '检查样板房保洁情况及空调开启', en: 'Check the model room’s cleanliness and that the air conditioning is on' },
        requiresPhoto: true,
      },
      {
        id: 'MODEL-IN-1',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '每日对接样板房设备清单,检查空调与保洁状态',
          en: 'Every day, go through the model-room equipment list and check the air conditioning and the cleaning',
        },
        requiresPhoto: true,
      },
      {
        id: 'MODEL-IN-2',
        phase: 'IN',
        group: 'requirement',
        text: { zh: '站在样板房或电梯口接待', en: 'Receive visitors standing at the model room or at the lift entrance' },
      },
      {
        id: 'MODEL-IN-3',
        phase: 'IN',
        group: 'requirement',
        text: { zh: '顾客出现时 30° 鞠躬“欢迎光顾 XX 样板房”', en: 'When a visitor appears, bow 30°: “Welcome to the XX model room”' },
        parameters: { bowDeg: 30 },
      },
      {
        id: 'MODEL-IN-4',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '引领入座,双手递鞋套,高度与客人坐下时膝盖同高',
          en: 'Show the guest to a seat and hand over the shoe covers with both hands, held at the height of the seated guest’s knees',
        },
      },
      { id: 'MODEL-IN-5', phase: 'IN', group: 'requirement', text: { zh: '声音要足、吐字清晰', en: 'Speak up and enunciate clearly' } },
      {
        id: 'MODEL-IN-6',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '专注所接待客户,对其他客户微笑点头',
          en: 'Give your full attention to the customer you are receiving; acknowledge other customers with a smile and a nod',
        },
      },
      {
        id: 'MODEL-IN-7',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '无销售陪同时主动介绍户型及基本信息;价格问题请客户直接联系销售',
          en: 'When a customer has no salesperson with them, proactively present the layout and basic information; for questions about price, ask the customer to contact sales directly',
        },
      },
      {
        id: 'MODEL-IN-8',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '未经允许谢绝拍照录像、谢绝动用样板房物品;对客遗失物品做好登记并上报',
          en: 'Without permission, politely decline photography and filming and the use of model-room items; register and report any item a customer has lost',
        },
        requiresNote: true,
      },
      { id: 'MODEL-IN-9', phase: 'IN', group: 'requirement', text: { zh: '特别关注小孩', en: 'Pay special attention to children' } },
      {
        id: 'MODEL-IN-10',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '留意客户谈话,记下客户对样板房的关注点',
          en: 'Listen to customers’ conversation and note what they pay attention to in the model room',
        },
        requiresNote: true,
      },
      {
        id: 'MODEL-IN-11',
        phase: 'IN',
        group: 'requirement',
        text: {
          zh: '送别:示意脱鞋套并双手承接,鞠躬“感谢您参观样板房”,目送离开',
          en: 'Seeing off: invite the guest to take off the shoe covers and receive them with both hands, bow and say “Thank you for visiting the model room”, and watch them leave',
        },
      },
      {
        id: 'MODEL-POST-1',
        phase: 'POST',
        group: 'check',
        text: { zh: '检查设备设施,异常及时维修', en: 'Check the equipment and facilities; have any anomaly repaired promptly' },
        requiresPhoto: true,
      },
      {
        id: 'MODEL-POST-2',
        phase: 'POST',
        group: 'check',
        text: { zh: '对接样板房物品清单', en: 'Reconcile the model-room item inventory' },
        requiresNote: true,
      },
      {
        id: 'MODEL-POST-3',
        phase: 'POST',
        group: 'check',
        text: { zh: '整理客户意见,参加班后会', en: 'Compile the customers’ opinions and attend the end-of-shift meeting' },
        requiresNote: true,
      },
      { id: 'MODEL-POST-4', phase: 'POST', group: 'check', text: { zh: '待客人离开后下班', en: 'Leave only after the guests have left' } },
    ],
  },
  {
    // 样板房服务岗岗位标准(参见销售大厅服务岗岗位标准): the sales-hall standard, applied at a model room.
    post: 'MODELSVC',
    title: { zh: '样板房服务岗', en: 'Model-room service' },
    section: 'service',
    duties: copyOf(HALL_DUTIES),
    flow: copyOf(HALL_FLOW),
    norms: [],
    items: copyOf(HALL_ITEMS),
    sameAs: 'HALL',
  },
  {
    post: 'SECURITY',
    title: { zh: '安全岗', en: 'Security patrol' },
    section: 'operations',
    duties: [
      { zh: '销售案场区域安全巡视,维持秩序', en: 'Patrol the sales-center area for safety and keep order' },
      { zh: '监督各岗位工作状态及现场情况,及时反馈', en: 'Monitor how each post is working and the situation on site, and report back promptly' },
      {
        zh: '发现和制止违规违章,对可疑人员礼貌盘问和跟踪察看',
        en: 'Detect and stop breaches of the rules; politely question suspicious persons and keep them under observation',
      },
      { zh: '谢绝和制止未经许可的拍照、摆放广告', en: 'Refuse and stop unauthorised photography and the placing of advertisements' },
    ],
    flow: [],
    norms: [{ zh: '通用行为规范:员工 BI 规范手册', en: 'General behaviour norms: the employee BI handbook' }],
    items: [
      {
        id: 'SECURITY-1',
        phase: 'IN',
        group: 'task',
        text: {
          zh: '按照巡视路线巡视签到,检查重点部位',
          en: 'Patrol along the patrol route, signing in at each checkpoint, and check the key locations',
        },
      },
      {
        id: 'SECURITY-2',
        phase: 'IN',
        group: 'task',
        text: {
          zh: '遇见客户站立、微笑、敬礼,礼貌回答并正确引导',
          en: 'When you meet customers, stand, smile and salute; answer politely and direct them correctly',
        },
      },
      {
        id: 'SECURITY-3',
        phase: 'IN',
        group: 'task',
        text: { zh: '人过地净,协助保洁维护环境', en: 'Leave every place clean as you pass; help the cleaners keep the site tidy' },
      },
      {
        id: 'SECURITY-4',
        phase: 'IN',
        group: 'task',
        text: {
          zh: '每一巡视期内检查设备设施运行状态并做好记录',
          en: 'In every patrol round, check that the equipment and facilities are running and record it',
        },
        requiresPhoto: true,
        requiresNote: true,
      },
      {
        id: 'SECURITY-5',
        phase: 'IN',
        group: 'task',
        text: { zh: '协助参观人员车辆引导、指引和执勤', en: 'Help guide and direct visitors’ vehicles and keep traffic duty' },
      },
      { id: 'SECURITY-6', phase: 'IN', group: 'task', text: { zh: '依据指令协助其他岗位', en: 'Assist other posts as instructed' } },
    ],
  },
  {
    post: 'CLEAN',
    title: { zh: '保洁岗', en: 'Cleaning' },
    section: 'operations',
    duties: [
      { zh: '办公区域、样板房及饰品清洁', en: 'Clean the office area, the model rooms and their ornaments' },
      { zh: '案场外围清洁', en: 'Clean the outer area of the sales center' },
      { zh: '垃圾处理', en: 'Dispose of the waste' },
      { zh: '杂志等资料及时归位', en: 'Put magazines and other materials back in place promptly' },
    ],
    flow: [],
    norms: [{ zh: '通用行为规范:员工 BI 规范手册', en: 'General behaviour norms: the employee BI handbook' }],
    items: [
      {
        id: 'CLEAN-1',
        phase: 'PRE',
        group: 'task',
        text: {
          zh: '每天提前半小时上岗,对玻璃、地面等全方位清洁',
          en: 'Start work half an hour early every day and clean everything thoroughly, glass, floors and the rest',
        },
        parameters: { minutesBeforeOpening: 30 },
      },
      {
        id: 'CLEAN-2',
        phase: 'IN',
        group: 'task',
        text: { zh: '卫生间每十分钟巡视性清洁一次', en: 'Do a patrol clean of the washrooms every ten minutes' },
        parameters: { everyMinutes: 10 },
      },
      { id: 'CLEAN-3', phase: 'IN', group: 'task', text: { zh: '阴雨天提前关闭门窗', en: 'On rainy days, close the doors and windows in advance' } },
      { id: 'CLEAN-4', phase: 'IN', group: 'task', text: { zh: '掌握清洁器具的使用', en: 'Know how to use the cleaning equipment' } },
      {
        id: 'CLEAN-5',
        phase: 'IN',
        group: 'task',
        text: { zh: '熟知清洁药剂的配比及使用', en: 'Know the mixing ratios and the use of the cleaning agents' },
      },
    ],
  },
  {
    post: 'GREEN',
    title: { zh: '绿化岗', en: 'Landscaping' },
    section: 'operations',
    duties: [
      { zh: '管理区域内一切绿化养护', en: 'Maintain all planting within the managed area' },
      { zh: '确保绿化正常存活率', en: 'Keep the plants at a normal survival rate' },
      { zh: '修剪及消杀', en: 'Pruning and pest control' },
    ],
    flow: [],
    norms: [{ zh: '通用行为规范:员工 BI 规范手册', en: 'General behaviour norms: the employee BI handbook' }],
    items: [],
  },
  {
    post: 'TECH',
    title: { zh: '案场技术岗', en: 'On-site technician' },
    section: 'operations',
    duties: [
      { zh: '案场设备设施维护、维修及保养', en: 'Maintain, repair and service the site’s equipment and facilities' },
      { zh: '协助管理岗完成重大接待的案场布置', en: 'Help the site manager set up the site for major receptions' },
      { zh: '现场安全整体把控', en: 'Take overall charge of safety on site' },
    ],
    flow: [],
    norms: [{ zh: '通用行为规范:员工 BI 规范手册', en: 'General behaviour norms: the employee BI handbook' }],
    items: [
      {
        id: 'TECH-1',
        phase: 'PRE',
        group: 'task',
        text: {
          zh: '每日案场开放前检查辖区设备设施,保障现场零事故',
          en: 'Every day before the site opens, check the equipment and facilities in your area to keep the site at zero accidents',
        },
        requiresPhoto: true,
      },
      {
        id: 'TECH-2',
        phase: 'POST',
        group: 'task',
        text: { zh: '每日班后检查设备设施并做好记录', en: 'Every day after the shift, check the equipment and facilities and record the results' },
        requiresPhoto: true,
        requiresNote: true,
      },
      {
        id: 'TECH-3',
        phase: 'IN',
        group: 'task',
        text: { zh: '报修后 5 分钟赶到现场', en: 'Arrive on site within 5 minutes of a repair request' },
        parameters: { arriveWithinMinutes: 5 },
      },
      {
        id: 'TECH-4',
        phase: 'IN',
        group: 'task',
        text: {
          zh: '接到异常天气信息,对设备进行安全隐患排除',
          en: 'On receiving news of abnormal weather, check the equipment and eliminate safety hazards',
        },
      },
    ],
  },
  {
    post: 'MANAGER',
    title: { zh: '案场管理岗', en: 'Site manager' },
    section: 'management',
    duties: [
      {
        zh: '组织日会(每日班后总结会)及周会(服务类业务点评会)',
        en: 'Run the daily meeting (the end-of-shift debrief) and the weekly meeting (the service review)',
      },
      { zh: '每日接收各岗位客户信息汇总', en: 'Receive the daily summary of customer information from every post' },
      { zh: '检查各岗位工作', en: 'Inspect the work of every post' },
      { zh: '每月组织监督考核(案场负责人直接考核)', en: 'Run the monthly assessment (the site manager assesses staff directly)' },
      { zh: '接收各岗位的异常情况上报', en: 'Receive the anomaly reports from every post, as their superior' },
    ],
    flow: [],
    norms: [],
    items: [],
  },
]);
