/** The console menu's groups (contracts: CONSOLE_SECTIONS). */
export const consoleMenuZh = {
  sections: {
    live: '现场运行',
    operations: '运营',
    supplies: '物资',
    people: '人员',
    settings: '设置',
  },
  /** Entries named apart from their group (the 人员 group holds the list of people). */
  entries: {
    inspections: '品质核查',
    complaints: '投诉处理',
    people: '人员名单',
    meetings: '例会',
  },
};
