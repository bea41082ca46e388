import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FileOutline } from 'antd-mobile-icons';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useMyAssessments } from './assessment-api';

/** The home's entry to my assessment: the latest month's total and result. */
export function AssessmentHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMyAssessments(site.id);
  const latest = mine.data?.[0];
  return (
    <HomeLinkCard
      icon={<FileOutline />}
      title={t('assessment.mineTitle')}
      hint={
        latest
          ? t('assessment.homeHint', { month: latest.month, total: latest.total, outcome: t(`assessment.outcomes.${latest.outcome}`) })
          : t('assessment.homeNone')
      }
      onOpen={() => void navigate('/assessment')}
      testId="assessment-home-card"
    />
  );
}
