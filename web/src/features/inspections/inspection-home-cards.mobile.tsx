import { useNavigate } from 'react-router';
import { FileOutline, EditSOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useInspectionPlan, useRectifications } from './inspections-api';

/** The inspector's card on the phone home: today's plan kept so far and the re-checks waiting. */
export function InspectHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const plan = useInspectionPlan(site.id, null);
  const recheck = useRectifications(site.id, 'to_recheck');
  const waiting = recheck.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0;
  const hint = plan.isPending
    ? t('common.loading')
    : plan.data && plan.data.due > 0
      ? t('inspections.phone.homeHint', { done: plan.data.done, due: plan.data.due, recheck: waiting })
      : t('inspections.phone.homeNoPlan');
  return (
    <HomeLinkCard
      icon={<FileOutline />}
      title={t('inspections.phone.homeTitle')}
      meta={waiting ? t('inspections.status.to_recheck') + ` ${waiting}` : null}
      hint={hint}
      onOpen={() => void navigate('/inspect')}
      testId="inspect-home"
    />
  );
}

/** Anyone's card when an inspection left them something to fix; hidden otherwise. */
export function MyRectificationsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useRectifications(site.id, 'mine', 'open');
  const open = mine.data?.pages.flatMap((p) => p.items).filter((r) => r.status !== 'to_recheck').length ?? 0;
  if (!mine.data || mine.data.pages[0]?.items.length === 0) return null;
  return (
    <HomeLinkCard
      icon={<EditSOutline />}
      title={t('inspections.phone.myTitle')}
      meta={open ? String(open) : null}
      hint={open ? t('inspections.phone.myHomeHint', { count: open }) : t('inspections.status.to_recheck')}
      onOpen={() => void navigate('/rectifications')}
      testId="rectifications-home"
    />
  );
}
