import { useNavigate } from 'react-router';
import { LockOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useClosingDay } from './use-model-rooms';

/** On the concierge's home: the end of the day (GUARD-IN-10, 11), with how many switches are confirmed off. */
export function ClosingHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const day = useClosingDay(site.id);
  const switches = day.data?.switches ?? [];
  return (
    <HomeLinkCard
      icon={<LockOutline />}
      title={t('modelRooms.closing.homeTitle')}
      meta={
        day.data
          ? day.data.isComplete
            ? t('modelRooms.closing.complete')
            : t('modelRooms.closing.homeProgress', { done: switches.filter((s) => s.confirmation).length, total: switches.length })
          : null
      }
      hint={t('modelRooms.closing.homeHint')}
      onOpen={() => void navigate('/model-room-closing')}
      testId="home-model-room-closing"
    />
  );
}
