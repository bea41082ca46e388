import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, List, NoticeBar, ProgressBar, SafeArea, Tag, Toast } from 'antd-mobile';
import {
  CheckShieldOutline,
  ClockCircleOutline,
  ExclamationCircleFill,
  ExclamationShieldOutline,
  FileOutline,
  UnorderedListOutline,
} from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Me, MeSite, PostKind } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { useMe } from '../../shared/auth/use-auth';
import { shiftTimeRange } from '../../shared/format/shift-time';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useOnline } from '../../shared/offline/use-online';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { checklistState, PROGRESS_COLORS, type ChecklistProgress } from '../../shared/format/checklist-progress';
import { ChecklistProgressText } from './checklist-progress-text.mobile';
import { rosterLineStatus } from './day-rules';
import { clockInOpensAt, itemsOfPhase, minutesBetween, progressOf, textIn } from './shift-rules';
import { useCurrentShift, useMyAnomalies, useStandardSettings, type CurrentShift } from './use-shift';
import { useShiftActions, type RosterLine } from './use-shift-actions';
import styles from './shift.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { standardKeys, standardsApi } from '../standards/standards-api';

/** 上岗: today's roster lines with 签到, or, on shift, the shift at a glance and its sections. */
export function ShiftPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  const me = useMe();
  if (!site) return <PhoneState status="empty" fullPage title={t('shiftPhone.noSite')} description={t('mobile.noSitesHint')} />;
  return <ShiftOfSite site={site} me={me} />;
}

function ShiftOfSite({ site, me }: { site: MeSite; me: Me }) {
  const { t } = useTranslation();
  const online = useOnline();
  const current = useCurrentShift(site.id, site.timeZone, me);

  if (current.isLoading) {
    if (online) return <MobileSpinner />;
    return <PhoneState status="disconnected" fullPage title={t('shiftPhone.offlineNoData')} description={t('shiftPhone.offlineNoDataHint')} />;
  }
  if (!current.myDay) {
    return (
      <PhoneState status="disconnected" fullPage title={t('common.loadFailed')} description={describeError(current.error)}>
        <Button color="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      </PhoneState>
    );
  }
  return current.phase === 'off' ? <Today site={site} me={me} current={current} /> : <OnShift site={site} current={current} />;
}

// ---- before clocking in ----

function Today({ site, me, current }: { site: MeSite; me: Me; current: CurrentShift }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(30_000);
  const settings = useStandardSettings(site.id);
  const actions = useShiftActions(site.id, me.id);
  const navigate = useNavigate();
  const [clocking, setClocking] = useState<string | null>(null);
  const day = current.myDay!;
  const date = formatLocal(now, site.timeZone, locale === 'zh-CN' ? 'M月D日 dddd' : 'dddd, MMM D');
  const earlyMinutes = settings.data?.clockInEarlyMinutes ?? 60;
  const openShiftId = day.openShift?.id ?? null;
  usePrefetchStandards(site.id, day.roster);

  const clockIn = async (line: RosterLine) => {
    setClocking(line.entry.id);
    try {
      await actions.clockIn(line);
      Toast.show({ icon: 'success', content: navigator.onLine ? t('shiftPhone.clockedIn') : t('shiftPhone.clockedInWaiting') });
      void navigate('/shift', { replace: true });
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setClocking(null);
    }
  };

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <SafeArea position="top" />
        <div className={styles.headerTop}>
          <span>{site.name}</span>
          <ConnectionChip tone="dark" />
        </div>
        <h1 className={styles.headerTitle}>{t('shiftPhone.title')}</h1>
        <div className={styles.headerMeta}>{t('shiftPhone.today', { date })}</div>
      </header>

      <div className={`${styles.body} ${styles.lifted}`}>
        {current.failedClockIns.map((item) => (
          <Card key={item.key} className={`${styles.card} ${styles.failedCard}`} data-testid="clock-in-failed">
            <div className={styles.failedTitle}>
              <ExclamationCircleFill /> {t('shiftPhone.clockInFailed')} · {item.op.postName}
            </div>
            <p className={styles.failedText}>{item.error ? describeOutboxError(item.error) : null}</p>
            <Button size="small" onClick={() => void actions.discard(item.key)}>
              {t('common.confirm')}
            </Button>
          </Card>
        ))}

        {day.roster.length === 0 ? (
          <Card className={styles.card}>
            <PhoneState status="empty" title={t('shiftPhone.noRoster')} description={t('shiftPhone.noRosterHint')} />
          </Card>
        ) : (
          day.roster.map((line) => {
            const availability = rosterLineStatus(line, openShiftId, now, earlyMinutes);
            const done = availability === 'done';
            const busy = openShiftId !== null;
            return (
              <Card key={line.entry.id} className={styles.card} data-testid="roster-line">
                <div className={styles.line}>
                  <div className={styles.lineTop}>
                    <div>
                      <div className={styles.lineName}>{line.postName}</div>
                      <div className={styles.lineTime}>
                        {line.postName === t(`postKinds.${line.postKind}`) ? null : `${t(`postKinds.${line.postKind}`)} · `}
                        {shiftTimeRange(t, line.entry.start, line.entry.end)}
                      </div>
                    </div>
                    {done ? <Tag color="success">{t('shiftPhone.shiftDone')}</Tag> : null}
                  </div>
                  {done ? null : (
                    <>
                      <Button
                        block
                        color="primary"
                        className={styles.bigButton}
                        loading={clocking === line.entry.id}
                        loadingText={t('shiftPhone.clockingIn')}
                        disabled={busy || availability !== 'open' || clocking !== null}
                        onClick={() => void clockIn(line)}
                      >
                        {t('shiftPhone.clockIn')}
                      </Button>
                      {busy ? (
                        <p className={styles.muted}>{t('shiftPhone.clockInBusy')}</p>
                      ) : availability === 'tooEarly' ? (
                        <p className={styles.muted}>
                          {t('shiftPhone.clockInOpensAt', { time: formatLocal(clockInOpensAt(line.startsAt, earlyMinutes), site.timeZone, 'HH:mm') })}
                        </p>
                      ) : availability === 'over' ? (
                        <p className={styles.muted}>{t('shiftPhone.clockInOver')}</p>
                      ) : null}
                    </>
                  )}
                </div>
              </Card>
            );
          })
        )}

        <MyAnomaliesLink siteId={site.id} />
      </div>
    </div>
  );
}

