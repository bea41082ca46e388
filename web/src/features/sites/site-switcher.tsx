import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Divider, Select, Typography } from 'antd';
import { HomeOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { consoleSites } from '../../shared/auth/access';
import { useMe } from '../../shared/auth/use-auth';
import { useCurrentSite } from '../../shared/site/current-site';
import { CreateSiteModal } from './create-site-modal';

/** Switches the console between my sites, staying on the same section (`compact` on a phone-width screen). */
export function SiteSwitcher({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const location = useLocation();
  const [creating, setCreating] = useState(false);
  const sites = consoleSites(me);

  const goTo = (siteId: string) => {
    const section = location.pathname.split('/')[3] ?? 'overview';
    void navigate(`/sites/${siteId}/${section}`);
  };

  return (
    <>
      <HomeOutlined style={{ color: '#8c8c8c' }} />
      <Select
        aria-label={t('site.switcher')}
        data-testid="site-switcher"
        value={site.id}
        onChange={goTo}
        variant="borderless"
        style={compact ? { minWidth: 0, flex: '0 1 190px', fontWeight: 600 } : { minWidth: 220, fontWeight: 600 }}
        popupMatchSelectWidth={280}
        showSearch={sites.length > 6 ? { optionFilterProp: 'label' } : false}
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
        optionRender={(option) => {
          const s = sites.find((x) => x.id === option.value);
          return (
            <div>
              <div>{option.label}</div>
              {s ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`roles.${s.role}`)} · {s.timeZone}
                </Typography.Text>
              ) : null}
            </div>
          );
        }}
        popupRender={(menu) =>
          me.isCompanyAdmin ? (
            <>
              {menu}
              <Divider style={{ margin: '4px 0' }} />
              <Button type="text" block icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ textAlign: 'start' }}>
                {t('site.create')}
              </Button>
            </>
          ) : (
            menu
          )
        }
      />
      <CreateSiteModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          void navigate(`/sites/${created.id}/overview`);
        }}
      />
    </>
  );
}
