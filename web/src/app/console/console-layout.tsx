import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Avatar, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BuildOutlined,
  CalendarOutlined,
  CommentOutlined,
  DashboardOutlined,
  DownOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  NotificationOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ReadOutlined,
  ScanOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { canManageSite, canOverseeShifts, canReadAudit, canReadPeople, canSendNotices } from '../../shared/auth/access';
import { useLogout, useMe } from '../../shared/auth/use-auth';
import { useCurrentSite } from '../../shared/site/current-site';
import { ConnectionIndicator } from '../../shared/ui/connection-indicator';
import { LanguageSwitch } from '../../shared/ui/language-switch';
import { StaffAppQrButton } from '../../shared/ui/staff-app-qr';
import { BrandMark } from '../../shared/ui/brand-mark';
import { SiteSwitcher } from '../../features/sites/site-switcher';
import { ChangePasswordModal } from '../../features/auth/change-password-modal';
import { AnomalyNotifier } from '../../features/anomalies/anomaly-notifier';
import { IncidentNotifier } from '../../features/incidents/incident-notifier';
import { LowStockNotifier } from '../../features/supplies/low-stock-notifier';
import { PhoneAppBanner } from '../../features/manager-phone/phone-app-banner';
import { canDecideIncidents } from '../../features/incidents/use-incidents';
import { BRAND } from './console-providers';

const { Sider, Header, Content } = Layout;

