import { useNavigate } from 'react-router';
import { MessageOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useMe } from '../../shared/auth/use-auth';
import { useComplaints } from './complaints-api';

/** The phone home's complaints card: file one, and how many given to me still wait on a result. */
export function ComplaintsHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const mine = useComplaints(site.id, { scope: 'mine', status: 'handling' });
  const waiting = mine.data?.pages.flatMap((p) => p.items).filter((c) => c.ownerId === me.id).length ?? 0;
  return (
    <HomeLinkCard
      icon={<MessageOutline />}
      title={t('complaints.phone.homeTitle')}
      meta={waiting ? t('complaints.phone.homeMine', { count: waiting }) : null}
      hint={t('complaints.phone.homeHint')}
      onOpen={() => void navigate('/complaints')}
      testId="complaints-home"
    />
  );
}
