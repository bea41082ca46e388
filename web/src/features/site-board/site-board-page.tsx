import { useNavigate } from 'react-router';
import { Button } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shared/site/current-site';
import { PageHeader } from '../../shared/ui/page-header';
import { SiteBoard } from './site-board';

/** 现场看板: who is where on site right now, today's arrivals and the hand-offs between posts. */
export function SiteBoardPage() {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('visits.board.title')}
        subtitle={t('visits.board.subtitle')}
        extra={
          <Button icon={<FullscreenOutlined />} onClick={() => void navigate(`/sites/${site.id}/site-board/tv`)} data-testid="site-board-tv">
            {t('visits.board.tv')}
          </Button>
        }
      />
      <SiteBoard site={site} />
    </>
  );
}
