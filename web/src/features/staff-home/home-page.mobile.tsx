import { FeedbackHomeCard } from '../customer-feedback/feedback-home-card.mobile';
import { useNavigate } from 'react-router';
import { ActionSheet, Card, List, SafeArea, Tag } from 'antd-mobile';
import { DownOutline, RightOutline, SoundOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { useMe } from '../../shared/auth/use-auth';
import { formatLocal, formatRelative } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { greetsGuests, phoneOffersOn } from '../../shared/auth/access';
import { AssessmentHomeCard } from '../assessment/assessment-home-card.mobile';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { flattenPages, useNotifications } from '../notices/use-notifications';
import { ShiftHomeCard } from '../shift/shift-home-card.mobile';
import { useGreetingNow } from '../shift/use-shift';
import { IncidentHomeCard } from '../incidents/incident-home-card.mobile';
import { RepairsHomeCard } from '../repairs/repairs-home-card.mobile';
import { SuppliesHomeCard } from '../supplies/supplies-home-card.mobile';
import { RoundsHomeCard } from '../rounds/rounds-home-card.mobile';
import { PatrolsHomeCard } from '../patrols/patrols-home-card.mobile';
import { ConsultantHome } from '../consultant-home/consultant-home.mobile';
import { ManagerHomeSection } from '../manager-phone/manager-home.mobile';
import { ActionItemsHomeCard, DebriefHomeCard } from '../meetings/action-items-home-card.mobile';
import { FactSheetHomeCard, TrainingHomeCard } from '../training/training-home-card.mobile';
import styles from './home-page.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { InspectHomeCard, MyRectificationsHomeCard } from '../inspections/inspection-home-cards.mobile';
import { ComplaintsHomeCard } from '../complaints/complaints-home-card.mobile';
import { HandoverHomeCard } from '../handovers/handover-home-card.mobile';
import { ClosingHomeCard } from '../model-room-inventory/closing-home-card.mobile';

/** The staff member's day at a glance: where, which posts, how to greet now, the latest notice. */
export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { site, sites, chooseSite } = useStaffSite();
  const now = useNow();
  const timeZone = site?.timeZone ?? 'Asia/Shanghai';
  // One answer with the shift screen: the site's greeting window of now, or none (then a plain 你好).
  const { greeting: greetingWindow, windows: greetingWindows } = useGreetingNow(site?.id ?? null, timeZone);
  const greeting = greetingWindow ? (locale === 'en-US' ? greetingWindow.en : greetingWindow.zh) : null;
  const date = formatLocal(now, timeZone, locale === 'zh-CN' ? 'M月D日 dddd' : 'dddd, MMM D');

  const pickSite = () =>
    ActionSheet.show({
      extra: t('mobile.chooseSite'),
      actions: sites.map((s) => ({ key: s.id, text: s.id === site?.id ? `${s.name} ✓` : s.name, onClick: () => chooseSite(s.id) })),
      closeOnAction: true,
    });

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <SafeArea position="top" />
        <div className={styles.topRow}>
          {site ? (
            <button type="button" className={styles.siteButton} onClick={sites.length > 1 ? pickSite : undefined} data-testid="staff-site-name">
              <span className={styles.siteName}>{site.name}</span>
              {sites.length > 1 ? <DownOutline fontSize={12} /> : null}
            </button>
          ) : (
            <span />
          )}
          <ConnectionChip tone="dark" />
        </div>
        <h1 className={styles.hello}>{t('mobile.hello', { greeting: greeting ?? t('mobile.helloPlain'), name: me.name })}</h1>
        <div className={styles.meta}>
          {t('mobile.today', { date })}
          {site ? <span className={styles.role}>{t(`roles.${site.role}`)}</span> : null}
        </div>
      </header>

      <div className={styles.cards}>
        {!site ? (
          <Card className={styles.card}>
            <PhoneState status="empty" title={t('mobile.noSites')} description={t('mobile.noSitesHint')} />
          </Card>
        ) : site.role === 'sales_consultant' ? (
          // A consultant has no post, roster or stock to count: their own home, and what a meeting gave them.
          <>
            <ConsultantHome site={site} />
            {phoneOffersOn(site, '/action-items') ? <ActionItemsHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/complaints') ? <ComplaintsHomeCard site={site} /> : null}
          </>
        ) : (
          <>
            {/* Each entry only for whom the shared description offers it (contracts: PHONE_TABS, PHONE_HOME). */}
            {phoneOffersOn(site, '/manage/day-board') ? <ManagerHomeSection site={site} /> : null}

            {phoneOffersOn(site, '/handover') ? <HandoverHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/shift') ? <ShiftHomeCard site={site} /> : null}
            {/* The concierge's end of the day (GUARD-IN-10, 11): item check, switches off, then the handover. */}
            {phoneOffersOn(site, '/model-room-closing') ? <ClosingHomeCard site={site} /> : null}

            {phoneOffersOn(site, '/incidents') ? <IncidentHomeCard siteId={site.id} /> : null}

            {phoneOffersOn(site, '/repairs') ? <RepairsHomeCard siteId={site.id} /> : null}
            {phoneOffersOn(site, '/complaints') ? <ComplaintsHomeCard site={site} /> : null}

            {phoneOffersOn(site, '/feedback/model-room') ? <FeedbackHomeCard site={site} kind="model_room" /> : null}
            {phoneOffersOn(site, '/feedback/parking') ? <FeedbackHomeCard site={site} kind="parking" /> : null}

            <SuppliesHomeCard site={site} />

            {phoneOffersOn(site, '/patrols') ? <PatrolsHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/rounds') ? <RoundsHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/manage/debrief') ? <DebriefHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/action-items') ? <ActionItemsHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/inspect') ? <InspectHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/rectifications') ? <MyRectificationsHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/training') ? <TrainingHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/fact-sheet') ? <FactSheetHomeCard site={site} /> : null}
            {phoneOffersOn(site, '/assessment') ? <AssessmentHomeCard site={site} /> : null}

            {greetsGuests(site) ? (
              <Card className={styles.card} title={t('mobile.greetingHint')}>
                <div className={styles.greetingWord} data-testid="greeting-hint">
                  {greeting ?? '—'}
                </div>
                <p className={styles.greetingSay}>{greeting ? t('mobile.greetingSay', { greeting }) : t('shiftPhone.greetingNone')}</p>
                <p className={styles.greetingWindows}>
                  {(greetingWindows ?? []).map((w) => `${locale === 'en-US' ? w.en : w.zh} ${w.from}–${w.to}`).join(' · ')}
                </p>
              </Card>
            ) : null}

            {phoneOffersOn(site, '/shift') ? (
              <Card className={styles.card} title={t('mobile.myPosts')} bodyClassName={styles.flushBody}>
                {site.posts.length ? (
                  <List>
                    {site.posts.map((post) => (
                      <List.Item
                        key={post.id}
                        // The kind says which service standard applies; skip it when the name already does.
                        description={post.name === t(`postKinds.${post.kind}`) ? undefined : t(`postKinds.${post.kind}`)}
                        data-testid="my-post"
                      >
                        {post.name}
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <p className={styles.muted}>{t('mobile.noPosts')}</p>
                )}
              </Card>
            ) : null}

            <LatestNotice siteId={site.id} onOpen={() => void navigate('/notices')} />
          </>
        )}
      </div>
    </div>
  );
}

function LatestNotice({ siteId, onOpen }: { siteId: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const notifications = useNotifications(siteId);
  const latest = flattenPages(notifications.data)[0];
  return (
    <Card
      className={styles.card}
      title={
        <span className={styles.cardTitle}>
          <SoundOutline /> {t('mobile.latestNotice')}
        </span>
      }
      extra={
        <a className={styles.more} onClick={onOpen}>
          {t('mobile.allNotices')} <RightOutline />
        </a>
      }
      onClick={latest ? onOpen : undefined}
    >
      {latest ? (
        <div data-testid="latest-notice">
          <div className={styles.noticeTitle}>{latest.title}</div>
          {latest.body ? <div className={styles.noticeBody}>{latest.body}</div> : null}
          <div className={styles.noticeMeta}>
            <Tag fill="outline" color="primary">
              {latest.fromName}
            </Tag>
            <span>{formatRelative(latest.createdAt)}</span>
          </div>
        </div>
      ) : (
        <p className={styles.muted}>
          {notifications.isPending ? t('common.loading') : notifications.isError ? t('common.loadFailed') : t('mobile.noticesEmpty')}
        </p>
      )}
    </Card>
  );
}
