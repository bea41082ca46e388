import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { loadAllMessages } from '../../i18n';
import { lazyNamed } from '../../shared/lazy-named';
import { registerOfflineShell } from '../../shared/offline/offline-shell';
import { FirstPageShown, PageFallback } from '../../shared/ui-mobile/boot-splash';
import { MobileProviders } from './mobile-providers';
import { RequireStaffAuth } from './require-staff-auth';
import { RequirePhoneEntry } from './require-phone-entry';

/**
 * A page beyond the first ones also waits for the rest of the messages (src/i18n: the login page
 * and home need only the core sections, loaded before the first render).
 */
const withAllMessages =
  <M,>(load: () => Promise<M>) =>
  () =>
    Promise.all([load(), loadAllMessages()]).then(([page]) => page);

/** The pages' chunks, loaded on demand; all of them once the offline shell is installed. */
const pages = {
  login: () => import('../../features/auth/login-page.mobile'),
  home: () => import('../../features/staff-home/home-page.mobile'),
  notices: withAllMessages(() => import('../../features/notices/notice-feed.mobile')),
  me: withAllMessages(() => import('../../features/me/me-page.mobile')),
  password: withAllMessages(() => import('../../features/me/change-password.mobile')),
  shift: withAllMessages(() => import('../../features/shift/shift-page.mobile')),
  preShift: withAllMessages(() => import('../../features/shift/pre-shift-page.mobile')),
  standard: withAllMessages(() => import('../../features/shift/standard-page.mobile')),
  postShift: withAllMessages(() => import('../../features/shift/post-shift-page.mobile')),
  anomalies: withAllMessages(() => import('../../features/shift/my-anomalies-page.mobile')),
  visits: withAllMessages(() => import('../../features/visits/visits-page.mobile')),
  checkpointLanding: withAllMessages(() => import('../../features/patrols/checkpoint-landing.mobile')),
  myPatrols: withAllMessages(() => import('../../features/patrols/my-patrols-page.mobile')),
  lostFound: withAllMessages(() => import('../../features/lost-found/lost-found-page.mobile')),
  handover: withAllMessages(() => import('../../features/handovers/handover-pages.mobile')),
  incidents: withAllMessages(() => import('../../features/incidents/incidents-page.mobile')),
  reportIncident: withAllMessages(() => import('../../features/incidents/report-incident-page.mobile')),
  modelRoomCheck: withAllMessages(() => import('../../features/model-room-inventory/model-room-check-page.mobile')),
  modelRoomClosing: withAllMessages(() => import('../../features/model-room-inventory/model-room-closing-page.mobile')),
  stock: withAllMessages(() => import('../../features/supplies/stock-page.mobile')),
  rounds: withAllMessages(() => import('../../features/rounds/rounds-page.mobile')),
  assessment: withAllMessages(() => import('../../features/assessment/assessment-page.mobile')),
  assetLanding: withAllMessages(() => import('../../features/repairs/public-asset-page.mobile')),
  survey: withAllMessages(() => import('../../features/surveys/public-survey-page.mobile')),
  repairs: withAllMessages(() => import('../../features/repairs/repairs-page.mobile')),
  reportRepair: withAllMessages(() => import('../../features/repairs/report-repair-page.mobile')),
  equipmentChecks: withAllMessages(() => import('../../features/repairs/daily-check-page.mobile')),
  managerAnomalies: withAllMessages(() => import('../../features/manager-phone/anomalies-inbox.mobile')),
  managerDayBoard: withAllMessages(() => import('../../features/manager-phone/day-board.mobile')),
  managerSiteBoard: withAllMessages(() => import('../../features/manager-phone/site-board.mobile')),
  managerApprovals: withAllMessages(() => import('../../features/manager-phone/approvals.mobile')),
  managerRepairs: withAllMessages(() => import('../../features/manager-phone/overdue-repairs.mobile')),
  myActionItems: withAllMessages(() => import('../../features/meetings/my-action-items.mobile')),
  managerDebrief: withAllMessages(() => import('../../features/meetings/today-debrief.mobile')),
  inspect: withAllMessages(() => import('../../features/inspections/inspect-page.mobile')),
  inspectionForm: withAllMessages(() => import('../../features/inspections/inspection-form-page.mobile')),
  myRectifications: withAllMessages(() => import('../../features/inspections/my-rectifications-page.mobile')),
  training: withAllMessages(() => import('../../features/training/my-training-page.mobile')),
  factSheet: withAllMessages(() => import('../../features/training/fact-sheet.mobile')),
  complaints: withAllMessages(() => import('../../features/complaints/complaints-page.mobile')),
  fileComplaint: withAllMessages(() => import('../../features/complaints/file-complaint-page.mobile')),
  feedbackForms: withAllMessages(() => import('../../features/customer-feedback/feedback-forms.mobile')),
};
const loadAllPages = () => Promise.all(Object.values(pages).map((load) => load()));