/**
 * The standards of today's posts, fetched while there is signal: a clock-in made later without
 * one still shows its checklists (they are kept on the phone with the other answers).
 */
function usePrefetchStandards(siteId: string, roster: RosterLine[]) {
  const queryClient = useQueryClient();
  const kinds = [...new Set(roster.map((line) => line.postKind))].join(',');
  useEffect(() => {
    for (const kind of kinds ? (kinds.split(',') as PostKind[]) : []) {
      void queryClient.prefetchQuery({
        queryKey: standardKeys.one(siteId, kind),
        queryFn: () => standardsApi.get(siteId, kind),
        staleTime: 10 * 60_000,
      });
    }
  }, [queryClient, siteId, kinds]);
}

// ---- on shift ----

function OnShift({ site, current }: { site: MeSite; current: CurrentShift }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const standard = current.standard;
  const pre = standard ? progressOf(itemsOfPhase(standard.items, 'PRE'), current.results) : null;
  const post = standard ? progressOf(itemsOfPhase(standard.items, 'POST'), current.results) : null;
  const preDone = pre ? pre.done === pre.total : false;
  const sectionTone = (p: ChecklistProgress | null) => (p ? (checklistState(p) === 'clear' ? 'done' : 'todo') : 'plain');

  return (
    <div className={styles.page}>
      <ShiftHeader site={site} current={current} />
      <div className={`${styles.body} ${styles.lifted}`}>
        {current.isProvisional ? <NoticeBar content={t('shiftPhone.provisional')} color="info" wrap /> : null}
        {current.phase === 'closing' ? (
          <Card className={styles.card} data-testid="clock-out-waiting">
            <div className={styles.failedTitle} style={{ color: '#8a4b00' }}>
              <ClockCircleOutline /> {t('shiftPhone.post.closingTitle')}
            </div>
            <p className={styles.failedText}>{t('shiftPhone.post.closingHint')}</p>
          </Card>
        ) : null}
        {current.failedClockOut?.error ? (
          <Card className={`${styles.card} ${styles.failedCard}`} onClick={() => void navigate('/shift/post')}>
            <div className={styles.failedTitle}>
              <ExclamationCircleFill /> {describeOutboxError(current.failedClockOut.error)}
            </div>
          </Card>
        ) : null}

        <List mode="card" className={styles.sectionList} style={{ margin: 0 }}>
          <SectionItem
            icon={<CheckShieldOutline />}
            tone={sectionTone(pre)}
            title={t('shiftPhone.sections.pre')}
            hint={
              preDone
                ? pre!.anomalies
                  ? t('shiftPhone.preDoneWithAnomalies', { count: pre!.anomalies })
                  : t('shiftPhone.preDone')
                : t('shiftPhone.sections.preHint')
            }
            progress={pre}
            onClick={() => void navigate('/shift/pre')}
            testId="section-pre"
          />
          <SectionItem
            icon={<FileOutline />}
            title={t('shiftPhone.sections.standard')}
            hint={standard ? `${textIn(standard.title, locale)} · ${t('shiftPhone.sections.standardHint')}` : t('shiftPhone.sections.standardHint')}
            extra={standard ? <Tag fill="outline">{t('shiftPhone.standardVersion', { version: standard.version })}</Tag> : null}
            onClick={() => void navigate('/shift/standard')}
            testId="section-standard"
          />
          <SectionItem
            icon={<UnorderedListOutline />}
            tone={post && post.done === post.total ? sectionTone(post) : 'plain'}
            title={t('shiftPhone.sections.post')}
            hint={t('shiftPhone.sections.postHint')}
            progress={post}
            onClick={() => void navigate('/shift/post')}
            testId="section-post"
          />
        </List>
        <MyAnomaliesLink siteId={site.id} />
      </div>
    </div>
  );
}

