import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { lazyNamed } from '../../shared/lazy-named';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { MobileProviders } from './mobile-providers';
import { MobileLayout } from './mobile-layout';
import { RequireStaffAuth } from './require-staff-auth';

const MobileLoginPage = lazyNamed(() => import('../../features/auth/login-page.mobile'), 'MobileLoginPage');
const HomePage = lazyNamed(() => import('../../features/staff-home/home-page.mobile'), 'HomePage');
const NoticeFeedPage = lazyNamed(() => import('../../features/notices/notice-feed.mobile'), 'NoticeFeedPage');
const MePage = lazyNamed(() => import('../../features/me/me-page.mobile'), 'MePage');
const ChangePasswordPage = lazyNamed(() => import('../../features/me/change-password.mobile'), 'ChangePasswordPage');

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

export function MobileApp() {
  return (
    <MobileProviders>
      <RouterProvider router={router} />
    </MobileProviders>
  );
}
