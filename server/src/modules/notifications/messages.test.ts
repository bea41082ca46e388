import { describe, expect, it } from 'vitest';
import { NOTICE_MESSAGES, renderNotice } from './messages.js';

describe('notice messages', () => {
  it('has a zh-CN and an en-US text for every code; the English one is English only', () => {
    for (const [code, message] of Object.entries(NOTICE_MESSAGES)) expect(Object.keys(message).sort(), code).toEqual(['en-US', 'zh-CN']);
    const en = renderNotice('visit.day_end_closed', { date: '2026-12-04', closed: 2, guests: 5, stages: { zh: '大厅 2', en: 'hall 2' } }, 'en-US');
    expect(/\p{Script=Han}/u.test(en.title + en.body + en.fromName)).toBe(false);
  });

  it('renders an unknown locale in the default language, Chinese', () => {
    const params = { place: { zh: '电梯 Lift', en: 'Lift' }, description: '异响', minutes: 30 };
    expect(renderNotice('repair.reported', params, 'fr-FR')).toEqual(renderNotice('repair.reported', params, 'zh-CN'));
    expect(renderNotice('repair.reported', params, 'zh-CN').title).toBe('报修 Repair: 电梯 Lift');
    expect(renderNotice('repair.reported', params, 'en-US').title).toBe('Repair: Lift');
  });
});
