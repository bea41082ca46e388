import { useNavigate } from 'react-router';
import { FileOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { useFactSheet, useMySessions } from './use-training';

/** On the staff home page: my training sessions still to confirm or answer; hidden until I am invited to one. */
export function TrainingHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useMySessions(site.id);
  const sessions = mine.data?.pages.flatMap((p) => p.items) ?? [];
  if (mine.isSuccess && !sessions.length) return null;
  const open = sessions.filter((s) => !s.confirmedAt || (s.hasQuiz && !s.result)).length;
  return (
    <HomeLinkCard
      icon={<TeamOutline />}
      title={t('training.phone.homeTitle')}
      meta={mine.isSuccess ? t('training.phone.homeMeta', { count: sessions.length }) : null}
      hint={mine.isPending ? t('common.loading') : open ? t('training.phone.homeHint', { count: open }) : t('training.phone.homeDone')}
      onOpen={() => void navigate('/training')}
      testId="training-home"
    />
  );
}

/** On the staff home page: the project fact sheet, once the manager has published one. */
export function FactSheetHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sheet = useFactSheet(site.id);
  if (!sheet.data?.version) return null;
  return (
    <HomeLinkCard
      icon={<FileOutline />}
      title={t('training.phone.factSheet')}
      meta={t('training.factSheet.version', { version: sheet.data.version })}
      hint={sheet.data.content.unitTypes.map((u) => u.name).join(' · ') || t('training.factSheet.title')}
      onOpen={() => void navigate('/fact-sheet')}
      testId="fact-sheet-home"
    />
  );
}
