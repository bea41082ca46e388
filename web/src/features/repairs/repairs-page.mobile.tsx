import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Input, NavBar, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { RealtimeEvent, WorkOrder } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { phoneOffersOn } from '../../shared/auth/access';
import { useStaffSite } from '../../shared/site/staff-site';
import { ConnectionChip } from '../../shared/ui-mobile/connection-chip';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhotoPicker, type DraftPhoto } from './photo-picker.mobile';
import { useMe } from '../../shared/auth/use-auth';
import { describeWriteError } from '../../shared/offline/send-through-outbox';
import type { RepairReportOp, RepairStep } from './outbox-kinds';
import { assetName, OPEN_STATUSES, useWorkOrders } from './repairs-api';
import { useRepairStep, useWaitingReports, useWithWaitingSteps } from './use-repair-outbox';
import styles from './repairs.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';

/** The code a scanned QR link carries (`…/m/q/a/<code>` or `…/m/q/c/<code>`), or what was typed. */
export function codeFromInput(text: string): string {
  const trimmed = text.trim();
  const match = /\/m\/q\/[ac]\/([A-Za-z0-9_-]+)/.exec(trimmed);
  return match?.[1] ?? trimmed;
}

/**
 * The technician's work orders (TECH-3): new ones arrive live (a toast and a vibration where the
 * phone has one), each with the countdown to its arrival deadline; accept, prove arrival with the
 * asset's code, start, pause with a reason, finish with a note and an after photo.
 */
export function RepairsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate('/')} right={<ConnectionChip />}>
        {t('equipment.phone.title')}
      </NavBar>
      {site ? (
        <Orders siteId={site.id} timeZone={site.timeZone} checks={phoneOffersOn(site, '/repairs/checks')} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </div>
  );
}

/** `checks`: the daily equipment check is the technician's (and overseers'); others are not offered it. */
function Orders({ siteId, timeZone, checks }: { siteId: string; timeZone: string; checks: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const list = useWorkOrders(siteId, 'open', { pageSize: 50 });
  const waitingReports = useWaitingReports(siteId, me.id);
  // The most urgent first: not yet reached, by deadline; then the ones being worked on, newest first.
  const orders = useMemo(
    () =>
      (list.data?.pages.flatMap((p) => p.items) ?? [])
        .filter((o) => OPEN_STATUSES.includes(o.status))
        .sort((a, b) =>
          a.arrivedAt === null && b.arrivedAt === null
            ? a.arrivalDeadlineAt - b.arrivalDeadlineAt
            : a.arrivedAt === null
              ? -1
              : b.arrivedAt === null
                ? 1
                : b.reportedAt - a.reportedAt,
        ),
    [list.data],
  );
  const now = useNow(1000);

  useRealtimeEvent((event) => {
    if (event.siteId !== siteId) return;
    if (event.type === 'work_order.changed') {
      const payload = event.payload as RealtimeEvent<'work_order.changed'>['payload'];
      if (payload.status !== 'reported') return;
      Toast.show({ content: t('equipment.phone.newOrderToast', { text: payload.description }), position: 'top', duration: 3000 });
      // Sound-free: a buzz in the pocket where the phone supports it.
      if ('vibrate' in navigator) navigator.vibrate([200, 100, 200]);
    }
  });

  return (
    <PhonePullToRefresh onRefresh={() => list.refetch()}>
      <div className={styles.body} data-testid="repairs-list">
        <div className={styles.links}>
          <Button color="primary" onClick={() => void navigate('/repairs/new')} data-testid="repairs-raise">
            {t('equipment.phone.raise')}
          </Button>
          {checks ? (
            <Button color="primary" fill="outline" onClick={() => void navigate('/repairs/checks')} data-testid="repairs-checks">
              {t('equipment.phone.checks')}
            </Button>
          ) : null}
        </div>
        {waitingReports.map((op) => (
          <WaitingReport key={op.body.id} op={op} />
        ))}
        {list.isPending && list.fetchStatus !== 'paused' ? <MobileSpinner /> : null}
        {list.isError && !list.data ? (
          <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(list.error)} />
        ) : null}
        {list.isSuccess && orders.length === 0 && waitingReports.length === 0 ? (
          <PhoneState status="empty" title={t('equipment.phone.noOrders')} style={{ padding: '32px 0' }} />
        ) : null}
        {orders.map((o) => (
          <OrderCard key={o.id} order={o} siteId={siteId} personId={me.id} timeZone={timeZone} now={now} />
        ))}
        {list.hasNextPage ? (
          <Button fill="none" color="primary" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        ) : null}
      </div>
    </PhonePullToRefresh>
  );
}

type Pending = 'arrive' | 'pause' | 'done' | null;

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A report kept on this phone, not yet on the server: shown at once, marked as waiting. */
function WaitingReport({ op }: { op: RepairReportOp }) {
  const { t } = useTranslation();
  return (
    <div className={`${styles.order} ${styles.orderNew}`} data-testid="repair-waiting" data-status="waiting" data-order-id={op.body.id}>
      <div className={styles.between}>
        <span className={styles.orderTitle}>{t('equipment.phone.raiseTitle')}</span>
        <Tag color="default" fill="outline">
          {t('equipment.phone.repairOutbox.waitingTag')}
        </Tag>
      </div>
      <div className={styles.orderText}>{op.body.description}</div>
      <div className={styles.muted}>{t('equipment.phone.repairOutbox.waitingHint')}</div>
    </div>
  );
}