/** Post, time on shift, the greeting to use now, guests on site. */
export function ShiftHeader({ site, current }: { site: MeSite; current: CurrentShift }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(30_000);
  const shift = current.shift!;
  const minutes = minutesBetween(shift.clockInAt, now);
  const hours = Math.floor(minutes / 60);
  const duration = hours ? t('shiftPhone.hoursMinutes', { hours, minutes: minutes % 60 }) : t('shiftPhone.minutes', { count: minutes });
  const greeting = current.greeting;
  return (
    <header className={styles.header} data-testid="shift-header">
      <SafeArea position="top" />
      <div className={styles.headerTop}>
        <span>{site.name}</span>
        <ConnectionChip tone="dark" />
      </div>
      <h1 className={styles.headerTitle}>{shift.postName}</h1>
      <div className={styles.headerMeta}>
        <span className={styles.pill}>{current.phase === 'closing' ? t('shiftPhone.shiftClosing') : t('shiftPhone.onShift')}</span>
        <span>{shiftTimeRange(t, shift.plannedStart, shift.plannedEnd)}</span>
        {shift.isLate ? <span className={`${styles.pill} ${styles.pillWarn}`}>{t('shiftPhone.late')}</span> : null}
      </div>
      <div className={styles.stats}>
        <div className={styles.stat}>
          <div className={styles.statLabel}>{t('shiftPhone.greetingNow')}</div>
          <div className={styles.statValue} data-testid="shift-greeting">
            {greeting ? (locale === 'zh-CN' ? greeting.zh : greeting.en) : '—'}
          </div>
          <div className={styles.statSub}>{greeting ? `${greeting.from}–${greeting.to}` : t('shiftPhone.greetingNone')}</div>
        </div>
        <div className={styles.stat}>
          <div className={styles.statLabel}>{t('shiftPhone.onShiftFor')}</div>
          <div className={styles.statValue} data-testid="time-on-shift">
            {duration}
          </div>
          <div className={styles.statSub}>{t('shiftPhone.clockInAt', { time: formatLocal(shift.clockInAt, site.timeZone, 'HH:mm') })}</div>
        </div>
        <div className={styles.stat}>
          <div className={styles.statLabel}>{t('shiftPhone.guestsOnSite')}</div>
          <div className={styles.statValue} data-testid="guests-on-site">
            {current.guestsOnSite === null ? t('shiftPhone.guestsUnknown') : current.guestsOnSite}
          </div>
          <div className={styles.statSub}>{t('shiftPhone.guestsUnit')}</div>
        </div>
      </div>
    </header>
  );
}

function SectionItem(props: {
  icon: ReactNode;
  title: string;
  hint: string;
  tone?: 'done' | 'todo' | 'plain';
  progress?: ChecklistProgress | null;
  extra?: ReactNode;
  onClick: () => void;
  testId: string;
}) {
  const toneClass = props.tone === 'done' ? styles.sectionIconDone : props.tone === 'todo' ? styles.sectionIconTodo : '';
  return (
    <List.Item
      prefix={<span className={`${styles.sectionIcon} ${toneClass}`}>{props.icon}</span>}
      description={props.hint}
      onClick={props.onClick}
      data-testid={props.testId}
      extra={
        props.progress ? (
          <span className={styles.sectionExtra}>
            <ChecklistProgressText progress={props.progress} testId={`${props.testId}-progress`} />
            <ProgressBar
              className={styles.progressBar}
              percent={props.progress.total ? (100 * props.progress.done) / props.progress.total : 100}
              style={{ '--fill-color': PROGRESS_COLORS[checklistState(props.progress)] }}
            />
          </span>
        ) : (
          props.extra
        )
      }
    >
      {props.title}
    </List.Item>
  );
}

function MyAnomaliesLink({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const anomalies = useMyAnomalies(siteId);
  const open = (anomalies.data?.pages.flatMap((p) => p.items) ?? []).filter((a) => a.status !== 'resolved').length;
  return (
    <List mode="card" style={{ margin: 0 }}>
      <List.Item
        prefix={<span className={styles.sectionIcon}>{<ExclamationShieldOutline />}</span>}
        description={t('shiftPhone.sections.anomaliesHint')}
        extra={open ? <Tag color="warning">{t('shiftPhone.sections.anomaliesOpen', { count: open })}</Tag> : null}
        onClick={() => void navigate('/shift/anomalies')}
        data-testid="section-anomalies"
      >
        {t('shiftPhone.sections.anomalies')}
      </List.Item>
    </List>
  );
}
