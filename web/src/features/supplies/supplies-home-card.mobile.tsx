import { useNavigate } from 'react-router';
import { FileOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { HomeLinkCard } from '../../shared/ui-mobile/home-link-card';
import { phoneOffersOn } from '../../shared/auth/access';

/** On the staff home: the model-room check for the MODEL guides (and overseers), supplies for whoever is rostered. */
export function SuppliesHomeCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const checksRooms = phoneOffersOn(site, '/model-room-check');
  return (
    <>
      {checksRooms ? (
        <HomeLinkCard
          icon={<UnorderedListOutline />}
          title={t('modelRooms.phone.homeTitle')}
          hint={t('modelRooms.phone.homeHint')}
          onOpen={() => void navigate('/model-room-check')}
          testId="home-model-room-check"
        />
      ) : null}
      {phoneOffersOn(site, '/supplies') ? (
        <HomeLinkCard
          icon={<FileOutline />}
          title={t('supplies.phone.homeTitle')}
          hint={t('supplies.phone.homeHint')}
          onOpen={() => void navigate('/supplies')}
          testId="home-supplies"
        />
      ) : null}
    </>
  );
}