// The phone's frame (tab bar, live connection, banners) only after login: the login page loads without it.
const MobileLayout = lazyNamed(() => import('./mobile-layout'), 'MobileLayout');
const MobileLoginPage = lazyNamed(pages.login, 'MobileLoginPage');
const HomePage = lazyNamed(pages.home, 'HomePage');
const NoticeFeedPage = lazyNamed(pages.notices, 'NoticeFeedPage');
const MePage = lazyNamed(pages.me, 'MePage');
const ChangePasswordPage = lazyNamed(pages.password, 'ChangePasswordPage');
const ShiftPage = lazyNamed(pages.shift, 'ShiftPage');
const PreShiftPage = lazyNamed(pages.preShift, 'PreShiftPage');
const StandardPage = lazyNamed(pages.standard, 'StandardPage');
const PostShiftPage = lazyNamed(pages.postShift, 'PostShiftPage');
const MyAnomaliesPage = lazyNamed(pages.anomalies, 'MyAnomaliesPage');
const VisitsPage = lazyNamed(pages.visits, 'VisitsPage');
const CheckpointLandingPage = lazyNamed(pages.checkpointLanding, 'CheckpointLandingPage');
const MyPatrolsPage = lazyNamed(pages.myPatrols, 'MyPatrolsPage');
const LostFoundPage = lazyNamed(pages.lostFound, 'LostFoundPage');
const WriteHandoverPage = lazyNamed(pages.handover, 'WriteHandoverPage');
const HandoverDetailPage = lazyNamed(pages.handover, 'HandoverDetailPage');
const IncidentsPage = lazyNamed(pages.incidents, 'IncidentsPage');
const ReportIncidentPage = lazyNamed(pages.reportIncident, 'ReportIncidentPage');
const ModelRoomCheckPage = lazyNamed(pages.modelRoomCheck, 'ModelRoomCheckPage');
const ModelRoomClosingPage = lazyNamed(pages.modelRoomClosing, 'ModelRoomClosingPage');
const StockPage = lazyNamed(pages.stock, 'StockPage');
const StockCountPage = lazyNamed(pages.stock, 'StockCountPage');
const RoundsPage = lazyNamed(pages.rounds, 'RoundsPage');
const MyAssessmentPage = lazyNamed(pages.assessment, 'MyAssessmentPage');
const PublicAssetPage = lazyNamed(pages.assetLanding, 'PublicAssetPage');
const PublicSurveyPage = lazyNamed(pages.survey, 'PublicSurveyPage');
const RepairsPage = lazyNamed(pages.repairs, 'RepairsPage');
const ReportRepairPage = lazyNamed(pages.reportRepair, 'ReportRepairPage');
const DailyCheckPage = lazyNamed(pages.equipmentChecks, 'DailyCheckPage');
const AnomaliesInboxPage = lazyNamed(pages.managerAnomalies, 'AnomaliesInboxPage');
const DayBoardPhonePage = lazyNamed(pages.managerDayBoard, 'DayBoardPhonePage');
const SiteBoardPhonePage = lazyNamed(pages.managerSiteBoard, 'SiteBoardPhonePage');
const ApprovalsPage = lazyNamed(pages.managerApprovals, 'ApprovalsPage');
const OverdueRepairsPage = lazyNamed(pages.managerRepairs, 'OverdueRepairsPage');
const MyActionItemsPage = lazyNamed(pages.myActionItems, 'MyActionItemsPage');
const TodayDebriefPage = lazyNamed(pages.managerDebrief, 'TodayDebriefPage');
const InspectPage = lazyNamed(pages.inspect, 'InspectPage');
const InspectionFormPage = lazyNamed(pages.inspectionForm, 'InspectionFormPage');
const MyRectificationsPage = lazyNamed(pages.myRectifications, 'MyRectificationsPage');
const MyTrainingPage = lazyNamed(pages.training, 'MyTrainingPage');
const FactSheetPhonePage = lazyNamed(pages.factSheet, 'FactSheetPhonePage');
const ComplaintsPhonePage = lazyNamed(pages.complaints, 'ComplaintsPhonePage');
const FileComplaintPage = lazyNamed(pages.fileComplaint, 'FileComplaintPage');
const ModelRoomFeedbackPage = lazyNamed(pages.feedbackForms, 'ModelRoomFeedbackPage');
const ParkingFeedbackPage = lazyNamed(pages.feedbackForms, 'ParkingFeedbackPage');

const page = (element: ReactNode) => (
  <Suspense fallback={<PageFallback />}>
    <FirstPageShown />
    {element}
  </Suspense>
);
/** A screen offered only to some roles or posts (contracts: PHONE_TABS, PHONE_HOME). */
const offered = (entry: string, element: ReactNode) => page(<RequirePhoneEntry path={entry}>{element}</RequirePhoneEntry>);

