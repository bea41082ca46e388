import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { SafeArea, TabBar, Toast } from 'antd-mobile';
import { AppOutline, BellOutline, CheckShieldOutline, TeamOutline, UserOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PHONE_TABS, phoneTabsFor, type RealtimeEvent } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { useRealtimeEvent, useRealtimeSync } from '../../shared/realtime/use-realtime';
import { useStaffSite } from '../../shared/site/staff-site';
import { useNoticesSeenAt } from '../../features/notices/notice-seen';
import { flattenPages, prependNotification, useNotifications } from '../../features/notices/use-notifications';
import { OutboxBanner } from '../../shared/offline/outbox-banner.mobile';
import { setOutboxKindLoader } from '../../shared/offline/outbox-client';
import { loadOutboxKinds } from './outbox-kinds';

setOutboxKindLoader(loadOutboxKinds);
import { VisitNotifier } from '../../features/visits/visit-notifier.mobile';
import { ShuttleCallNotifier } from '../../features/visits/shuttle-call.mobile';
import { QuestionNotifier } from '../../features/questions/question-notifier.mobile';
import { AttentionNotifier } from '../../shared/attention/attention-notifier.mobile';
import styles from './mobile-layout.module.css';

/**
 * The phone frame: page above, tab bar below. It owns the live connection for the chosen site,
 * so a notice toasts on whatever tab the person is on, and the Notices tab shows an unread count.
 */
export function MobileLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useStaffSite();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useRealtimeSync(me.id, site?.id ?? null);
  const unread = useUnreadCount(site?.id ?? null, me.id);
  const page = useRef<HTMLElement>(null);
  // Pages share this scroller: a new page starts at its top, not where the last one was left.
  useEffect(() => {
    page.current?.scrollTo(0, 0); // (newer engines return a promise here: not a cleanup)
  }, [location.pathname]);

  useRealtimeEvent((event) => {
    if (event.type !== 'notification.created' || !site) return;
    // Site-wide notices arrive in the site room (siteId set); personal ones in my user room,
    // where the event carries no siteId, so those wait for the refetch the event triggers.
    if (event.siteId !== null && event.siteId !== site.id) return;
    const payload = event.payload as RealtimeEvent<'notification.created'>['payload'];
    if (event.siteId === site.id) {
      prependNotification(queryClient, site.id, {
        id: payload.notificationId,
        siteId: site.id,
        toPersonId: null,
        fromPersonId: null,
        fromName: payload.fromName,
        title: payload.title,
        body: payload.body,
        createdAt: event.at,
      });
    }
    Toast.show({ content: t('mobile.newNotice', { title: payload.title }), position: 'top', duration: 2500 });
  });

  const tabLabels: Record<string, { title: string; icon: ReactNode }> = {
    '/': { title: t('mobile.tabs.home'), icon: <AppOutline /> },
    '/shift': { title: t('shiftPhone.tab'), icon: <CheckShieldOutline /> },
    '/visits': { title: t('visits.tab'), icon: <TeamOutline /> },
    '/notices': { title: t('mobile.tabs.notices'), icon: <BellOutline /> },
    '/me': { title: t('mobile.tabs.me'), icon: <UserOutline /> },
  };
  // The tabs the shared description offers this person (contracts: PHONE_TABS): no shift tab for
  // someone never rostered, no visits tab for a viewer. Without a site there is only home and me.
  const offered = site
    ? phoneTabsFor(
        site.role,
        site.posts.map((p) => p.kind),
      )
    : PHONE_TABS.filter((entry) => entry.path === '/' || entry.path === '/me');
  const tabs = offered.flatMap((entry) => {
    const label = tabLabels[entry.path];
    return label ? [{ key: entry.path, ...label }] : [];
  });
  const active = tabs.find((tab) => tab.key !== '/' && location.pathname.startsWith(tab.key))?.key ?? '/';

  return (
    <div className={styles.app}>
      {/* Focusable, so a keyboard can scroll a screen that has nothing else to focus (axe: scrollable-region-focusable). */}
      <main className={styles.page} ref={page} tabIndex={0}>
        <Outlet />
      </main>
      <footer className={styles.tabBar}>
        <OutboxBanner />
        <TabBar activeKey={active} onChange={(key) => void navigate(key)} safeArea={false}>
          {tabs.map((tab) => (
            <TabBar.Item
              key={tab.key}
              title={tab.title}
              icon={tab.icon}
              badge={tab.key === '/notices' && unread > 0 ? (unread > 99 ? '99+' : unread) : undefined}
            />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </footer>
      {site ? <VisitNotifier site={site} personId={me.id} /> : null}
      {site ? <ShuttleCallNotifier site={site} /> : null}
      {site ? <QuestionNotifier site={site} personId={me.id} /> : null}
      {site ? <AttentionNotifier site={site} personId={me.id} name={me.name} /> : null}
    </div>
  );
}

/** Notices newer than the last look at the Notices tab, not counting my own. */
function useUnreadCount(siteId: string | null, myId: string): number {
  const seenAt = useNoticesSeenAt(siteId);
  const notifications = useNotifications(siteId ?? '', { enabled: !!siteId });
  return useMemo(
    () => flattenPages(notifications.data).filter((n) => n.createdAt > seenAt && n.fromPersonId !== myId).length,
    [notifications.data, seenAt, myId],
  );
}
