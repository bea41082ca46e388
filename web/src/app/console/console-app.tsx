import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { lazyNamed } from '../../shared/lazy-named';
import { PageSpinner } from '../../shared/ui/load-state';
import { ConsoleProviders } from './console-providers';
import { RequireAuth } from './require-auth';
import { SiteHome, SiteScope } from './site-scope';
import { NotFoundPage } from './not-found-page';
import { RequireSiteRole } from './require-site-role';
import { consoleOffers, type ConsoleMenuKey } from '@anchang/contracts';

const LoginPage = lazyNamed(() => import('../../features/auth/login-page'), 'LoginPage');
const SetupPage = lazyNamed(() => import('../../features/setup/setup-page'), 'SetupPage');
const OverviewPage = lazyNamed(() => import('../../features/overview/overview-page'), 'OverviewPage');
const ZonesPage = lazyNamed(() => import('../../features/zones/zones-page'), 'ZonesPage');
const PostsPage = lazyNamed(() => import('../../features/posts/posts-page'), 'PostsPage');
const PeoplePage = lazyNamed(() => import('../../features/people/people-page'), 'PeoplePage');
const NoticesPage = lazyNamed(() => import('../../features/notices/notices-page'), 'NoticesPage');
const AuditPage = lazyNamed(() => import('../../features/audit/audit-page'), 'AuditPage');
const CustomersPage = lazyNamed(() => import('../../features/customers/customers-page'), 'CustomersPage');
const SiteSettingsPage = lazyNamed(() => import('../../features/site-settings/site-settings-page'), 'SiteSettingsPage');
const StandardsPage = lazyNamed(() => import('../../features/standards/standards-page'), 'StandardsPage');
const StandardDetailPage = lazyNamed(() => import('../../features/standards/standard-detail-page'), 'StandardDetailPage');
const RosterPage = lazyNamed(() => import('../../features/roster/roster-page'), 'RosterPage');
const DayBoardPage = lazyNamed(() => import('../../features/day-board/day-board-page'), 'DayBoardPage');
const AnomaliesPage = lazyNamed(() => import('../../features/anomalies/anomalies-page'), 'AnomaliesPage');
const CheckpointsPage = lazyNamed(() => import('../../features/checkpoints/checkpoints-page'), 'CheckpointsPage');
const CheckpointPostersPage = lazyNamed(() => import('../../features/checkpoints/checkpoint-posters-page'), 'CheckpointPostersPage');
const PatrolsPage = lazyNamed(() => import('../../features/patrols/patrols-page'), 'PatrolsPage');
const IncidentsPage = lazyNamed(() => import('../../features/incidents/incidents-page'), 'IncidentsPage');
const LostFoundPage = lazyNamed(() => import('../../features/lost-found-console/lost-found-page'), 'LostFoundPage');
const HandoversPage = lazyNamed(() => import('../../features/handovers/handovers-page'), 'HandoversPage');
const RequisitionsPage = lazyNamed(() => import('../../features/forms/requisitions-page'), 'RequisitionsPage');
const SuppliesPage = lazyNamed(() => import('../../features/supplies/supplies-page'), 'SuppliesPage');
const ModelRoomsPage = lazyNamed(() => import('../../features/model-room-inventory/model-rooms-page'), 'ModelRoomsPage');
const OpinionsPage = lazyNamed(() => import('../../features/forms/opinions-page'), 'OpinionsPage');
const RoundsPage = lazyNamed(() => import('../../features/rounds/rounds-page'), 'RoundsPage');
const InspectionsPage = lazyNamed(() => import('../../features/inspections/inspections-page'), 'InspectionsPage');
const ComplaintsPage = lazyNamed(() => import('../../features/complaints/complaints-page'), 'ComplaintsPage');
const TrainingPage = lazyNamed(() => import('../../features/training/training-page'), 'TrainingPage');
const FactSheetPage = lazyNamed(() => import('../../features/training/fact-sheet-page'), 'FactSheetPage');
const AssessmentPage = lazyNamed(() => import('../../features/assessment/assessment-page'), 'AssessmentPage');
const AssessmentSchemePage = lazyNamed(() => import('../../features/assessment/scheme-page'), 'AssessmentSchemePage');
const RecommendationsPage = lazyNamed(() => import('../../features/assessment/recommendations-page'), 'RecommendationsPage');
const SatisfactionPage = lazyNamed(() => import('../../features/surveys/satisfaction-page'), 'SatisfactionPage');
const SurveyPostersPage = lazyNamed(() => import('../../features/surveys/survey-posters-page'), 'SurveyPostersPage');
const ClientReportsPage = lazyNamed(() => import('../../features/client-reports/client-reports-page'), 'ClientReportsPage');
const ClientReportPage = lazyNamed(() => import('../../features/client-reports/client-report-page'), 'ClientReportPage');
const SiteBoardPage = lazyNamed(() => import('../../features/site-board/site-board-page'), 'SiteBoardPage');
const SiteBoardTvPage = lazyNamed(() => import('../../features/site-board/site-board-tv-page'), 'SiteBoardTvPage');
const EquipmentPage = lazyNamed(() => import('../../features/equipment/equipment-page'), 'EquipmentPage');
const RepairsPage = lazyNamed(() => import('../../features/repairs/repairs-page'), 'RepairsPage');
const FeedbackFormsPage = lazyNamed(() => import('../../features/customer-feedback/feedback-forms-page'), 'FeedbackFormsPage');
const CustomerSummaryPage = lazyNamed(() => import('../../features/customer-feedback/customer-summary-page'), 'CustomerSummaryPage');
const MeetingsPage = lazyNamed(() => import('../../features/meetings/meetings-page'), 'MeetingsPage');
const VisitorHistoryPage = lazyNamed(() => import('../../features/dashboards/visitor-history-page'), 'VisitorHistoryPage');
const CompanyDashboardPage = lazyNamed(() => import('../../features/dashboards/company-dashboard-page'), 'CompanyDashboardPage');
const MeetingPage = lazyNamed(() => import('../../features/meetings/meeting-page'), 'MeetingPage');
const ChannelsPage = lazyNamed(() => import('../../features/integrations/channels-page'), 'ChannelsPage');

