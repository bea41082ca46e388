import { useNavigate } from 'react-router';
import { ClockCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { nextSlot } from './slot-status';
import { useRoundDay } from './use-rounds';

/** On the staff home page: today's rounds done so far and the next one, a tap from the list. Hidden when the person has none today. */
export function RoundsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const now = useNow();
  const day = useRoundDay(site.id, null, 'mine');
  const slots = day.data?.slots ?? [];
  if (!site.posts.length || (day.isSuccess && !slots.length)) return null;
  const next = nextSlot(slots, now);
  const done = slots.filter((s) => s.status === 'met' || s.status === 'late').length;
  let hint: string;
  if (day.isPending) hint = t('common.loading');
  else if (next)
    hint = t('rounds.homeNext', { time: formatLocal(next.dueAt, site.timeZone, 'HH:mm'), label: locale === 'zh-CN' ? next.labelZh : next.labelEn });
  else hint = t('rounds.homeHint', { done, total: slots.length });
  return (
    <HomeLinkCard
      icon={<ClockCircleOutline />}
      title={t('rounds.homeTitle')}
      meta={slots.length ? t('rounds.homeHint', { done, total: slots.length }) : null}
      hint={hint}
      onOpen={() => void navigate('/rounds')}
      testId="rounds-home"
    />
  );
}
