import { useNavigate } from 'react-router';
import { EditSOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { FeedbackFormKind, MeSite } from '@anchang/contracts';
import { todayAt } from '../../shared/format/local-date';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useFeedbackForms } from './feedback-api';

const PATHS: Record<FeedbackFormKind, string> = { model_room: '/feedback/model-room', parking: '/feedback/parking' };

/** On the staff home page of the model-room guide or the car park: their customer form, with today's count. */
export function FeedbackHomeCard({ site, kind }: { site: MeSite; kind: FeedbackFormKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const forms = useFeedbackForms(site.id, { kind, from: todayAt(site.timeZone) }, 50);
  const count = forms.data?.pages.flatMap((p) => p.items).length ?? 0;
  return (
    <HomeLinkCard
      icon={<EditSOutline />}
      title={t(`customerFeedback.kinds.${kind}`)}
      hint={forms.isPending ? t('common.loading') : t('customerFeedback.phone.homeHint', { count })}
      onOpen={() => void navigate(PATHS[kind])}
      testId={`feedback-home-${kind}`}
    />
  );
}
