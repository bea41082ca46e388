import type { siteBoardExtraZh } from './site-board-extra.zh-CN';

/** English for the site board's care panels; typed by the Chinese, so no key can be missing. */
export const siteBoardExtraEn: typeof siteBoardExtraZh = {
  hall: 'Hall seats',
  seatsTaken: '{{occupied}}/{{seats}} taken',
  tables: '{{free}} free of {{total}} tables',
  waiting: 'Waiting at the sand table',
  waitingEmpty: 'Nobody waiting',
  hallEmpty: 'No tables set up',
  bar: 'Bar queue',
  barEmpty: 'No drinks waiting',
  noTable: 'Not seated',
  made: 'Made',
  shuttles: 'Shuttles en route',
  shuttlesEmpty: 'No shuttle en route',
  shuttleTo: '{{vehicle}} → {{destination}}',
  destinations: { model_room: 'Model room', hall: 'Sales hall' },
  incidents: 'Open incidents',
  incidentsEmpty: 'No open incidents',
  incidentKinds: {
    suspicious_person: 'Suspicious person',
    missing_item: 'Missing item',
    unauthorised_photo: 'Unauthorised photo',
    accident: 'Accident',
    damage: 'Damage',
    other: 'Other',
  },
  severities: { low: 'Low', medium: 'Medium', high: 'High' },
  reportedBy: 'by {{name}}',
  police: { call: 'Police called', no_call: 'No police' },
  more: '{{count}} more',
};
