import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { lazyNamed } from '../../shared/lazy-named';
import { registerOfflineShell } from '../../shared/offline/offline-shell';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { MobileProviders } from './mobile-providers';
import { MobileLayout } from './mobile-layout';
import { RequireStaffAuth } from './require-staff-auth';

/** The pages' chunks, loaded on demand; all of them once the offline shell is installed. */
const pages = {
  login: () => import('../../features/auth/login-page.mobile'),
  home: () => import('../../features/staff-home/home-page.mobile'),
  notices: () => import('../../features/notices/notice-feed.mobile'),
  me: () => import('../../features/me/me-page.mobile'),
  password: () => import('../../features/me/change-password.mobile'),
  shift: () => import('../../features/shift/shift-page.mobile'),
  preShift: () => import('../../features/shift/pre-shift-page.mobile'),
  standard: () => import('../../features/shift/standard-page.mobile'),
  postShift: () => import('../../features/shift/post-shift-page.mobile'),
  anomalies: () => import('../../features/shift/my-anomalies-page.mobile'),
  visits: () => import('../../features/visits/visits-page.mobile'),
};
const loadAllPages = () => Promise.all(Object.values(pages).map((load) => load()));

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

const page = (element: ReactNode) => <Suspense fallback={<MobileSpinner />}>{element}</Suspense>;

const router = createBrowserRouter(
  [
    { path: '/login', element: page(<MobileLoginPage />) },
    {
      path: '/',
      element: <RequireStaffAuth />,
      children: [
        {
          element: <MobileLayout />,
          children: [
            { index: true, element: page(<HomePage />) },
            { path: 'shift', element: page(<ShiftPage />) },
            { path: 'shift/pre', element: page(<PreShiftPage />) },
            { path: 'shift/standard', element: page(<StandardPage />) },
            { path: 'shift/post', element: page(<PostShiftPage />) },
            { path: 'shift/anomalies', element: page(<MyAnomaliesPage />) },
            { path: 'visits', element: page(<VisitsPage />) },
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

export function MobileApp() {
  return (
    <MobileProviders>
      <RouterProvider router={router} />
    </MobileProviders>
  );
}
