import { useNavigate } from 'react-router';
import { CheckShieldOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useMyActionItems, useTodayDebrief } from './meetings-api';

/** On the phone's home: my open action items, a tap from the list. Hidden when I have none. */
export function ActionItemsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useMyActionItems(site.id, 'open');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!list.isSuccess || items.length === 0) return null;
  const overdue = items.filter((i) => i.isOverdue).length;
  return (
    <HomeLinkCard
      icon={<CheckShieldOutline />}
      title={t('meetings.phone.homeTitle')}
      meta={t('meetings.phone.homeHint', { count: items.length })}
      hint={
        overdue > 0 ? t('meetings.phone.homeOverdue', { count: overdue }) : t('meetings.phone.due', { date: items.map((i) => i.dueDate).sort()[0]! })
      }
      onOpen={() => void navigate('/action-items')}
      testId="action-items-home"
    />
  );
}

/** On the manager's phone home: whether today's debrief is held yet. */
export function DebriefHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = useTodayDebrief(site.id);
  const data = today.data;
  let hint = t('common.loading');
  if (today.isError) hint = t('common.loadFailed');
  else if (data)
    hint = data.debrief
      ? t('meetings.phone.debriefHeld', { status: t(`meetings.status.${data.debrief.status}`) })
      : data.isOpenDay
        ? t('meetings.phone.debriefNotHeld')
        : t('meetings.phone.debriefNotOpenDay');
  return (
    <HomeLinkCard
      icon={<TeamOutline />}
      title={t('meetings.phone.debriefTitle')}
      meta={data?.debrief ? t('meetings.attendance.summary', data.attendance) : null}
      hint={hint}
      onOpen={() => void navigate('/manage/debrief')}
      testId="debrief-home"
    />
  );
}