function OrderCard({
  order: fromServer,
  siteId,
  personId,
  timeZone,
  now,
}: {
  order: WorkOrder;
  siteId: string;
  personId: string;
  timeZone: string;
  now: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [pending, setPending] = useState<Pending>(null);
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<DraftPhoto | null>(null);
  // This phone's steps not yet sent move the card on: the technician goes on without signal.
  const { order, waiting } = useWithWaitingSteps(fromServer, personId);
  const act = useRepairStep(siteId, personId, order);
  const stepOf = (action: NonNullable<Pending> | 'accept' | 'start' | 'resume'): RepairStep => {
    switch (action) {
      case 'arrive':
        return { action, body: { code: codeFromInput(text), at: Date.now() } };
      case 'pause':
        return { action, body: { reason: text.trim() } };
      case 'done':
        return { action, body: { note: text.trim() } };
      case 'accept':
      case 'start':
      case 'resume':
        return { action };
    }
  };
  const run = (action: NonNullable<Pending> | 'accept' | 'start' | 'resume') =>
    act.mutate(
      { step: stepOf(action), photo: action === 'done' ? photo : null },
      {
        onSuccess: (stored) => {
          setPending(null);
          setText('');
          setPhoto(null);
          if (!stored) Toast.show({ content: t('equipment.phone.repairOutbox.stepSaved') });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: describeWriteError(error) }),
      },
    );
  const open = (p: Pending) => {
    setPending(p);
    setText('');
  };

  const beforeArrival = order.arrivedAt === null;
  const left = order.arrivalDeadlineAt - now;
  const title = order.assetId ? assetName({ nameZh: order.assetNameZh, nameEn: order.assetNameEn }, locale) : order.zoneName;
  return (
    <div
      className={`${styles.order} ${beforeArrival && left < 0 ? styles.orderLate : order.status === 'reported' ? styles.orderNew : ''}`}
      data-testid="repair-order"
      data-status={order.status}
      data-waiting={waiting ? 'true' : undefined}
      data-order-id={order.id}
    >
      <div className={styles.between}>
        <span className={styles.orderTitle}>{title}</span>
        <span>
          {waiting ? (
            <Tag color="default" fill="outline" data-testid="repair-step-waiting">
              {t('equipment.phone.repairOutbox.waitingTag')}
            </Tag>
          ) : null}{' '}
          <Tag color={order.status === 'reported' ? 'primary' : order.status === 'paused' ? 'warning' : 'success'} fill="outline">
            {t(`equipment.statuses.${order.status}`)}
          </Tag>
        </span>
      </div>
      <div className={styles.label}>
        {order.assetId ? `${order.zoneName} · ` : ''}
        {formatLocal(order.reportedAt, timeZone, 'HH:mm')} · {t(`equipment.sources.${order.source}`)}
      </div>
      <div className={styles.orderText}>{order.description}</div>
      {order.pauseReason ? <div className={styles.muted}>{`${t('equipment.orders.pauseReason')}: ${order.pauseReason}`}</div> : null}
      <div className={styles.row}>
        {beforeArrival ? (
          <span className={`${styles.countdown} ${left < 0 ? styles.countdownLate : ''}`} data-testid="repair-countdown">
            {left >= 0 ? t('equipment.phone.countdown', { time: clock(left) }) : t('equipment.phone.overdue', { time: clock(-left) })}
          </span>
        ) : (
          <span className={styles.label}>{t('equipment.phone.arrivedAt', { time: formatLocal(order.arrivedAt!, timeZone, 'HH:mm') })}</span>
        )}
        {order.technicianName ? <span className={styles.label}>· {order.technicianName}</span> : null}
      </div>

      {pending ? (
        <div style={{ marginTop: 12 }}>
          <div className={styles.label}>
            {pending === 'arrive'
              ? t('equipment.phone.arriveHint')
              : pending === 'pause'
                ? t('equipment.phone.pauseReason')
                : t('equipment.phone.doneNote')}
          </div>
          <div className={styles.textarea}>
            {pending === 'arrive' ? (
              <Input value={text} onChange={setText} placeholder={t('equipment.phone.arriveCode')} data-testid="repair-code" />
            ) : (
              <TextArea
                value={text}
                onChange={setText}
                rows={2}
                maxLength={300}
                placeholder={pending === 'pause' ? t('equipment.phone.pausePlaceholder') : ''}
                data-testid="repair-text"
              />
            )}
          </div>
          {pending === 'done' ? <PhotoPicker photo={photo} onChange={setPhoto} label={t('equipment.phone.afterPhoto')} /> : null}
          <div className={styles.actions}>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
            <Button color="primary" disabled={!text.trim()} loading={act.isPending} onClick={() => run(pending)} data-testid="repair-confirm">
              {t('common.confirm')}
            </Button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          {order.status === 'reported' ? (
            <Button color="primary" loading={act.isPending} onClick={() => run('accept')} data-testid="repair-accept">
              {t('equipment.phone.accept')}
            </Button>
          ) : null}
          {order.status === 'reported' || order.status === 'accepted' ? (
            <Button
              color="primary"
              fill={order.status === 'reported' ? 'outline' : 'solid'}
              onClick={() => open('arrive')}
              data-testid="repair-arrive"
            >
              {t('equipment.phone.arrive')}
            </Button>
          ) : null}
          {order.status === 'arrived' || order.status === 'reopened' ? (
            <Button color="primary" loading={act.isPending} onClick={() => run('start')} data-testid="repair-start">
              {t('equipment.phone.start')}
            </Button>
          ) : null}
          {order.status === 'working' ? (
            <>
              <Button onClick={() => open('pause')} data-testid="repair-pause">
                {t('equipment.phone.pause')}
              </Button>
              <Button color="success" onClick={() => open('done')} data-testid="repair-done">
                {t('equipment.phone.done')}
              </Button>
            </>
          ) : null}
          {order.status === 'paused' ? (
            <Button color="primary" loading={act.isPending} onClick={() => run('resume')} data-testid="repair-resume">
              {t('equipment.phone.resume')}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
