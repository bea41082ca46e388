import { useNavigate } from 'react-router';
import { EnvironmentOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { formatLocal } from '../../shared/format/time';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { phoneOffersOn } from '../../shared/auth/access';
import { useMyPatrolRounds } from './use-patrols';

/** On the guard's home page: today's patrol rounds walked so far and the next one, a tap from the list. */
export function PatrolsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const walksPatrols = phoneOffersOn(site, '/patrols');
  const rounds = useMyPatrolRounds(site.id, walksPatrols);
  if (!walksPatrols) return null;
  const all = rounds.data ?? [];
  const walked = all.filter((r) => r.status === 'done' || r.status === 'done_late').length;
  const next = all.find((r) => r.status === 'upcoming' || r.status === 'in_progress');
  const hint = rounds.isPending
    ? t('common.loading')
    : !all.length
      ? t('patrols.phone.empty')
      : next
        ? t('patrols.phone.homeNext', { time: formatLocal(next.slotStart, site.timeZone, 'HH:mm') })
        : t('patrols.phone.homeAllDone');
  return (
    <HomeLinkCard
      icon={<EnvironmentOutline />}
      title={t('patrols.phone.title')}
      meta={all.length ? t('patrols.phone.homeCount', { walked, total: all.length }) : null}
      hint={hint}
      onOpen={() => void navigate('/patrols')}
      testId="patrols-home"
    />
  );
}