const page = (element: ReactNode) => <Suspense fallback={<PageSpinner />}>{element}</Suspense>;
/** A menu page, open to the roles the menu offers it to (contracts: CONSOLE_MENU, the server's groups). */
const offered = (key: ConsoleMenuKey, element: ReactNode) =>
  page(<RequireSiteRole allow={(role) => consoleOffers(key, role)}>{element}</RequireSiteRole>);

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  // The first-run setup: open while the installation has no company (RequireAuth sends people here).
  { path: '/setup', element: page(<SetupPage />) },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <SiteHome /> },
      {
        path: 'sites/:siteId',
        element: <SiteScope />,
        children: [
          { index: true, element: <Navigate to="overview" replace /> },
          { path: 'overview', element: offered('overview', <OverviewPage />) },
          { path: 'zones', element: offered('zones', <ZonesPage />) },
          { path: 'posts', element: offered('posts', <PostsPage />) },
          { path: 'people', element: offered('people', <PeoplePage />) },
          { path: 'notices', element: offered('notices', <NoticesPage />) },
          { path: 'audit', element: offered('audit', <AuditPage />) },
          { path: 'customers', element: offered('customers', <CustomersPage />) },
          { path: 'settings', element: offered('settings', <SiteSettingsPage />) },
          { path: 'standards', element: offered('standards', <StandardsPage />) },
          { path: 'standards/:postKind', element: offered('standards', <StandardDetailPage />) },
          { path: 'roster', element: offered('roster', <RosterPage />) },
          { path: 'day-board', element: offered('day-board', <DayBoardPage />) },
          { path: 'site-board', element: offered('site-board', <SiteBoardPage />) },
          { path: 'anomalies', element: offered('anomalies', <AnomaliesPage />) },
          { path: 'checkpoints', element: offered('checkpoints', <CheckpointsPage />) },
          { path: 'patrols', element: offered('patrols', <PatrolsPage />) },
          { path: 'incidents', element: offered('incidents', <IncidentsPage />) },
          { path: 'rounds', element: offered('rounds', <RoundsPage />) },
          { path: 'inspections', element: offered('inspections', <InspectionsPage />) },
          { path: 'complaints', element: offered('complaints', <ComplaintsPage />) },
          { path: 'assessment', element: offered('assessment', <AssessmentPage />) },
          { path: 'assessment-scheme', element: offered('assessment-scheme', <AssessmentSchemePage />) },
          { path: 'assessment-recommendations', element: offered('assessment-recommendations', <RecommendationsPage />) },
          { path: 'satisfaction', element: offered('satisfaction', <SatisfactionPage />) },
          { path: 'client-reports', element: offered('client-reports', <ClientReportsPage />) },
          { path: 'client-reports/:reportId', element: offered('client-reports', <ClientReportPage />) },
          { path: 'lost-found', element: offered('lost-found', <LostFoundPage />) },
          { path: 'handovers', element: offered('handovers', <HandoversPage />) },
          { path: 'equipment', element: offered('equipment', <EquipmentPage />) },
          { path: 'repairs', element: offered('repairs', <RepairsPage />) },
          { path: 'requisitions', element: offered('requisitions', <RequisitionsPage />) },
          { path: 'opinions', element: offered('opinions', <OpinionsPage />) },
          { path: 'feedback-forms', element: offered('feedback-forms', <FeedbackFormsPage />) },
          { path: 'customer-summary', element: offered('customer-summary', <CustomerSummaryPage />) },
          { path: 'supplies', element: offered('supplies', <SuppliesPage />) },
          { path: 'model-rooms', element: offered('model-rooms', <ModelRoomsPage />) },
          { path: 'meetings', element: offered('meetings', <MeetingsPage />) },
          { path: 'meetings/:meetingId', element: offered('meetings', <MeetingPage />) },
          { path: 'channels', element: offered('channels', <ChannelsPage />) },
          { path: 'training', element: offered('training', <TrainingPage />) },
          { path: 'fact-sheet', element: offered('fact-sheet', <FactSheetPage />) },
          { path: 'visitor-history', element: offered('visitor-history', <VisitorHistoryPage />) },
          { path: 'company-dashboard', element: offered('company-dashboard', <CompanyDashboardPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      // The TV view: the board alone, without the console's menu.
      { path: 'sites/:siteId/site-board/tv', element: page(<SiteBoardTvPage />) },
      // The QR posters alone, for printing.
      { path: 'sites/:siteId/checkpoints/posters', element: page(<CheckpointPostersPage />) },
      { path: 'sites/:siteId/satisfaction/posters', element: page(<SurveyPostersPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function ConsoleApp() {
  return (
    <ConsoleProviders>
      <RouterProvider router={router} />
    </ConsoleProviders>
  );
}