const router = createBrowserRouter(
  [
    { path: '/login', element: page(<MobileLoginPage />) },
    // A checkpoint's QR: public, and records the scan when a staff session exists.
    { path: '/q/c/:code', element: page(<CheckpointLandingPage />) },
    // An asset's QR: anyone reports a problem; a technician proves arrival.
    { path: '/q/a/:code', element: page(<PublicAssetPage />) },
    // A satisfaction QR (farewell or poster): visitors rate, no login.
    { path: '/q/s/:token', element: page(<PublicSurveyPage />) },
    {
      path: '/',
      element: <RequireStaffAuth />,
      children: [
        {
          element: page(<MobileLayout />),
          children: [
            { index: true, element: page(<HomePage />) },
            { path: 'shift', element: offered('/shift', <ShiftPage />) },
            { path: 'shift/pre', element: offered('/shift', <PreShiftPage />) },
            { path: 'shift/standard', element: offered('/shift', <StandardPage />) },
            { path: 'shift/post', element: offered('/shift', <PostShiftPage />) },
            { path: 'shift/anomalies', element: offered('/shift', <MyAnomaliesPage />) },
            { path: 'visits', element: offered('/visits', <VisitsPage />) },
            { path: 'patrols', element: offered('/patrols', <MyPatrolsPage />) },
            { path: 'lost-found', element: page(<LostFoundPage />) },
            // The night-shift handover; GUARD-IN-11's closing routine links to /handover/new (HANDOVER_NEW_PATH).
            { path: 'handover/new', element: offered('/handover', <WriteHandoverPage />) },
            { path: 'handover/:handoverId', element: offered('/handover', <HandoverDetailPage />) },
            { path: 'incidents', element: offered('/incidents', <IncidentsPage />) },
            { path: 'incidents/new', element: offered('/incidents', <ReportIncidentPage />) },
            { path: 'model-room-check', element: offered('/model-room-check', <ModelRoomCheckPage />) },
            { path: 'model-room-closing', element: offered('/model-room-closing', <ModelRoomClosingPage />) },
            { path: 'supplies', element: offered('/supplies', <StockPage />) },
            { path: 'supplies/count', element: offered('/supplies', <StockCountPage />) },
            { path: 'rounds', element: offered('/rounds', <RoundsPage />) },
            { path: 'assessment', element: offered('/assessment', <MyAssessmentPage />) },
            { path: 'repairs', element: offered('/repairs', <RepairsPage />) },
            { path: 'repairs/new', element: offered('/repairs', <ReportRepairPage />) },
            { path: 'repairs/checks', element: offered('/repairs/checks', <DailyCheckPage />) },
            // The site manager's and supervisor's screens (features/manager-phone).
            { path: 'manage/anomalies', element: offered('/manage/anomalies', <AnomaliesInboxPage />) },
            { path: 'manage/day-board', element: offered('/manage/day-board', <DayBoardPhonePage />) },
            { path: 'manage/site-board', element: offered('/manage/site-board', <SiteBoardPhonePage />) },
            { path: 'manage/approvals', element: offered('/manage/approvals', <ApprovalsPage />) },
            { path: 'manage/repairs', element: offered('/manage/repairs', <OverdueRepairsPage />) },
            { path: 'action-items', element: offered('/action-items', <MyActionItemsPage />) },
            { path: 'manage/debrief', element: offered('/manage/debrief', <TodayDebriefPage />) },
            // Supervisor inspections (features/inspections).
            { path: 'inspect', element: offered('/inspect', <InspectPage />) },
            { path: 'inspect/:postId', element: offered('/inspect', <InspectionFormPage />) },
            { path: 'rectifications', element: offered('/rectifications', <MyRectificationsPage />) },
            { path: 'training', element: offered('/training', <MyTrainingPage />) },
            { path: 'fact-sheet', element: offered('/fact-sheet', <FactSheetPhonePage />) },
            // Complaints (features/complaints): mine to handle, and filing a new one.
            { path: 'complaints', element: offered('/complaints', <ComplaintsPhonePage />) },
            { path: 'complaints/new', element: offered('/complaints', <FileComplaintPage />) },
            // The customer feedback forms (features/customer-feedback).
            { path: 'feedback/model-room', element: offered('/feedback/model-room', <ModelRoomFeedbackPage />) },
            { path: 'feedback/parking', element: offered('/feedback/parking', <ParkingFeedbackPage />) },
            { path: 'notices', element: page(<NoticeFeedPage />) },
            { path: 'me', element: page(<MePage />) },
          ],
        },
        { path: 'me/password', element: page(<ChangePasswordPage />) },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/m' },
);

registerOfflineShell(loadAllPages);

/**
 * Starts downloading the first screen's code while the messages load, rather than after the
 * first render asks for it: one round trip less on 4G. Only the login page: a signed-in phone
 * has the rest from its offline shell.
 */
export function preloadFirstScreen(pathname: string): void {
  if (pathname === '/m/login' || pathname.startsWith('/m/login/')) void pages.login().catch(() => undefined);
}

export function MobileApp() {
  return (
    <MobileProviders>
      <RouterProvider router={router} />
    </MobileProviders>
  );
}
