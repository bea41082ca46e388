import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Flex, Layout, Result, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../shared/auth/use-auth';
import { BrandMark } from '../../shared/ui/brand-mark';
import { LanguageSwitch } from '../../shared/ui/language-switch';
import { StaffAppQrCode } from '../../shared/ui/staff-app-qr';
import { CreateSiteModal } from './create-site-modal';

/**
 * Signed in, but no site to manage: a company admin starts one here; front-line staff are
 * pointed at the phone app; anyone else is told whom to ask.
 */
export function NoSitesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();
  const [creating, setCreating] = useState(false);
  const isStaffOnly = me.sites.length > 0; // has sites, none with a console role

  return (
    <Layout style={{ minHeight: 'calc(100vh - var(--demo-bar-height, 0px))' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #e8ebf0' }}>
        <BrandMark size={28} />
        <Typography.Text strong style={{ fontSize: 17 }}>
          {t('app.brandFull')}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        <Button onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login') })}>{t('auth.logout')}</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 48 }}>
        <Card style={{ maxWidth: 560, margin: '0 auto' }}>
          {isStaffOnly ? (
            <Result
              status="info"
              title={t('auth.useStaffApp')}
              subTitle={t('auth.noConsoleAccess')}
              extra={
                <Flex justify="center">
                  <StaffAppQrCode size={160} />
                </Flex>
              }
            />
          ) : (
            <Result
              status="info"
              title={t('site.noSites')}
              subTitle={me.isCompanyAdmin ? t('site.noSitesAdminHint') : t('site.noSitesHint')}
              extra={
                me.isCompanyAdmin ? (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                    {t('site.create')}
                  </Button>
                ) : undefined
              }
            />
          )}
        </Card>
      </Layout.Content>
      <CreateSiteModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(site) => {
          setCreating(false);
          void navigate(`/sites/${site.id}/overview`);
        }}
      />
    </Layout>
  );
}
