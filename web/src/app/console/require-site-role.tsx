import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MeSite } from '@anchang/contracts';
import { useCurrentSite } from '../../shared/site/current-site';

/**
 * A page only some roles of the site may open (the menu hides it from the others): someone who
 * follows a link to it sees why it is closed, not a page of failed loads.
 */
export function RequireSiteRole({ allow, children }: { allow: (role: MeSite['role']) => boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const site = useCurrentSite();
  if (allow(site.role)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.FORBIDDEN')}
      extra={
        <Button type="primary" onClick={() => void navigate(`/sites/${site.id}/overview`)}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