/** The console frame: site-scoped menu on the left, site switcher and account on top. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const site = useCurrentSite();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const base = `/sites/${site.id}`;
  const section = location.pathname.slice(base.length + 1).split('/')[0] || 'overview';
  // Modules on the way: shown so managers see where the product is going, greyed under their
  // own group heading instead of a badge on each (which crowds the menu in English).
  const soon = (key: string, icon: ReactNode, label: string) => ({
    key: `soon:${key}`,
    icon,
    disabled: true,
    label: <span title={t('common.comingSoon')}>{label}</span>,
  });

  const items: MenuProps['items'] = [
    { key: 'overview', icon: <DashboardOutlined />, label: t('nav.overview') },
    {
      type: 'group',
      key: 'operations',
      label: collapsed ? null : t('consoleShifts.nav.operations'),
      children: [
        { key: 'site-board', icon: <UserSwitchOutlined />, label: t('visits.board.nav') },
        { key: 'incidents', icon: <SafetyCertificateOutlined />, label: t('incidents.nav') },
        { key: 'lost-found', icon: <InboxOutlined />, label: t('incidents.lostFound.nav') },
        { key: 'repairs', icon: <ToolOutlined />, label: t('equipment.repairsNav') },
        { key: 'equipment', icon: <BuildOutlined />, label: t('equipment.nav') },
        { key: 'model-rooms', icon: <HomeOutlined />, label: t('modelRooms.nav') },
        { key: 'rounds', icon: <FieldTimeOutlined />, label: t('rounds.nav') },
        ...(canOverseeShifts(site.role)
          ? [
              { key: 'day-board', icon: <ProfileOutlined />, label: t('consoleShifts.nav.dayBoard') },
              { key: 'anomalies', icon: <AlertOutlined />, label: t('consoleShifts.nav.anomalies') },
              { key: 'patrols', icon: <ScanOutlined />, label: t('patrols.nav') },
              { key: 'checkpoints', icon: <QrcodeOutlined />, label: t('patrols.checkpointsNav') },
              { key: 'roster', icon: <CalendarOutlined />, label: t('consoleShifts.nav.roster') },
            ]
          : []),
        { key: 'standards', icon: <BookOutlined />, label: t('consoleShifts.nav.standards') },
        ...(canOverseeShifts(site.role)
          ? [
              { key: 'requisitions', icon: <ShoppingCartOutlined />, label: t('consoleShifts.nav.requisitions') },
              { key: 'opinions', icon: <CommentOutlined />, label: t('consoleShifts.nav.opinions') },
              { key: 'supplies', icon: <ShopOutlined />, label: t('supplies.nav') },
            ]
          : []),
      ],
    },
    {
      type: 'group',
      key: 'manage',
      label: collapsed ? null : t('nav.manage'),
      children: [
        { key: 'zones', icon: <EnvironmentOutlined />, label: t('nav.zones') },
        { key: 'posts', icon: <SolutionOutlined />, label: t('nav.posts') },
        ...(canReadPeople(site.role) ? [{ key: 'people', icon: <TeamOutlined />, label: t('nav.people') }] : []),
        ...(canSendNotices(site.role) ? [{ key: 'notices', icon: <NotificationOutlined />, label: t('nav.notices') }] : []),
        ...(canReadAudit(site.role) ? [{ key: 'audit', icon: <AuditOutlined />, label: t('nav.audit') }] : []),
        ...(canManageSite(site.role) ? [{ key: 'customers', icon: <IdcardOutlined />, label: t('nav.customers') }] : []),
        { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') },
      ],
    },
    {
      type: 'group',
      key: 'soon',
      label: collapsed ? null : t('nav.comingSoonGroup'),
      children: [soon('training', <ReadOutlined />, t('nav.training')), soon('reports', <BarChartOutlined />, t('nav.reports'))],
    },
  ];

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ];

  return (
    <Layout style={{ minHeight: 'calc(100vh - var(--demo-bar-height, 0px))' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        // Below md (a phone) the menu folds away entirely; its tab opens it over the page.
        breakpoint="md"
        collapsedWidth={narrow ? 0 : 80}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        width={224}
        className={narrow ? 'console-sider-narrow' : undefined}
        style={{
          position: narrow ? 'fixed' : 'sticky',
          top: 'var(--demo-bar-height, 0px)',
          height: 'calc(100vh - var(--demo-bar-height, 0px))',
          // Narrow, the menu floats over the page and its tab sticks out to the right: not clipped.
          overflow: narrow ? 'visible' : 'auto',
          zIndex: narrow ? 20 : undefined,
        }}
      >
        <Flex align="center" gap={10} style={{ height: 60, padding: collapsed ? '0 24px' : '0 20px' }}>
          <BrandMark size={28} />
          {collapsed ? null : (
            <Typography.Text strong style={{ color: '#fff', fontSize: 17, whiteSpace: 'nowrap' }}>
              {t('app.brandFull')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[section]}
          items={items}
          onClick={({ key }) => {
            if (!key.startsWith('soon:')) void navigate(`${base}/${key}`);
            if (narrow) setCollapsed(true); // the page, not the menu, is what was asked for
          }}
          style={{ borderInlineEnd: 0 }}
        />
      </Sider>
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: narrow ? 8 : 16,
            ...(narrow ? { padding: '0 12px' } : {}),
            borderBottom: '1px solid #e8ebf0',
            position: 'sticky',
            top: 'var(--demo-bar-height, 0px)',
            zIndex: 10,
          }}
        >
          <SiteSwitcher compact={narrow} />
          <div style={{ flex: 1 }} />
          <ConnectionIndicator />
          {/* On a phone the banner below leads to the site app; the header keeps only what fits. */}
          {narrow ? null : <StaffAppQrButton />}
          {narrow ? null : <LanguageSwitch />}
          <Dropdown
            trigger={['click']}
            menu={{
              items: userMenu,
              onClick: ({ key }) => {
                if (key === 'password') setPasswordOpen(true);
                if (key === 'logout') logout.mutate(undefined, { onSettled: () => void navigate('/login') });
              },
            }}
          >
            <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar style={{ background: BRAND.gold }}>{me.name.slice(0, 1)}</Avatar>
              <Flex vertical style={{ lineHeight: 1.25, ...(narrow ? { display: 'none' } : {}) }}>
                <Typography.Text strong>{me.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`roles.${site.role}`)}
                </Typography.Text>
              </Flex>
              <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
            </Flex>
          </Dropdown>
        </Header>
        {/* minWidth 0: a wide table scrolls inside the content, never the whole shell sideways. */}
        <Content style={{ padding: narrow ? 12 : 24, minWidth: 0, overflowX: 'auto' }}>
          <div style={{ maxWidth: 1280, margin: '0 auto' }}>
            <PhoneAppBanner />
            {children}
          </div>
        </Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      {canOverseeShifts(site.role) ? <AnomalyNotifier /> : null}
      {canDecideIncidents(site.role) ? <IncidentNotifier /> : null}
      {canOverseeShifts(site.role) ? <LowStockNotifier /> : null}
    </Layout>
  );
}
