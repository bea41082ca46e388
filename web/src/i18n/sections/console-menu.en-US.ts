import type { consoleMenuZh } from './console-menu.zh-CN';

export const consoleMenuEn: typeof consoleMenuZh = {
  sections: {
    live: 'On site',
    operations: 'Operations',
    supplies: 'Supplies',
    people: 'People',
    settings: 'Settings',
  },
  entries: {
    inspections: 'Inspections',
    complaints: 'Complaints',
    people: 'Staff list',
    meetings: 'Meetings',
  },
};
