/** 夜班与跨夜班次: a shift whose end is not after its start ends the next day. */
export const nightShiftZh = {
  nextDay: '次日',
  shiftTime: '{{start}}–次日 {{end}}',
  endHint: '结束时间不晚于开始时间即为次日结束,如夜班 20:00–次日 08:00',
  patrolAllDay: '24 小时巡逻',
  patrolAllDayHint:
    '开启后,按间隔排的巡逻全天进行,包括夜间和闭馆日;关闭时只在营业时间内排巡。固定时刻的巡逻不受影响。改动从次日零点的排巡起生效,新建的巡逻计划立即生效。',
};
