import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Avatar, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import {
  AimOutlined,
  ApiOutlined,
  AlertOutlined,
  AuditOutlined,
  FileSearchOutlined,
  SafetyCertificateOutlined,
  ControlOutlined,
  TrophyOutlined,
  UserDeleteOutlined,
  SmileOutlined,
  BookOutlined,
  BuildOutlined,
  CalendarOutlined,
  CommentOutlined,
  FormOutlined,
  FundOutlined,
  DashboardOutlined,
  DownOutlined,
  FileDoneOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SwapOutlined,
  KeyOutlined,
  LogoutOutlined,
  NotificationOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ScanOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UserSwitchOutlined,
  ReadOutlined,
  FileTextOutlined,
  LineChartOutlined,
  PieChartOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CONSOLE_SECTIONS, consoleMenuFor, type ConsoleMenuKey, type ConsoleSection } from '@anchang/contracts';
import { canOverseeShifts } from '../../shared/auth/access';
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

const SECTION_ICONS: Record<ConsoleSection, ReactNode> = {
  live: <AimOutlined />,
  operations: <ScheduleOutlined />,
  supplies: <ShopOutlined />,
  people: <TeamOutlined />,
  settings: <SettingOutlined />,
};

/** The icon and label of each console page of contracts' CONSOLE_MENU. */
const MENU_ICONS: Record<ConsoleMenuKey, ReactNode> = {
  overview: <DashboardOutlined />,
  'site-board': <UserSwitchOutlined />,
  'day-board': <ProfileOutlined />,
  anomalies: <AlertOutlined />,
  incidents: <SafetyCertificateOutlined />,
  'lost-found': <InboxOutlined />,
  handovers: <SwapOutlined />,
  rounds: <FieldTimeOutlined />,
  patrols: <ScanOutlined />,
  checkpoints: <QrcodeOutlined />,
  repairs: <ToolOutlined />,
  opinions: <CommentOutlined />,
  'feedback-forms': <FormOutlined />,
  'customer-summary': <FundOutlined />,
  customers: <IdcardOutlined />,
  supplies: <ShoppingOutlined />,
  requisitions: <ShoppingCartOutlined />,
  equipment: <BuildOutlined />,
  'model-rooms': <HomeOutlined />,
  roster: <CalendarOutlined />,
  people: <TeamOutlined />,
  notices: <NotificationOutlined />,
  standards: <BookOutlined />,
  zones: <EnvironmentOutlined />,
  posts: <SolutionOutlined />,
  settings: <SettingOutlined />,
  audit: <AuditOutlined />,
  meetings: <FileDoneOutlined />,
  inspections: <FileSearchOutlined />,
  complaints: <CommentOutlined />,
  training: <ReadOutlined />,
  'fact-sheet': <FileTextOutlined />,
  assessment: <TrophyOutlined />,
  'assessment-scheme': <ControlOutlined />,
  'assessment-recommendations': <UserDeleteOutlined />,
  'client-reports': <FileDoneOutlined />,
  'visitor-history': <LineChartOutlined />,
  'company-dashboard': <PieChartOutlined />,
  satisfaction: <SmileOutlined />,
  channels: <ApiOutlined />,
};
const MENU_LABELS = {
  overview: 'nav.overview',
  'site-board': 'visits.board.nav',
  'day-board': 'consoleShifts.nav.dayBoard',
  anomalies: 'consoleShifts.nav.anomalies',
  incidents: 'incidents.nav',
  'lost-found': 'incidents.lostFound.nav',
  handovers: 'handovers.nav',
  rounds: 'rounds.nav',
  patrols: 'patrols.nav',
  checkpoints: 'patrols.checkpointsNav',
  repairs: 'equipment.repairsNav',
  opinions: 'consoleShifts.nav.opinions',
  'feedback-forms': 'customerFeedback.nav.forms',
  'customer-summary': 'customerFeedback.nav.summary',
  customers: 'nav.customers',
  supplies: 'supplies.nav',
  requisitions: 'consoleShifts.nav.requisitions',
  equipment: 'equipment.nav',
  'model-rooms': 'modelRooms.nav',
  roster: 'consoleShifts.nav.roster',
  people: 'consoleMenu.entries.people',
  notices: 'nav.notices',
  standards: 'consoleShifts.nav.standards',
  zones: 'nav.zones',
  posts: 'nav.posts',
  settings: 'nav.settings',
  audit: 'nav.audit',
  meetings: 'consoleMenu.entries.meetings',
  inspections: 'consoleMenu.entries.inspections',
  complaints: 'consoleMenu.entries.complaints',
  training: 'training.nav',
  'fact-sheet': 'training.factSheetNav',
  assessment: 'assessment.nav',
  'assessment-scheme': 'assessment.schemeNav',
  'assessment-recommendations': 'assessment.recommendationsNav',
  'client-reports': 'clientReports.nav',
  'visitor-history': 'figures.history.nav',
  'company-dashboard': 'figures.dashboard.nav',
  satisfaction: 'surveys.nav',
  channels: 'integrations.nav',
} as const satisfies Record<ConsoleMenuKey, string>;

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
  // The menu is the shared description's (contracts: CONSOLE_MENU), filtered by the same role
  // groups the server checks, so no entry leads to a refusal. Each group folds, so the whole menu
  // fits a laptop screen; the group of the current page is open.
  const entries = consoleMenuFor(site.role);
  const currentSection = entries.find((entry) => entry.key === section)?.section;
  const [openSections, setOpenSections] = useState<string[]>(() => (currentSection ? [currentSection] : ['live']));
  useEffect(() => {
    if (currentSection) setOpenSections((open) => (open.includes(currentSection) ? open : [...open, currentSection]));
  }, [currentSection]);
  const siderRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Brings the current page's entry into view, after the group's opening motion has placed it.
    const timer = window.setTimeout(() => siderRef.current?.querySelector('.ant-menu-item-selected')?.scrollIntoView({ block: 'nearest' }), 250);
    return () => window.clearTimeout(timer);
  }, [section, openSections]);

  const items: MenuProps['items'] = CONSOLE_SECTIONS.map((key) => ({
    key,
    icon: SECTION_ICONS[key],
    label: t(`consoleMenu.sections.${key}`),
    children: entries
      .filter((entry) => entry.section === key)
      .map((entry) => ({ key: entry.key, icon: MENU_ICONS[entry.key], label: t(MENU_LABELS[entry.key]) })),
  })).filter((group) => group.children.length > 0);

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ];

  return (
    <Layout style={{ minHeight: 'calc(100vh - var(--demo-bar-height, 0px))' }}>
      <Sider
        ref={siderRef}
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
          openKeys={collapsed ? undefined : openSections}
          onOpenChange={setOpenSections}
          onClick={({ key }) => {
            void navigate(`${base}/${key}`);
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
            // Narrow, the menu's tab sits at the header's left end (console.css).
            ...(narrow ? { padding: '0 12px 0 52px' } : {}),
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
