/**
 * The shuttle call on the phones (GUARD-IN-8/9). The concierge taps 叫电瓶车 for guests leaving the
 * model room: the guests are handed to the shuttle and the drivers' phones ring with where to pick
 * them up (without signal the call waits on the phone and goes when the signal is back; taking a
 * call is a race between drivers, so it needs the signal). The concierge's phone shows each call until a trip answers it, and when the site's limit
 * passes with no driver it asks for the apology (电瓶车马上就到). The driver's phone lists the calls
 * with a big 接单; boarding those guests then answers the call.
 */
import { useRef, useState } from 'react';
import { Button, Card, Tag, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeSite, RealtimeEvent, ShuttleCall, ShuttlePickup, Visit } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useNow } from '../../shared/format/use-now';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { newId } from '../../shared/offline/new-id';
import { useOutboxItems } from '../../shared/offline/outbox-client';
import { describeWriteError, sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import { useMe } from '../../shared/auth/use-auth';
import type { ShuttleCallOp } from './outbox-kinds';
import './outbox-kinds';
import { elapsedText } from './shuttle-rules';
import { useOpenShuttleCalls } from './use-shuttle';
import { shuttleApi, shuttleKeys } from './visits-api';
import styles from './visits.mobile.module.css';
import own from './shuttle-call.mobile.module.css';

/** 叫电瓶车 on a party at the concierge: hand them to the shuttle and ring the drivers, once per tap. */
export function CallShuttleButton({ site, visit, onHandOff }: { site: MeSite; visit: Visit; onHandOff: () => Promise<void> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  // One id per call, kept across a retried tap so the drivers are rung once.
  const callId = useRef(newId());

  // Through the phone's outbox: without signal the call waits on the phone and rings the drivers once it is sent.
  const callShuttle = async () => {
    setBusy(true);
    try {
      const op: ShuttleCallOp = {
        kind: 'shuttleCall',
        siteId: site.id,
        guests: visit.partySize,
        body: { id: callId.current, pickup: 'model_room', visitIds: [visit.id], note: t('visits.concierge.callNote') },
      };
      const { stored } = await sendThroughOutbox(me.id, [op], op.body.id);
      callId.current = newId();
      await onHandOff();
      navigator.vibrate?.(30);
      Toast.show({ icon: 'success', content: t(stored ? 'visits.concierge.called' : 'visits.concierge.calledOffline') });
      await queryClient.invalidateQueries({ queryKey: shuttleKeys.openCalls(site.id) });
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeWriteError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button size="middle" color="primary" loading={busy} className={own.callButton} onClick={() => void callShuttle()} data-testid="call-shuttle">
      {t('visits.concierge.callShuttle')}
    </Button>
  );
}

/** The concierge's calls: waiting (with the limit's clock) or taken, and the apology when the limit passed. */
export function ConciergeCalls({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const me = useMe();
  const calls = useOpenShuttleCalls(site.id);
  const now = useNow(1000);
  const [apologised, setApologised] = useState<ReadonlySet<string>>(new Set());
  const open = calls.data ?? [];
  const outboxItems = useOutboxItems(me.id);
  const known = new Set(open.map((c) => c.id));
  const waiting = outboxItems.flatMap((i) => (i.op.kind === 'shuttleCall' && i.op.siteId === site.id && !known.has(i.op.body.id) ? [i] : []));
  if (!open.length && !waiting.length) return null;
  return (
    <>
      <h2 className={styles.sectionTitle}>{t('visits.concierge.calls', { count: open.length + waiting.length })}</h2>
      {waiting.map((item) =>
        item.op.kind === 'shuttleCall' ? (
          <Card key={item.key} className={`${styles.card} ${own.call}`} data-testid="concierge-call" data-call-id={item.key} data-status="waiting">
            <div className={own.callTop}>
              <span className={own.guests}>{t('visits.party', { count: item.op.guests })}</span>
              <Tag color="default" fill="outline">
                {t('visits.concierge.callWaiting')}
              </Tag>
              <span className={own.clock}>{elapsedText(now - item.createdAt)}</span>
            </div>
            <div className={styles.muted}>{t('visits.concierge.callWaitingHint')}</div>
          </Card>
        ) : null,
      )}
      {open.map((call) => {
        const late = call.apologyAt !== null && call.takenAt === null;
        return (
          <Card
            key={call.id}
            className={`${styles.card} ${late ? own.late : own.call}`}
            data-testid="concierge-call"
            data-call-id={call.id}
            data-status={late ? 'late' : call.status}
          >
            <div className={own.callTop}>
              <span className={own.guests}>{t('visits.party', { count: call.guests })}</span>
              <Tag color="primary" fill="outline">
                {t(`visits.concierge.pickup.${call.pickup}`)}
              </Tag>
              <span className={own.clock}>{elapsedText(now - call.calledAt)}</span>
            </div>
            {call.takenAt !== null ? (
              <div className={own.taken}>
                {t('visits.concierge.taken', { name: call.takenByName ?? '', wait: elapsedText(call.takenAt - call.calledAt) })}
              </div>
            ) : (
              <div className={styles.muted}>
                {t('visits.concierge.waiting')} ·{' '}
                {t(late ? 'visits.concierge.limitPassed' : 'visits.concierge.limit', { limit: elapsedText(call.dueAt - call.calledAt) })}
              </div>
            )}
            {late ? (
              <div className={own.apology} role="alert" data-testid="shuttle-apology">
                <div className={own.apologyTitle}>{t('visits.concierge.apologyTitle')}</div>
                <div className={own.apologyLine}>{t('visits.concierge.apologyLine')}</div>
                <div className={own.apologyFoot}>
                  <span>{t('visits.concierge.waited', { wait: elapsedText(now - call.calledAt) })}</span>
                  {apologised.has(call.id) ? (
                    <Tag color="success">{t('visits.concierge.apologyDone')}</Tag>
                  ) : (
                    <Button size="small" color="warning" onClick={() => setApologised((s) => new Set([...s, call.id]))} data-testid="apology-done">
                      {t('visits.concierge.apologyDone')}
                    </Button>
                  )}
                </div>
              </div>
            ) : null}
          </Card>
        );
      })}
    </>
  );
}

/** The drivers' side: calls still waiting for a driver, each with 接单 (the first tap wins). */
export function DriverCalls({ site, meId }: { site: MeSite; meId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const calls = useOpenShuttleCalls(site.id);
  const now = useNow(1000);
  const [busy, setBusy] = useState<string | null>(null);
  const open = (calls.data ?? []).filter((c) => c.takenBy === null || c.takenBy === meId);
  if (!open.length) return null;

  const take = async (call: ShuttleCall) => {
    // The first driver to tap wins: a race settled on the server, so never kept to send later.
    if (!navigator.onLine) {
      Toast.show({ icon: 'fail', content: t('shuttlePhone.calls.takeNeedsSignal') });
      return;
    }
    setBusy(call.id);
    try {
      await shuttleApi.takeCall(site.id, call.id);
      navigator.vibrate?.(30);
      Toast.show({ icon: 'success', content: t('shuttlePhone.calls.takenToast', { pickup: t(`visits.concierge.pickup.${call.pickup}`) }) });
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: shuttleKeys.openCalls(site.id) });
    }
  };

  return (
    <>
      <h2 className={styles.sectionTitle}>{t('shuttlePhone.calls.title', { count: open.length })}</h2>
      {open.map((call) => (
        <Card
          key={call.id}
          className={`${styles.card} ${call.apologyAt !== null ? own.late : own.call}`}
          data-testid="driver-call"
          data-call-id={call.id}
        >
          <div className={own.pickupLine}>
            <span className={own.pickupLabel}>{t('shuttlePhone.calls.pickupAt')}</span>
            <span className={own.pickupPlace}>{t(`visits.concierge.pickup.${call.pickup}`)}</span>
            <span className={own.clock}>{elapsedText(now - call.calledAt)}</span>
          </div>
          <div className={styles.muted}>
            {t('visits.party', { count: call.guests })} · {t('shuttlePhone.calls.from', { name: call.calledByName })}
            {call.note ? ` · ${call.note}` : ''}
          </div>
          {call.apologyAt !== null && call.takenAt === null ? <div className={own.lateLine}>{t('shuttlePhone.calls.late')}</div> : null}
          {call.takenBy === meId ? (
            <div className={own.taken}>{t('shuttlePhone.calls.yours')}</div>
          ) : (
            <Button
              block
              color="primary"
              size="large"
              className={styles.bigButton}
              loading={busy === call.id}
              onClick={() => void take(call)}
              data-testid="take-call"
            >
              {t('shuttlePhone.calls.take')}
            </Button>
          )}
        </Card>
      ))}
    </>
  );
}

const rung = new Set<string>();

/**
 * Rings the phones the shuttle-call events are for, on whatever tab is open: the drivers (SHUTTLE)
 * on a new call, the concierge (GUARD) when the limit passed with no driver. Mounted once.
 */
export function ShuttleCallNotifier({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const isDriver = site.posts.some((p) => p.kind === 'SHUTTLE');
  const isConcierge = site.posts.some((p) => p.kind === 'GUARD');
  useRealtimeEvent((event) => {
    if (event.siteId !== site.id) return;
    if (event.type === 'shuttle.called' && isDriver) {
      const call = event.payload as RealtimeEvent<'shuttle.called'>['payload'];
      if (rung.has(`call:${call.callId}`)) return;
      rung.add(`call:${call.callId}`);
      navigator.vibrate?.([200, 80, 200, 80, 200]);
      Toast.show({
        content: t('shuttlePhone.calls.toast', {
          count: call.guests,
          pickup: t(`visits.concierge.pickup.${call.pickup as ShuttlePickup}`),
          from: call.fromName,
        }),
        position: 'top',
        duration: 5000,
      });
    }
    if (event.type === 'shuttle.call_overdue' && isConcierge) {
      const call = event.payload as RealtimeEvent<'shuttle.call_overdue'>['payload'];
      if (rung.has(`late:${call.callId}`)) return;
      rung.add(`late:${call.callId}`);
      navigator.vibrate?.([300, 100, 300]);
      Toast.show({ content: `${t('visits.concierge.apologyTitle')} ${t('visits.concierge.apologyLine')}`, position: 'top', duration: 6000 });
    }
  });
  return null;
}
