import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Popup, Tag, Toast } from 'antd-mobile';
import { CameraOutline, ScanningOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeSite, RoundSlot } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { useMe } from '../../shared/auth/use-auth';
import { useOutboxItems } from '../../shared/offline/outbox-client';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { PhotoError, preparePhoto } from '../../shared/photos/photo-prep';
import { useObjectUrl } from '../../shared/photos/object-url';
import { nextSlot, SLOT_COLORS, slotStatusKey, slotView } from './slot-status';
import type { RoundConfirmOp } from './outbox-kinds';
import { useConfirmSlot, useRoundDay } from './use-rounds';
import { roundKeys } from './rounds-api';
import styles from './rounds.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { PhonePullToRefresh } from '../../shared/ui-mobile/phone-pull-to-refresh';
import { SubPage } from '../../shared/ui-mobile/sub-page';

/** 巡查任务: today's rounds of the person's posts, the next one first with its countdown. */
export function RoundsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('rounds.phoneTitle')} onBack={() => void navigate('/')} roomBelow>
      {site ? <RoundsToday site={site} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

export const slotLabel = (slot: RoundSlot, locale: string) => (locale === 'zh-CN' ? slot.labelZh : slot.labelEn);

function RoundsToday({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const day = useRoundDay(site.id, null, 'mine');
  const now = useNow(10_000);
  const [confirming, setConfirming] = useState<RoundSlot | null>(null);
  const waiting = useWaitingConfirms(site.id);

  // A scan lands in the checkpoints module: the slot it proves turns met without a reload.
  useRealtimeEvent((event) => {
    if (event.type === 'checkpoint.scanned' && event.siteId === site.id) void queryClient.invalidateQueries({ queryKey: roundKeys.root(site.id) });
  });

  if (day.isPending) return <MobileSpinner />;
  if (day.isError && !day.data) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(day.error)}>
        <a onClick={() => void day.refetch()}>{t('common.retry')}</a>
      </PhoneState>
    );
  }
  const slots = day.data.slots;
  const next = nextSlot(slots, now);
  const upcoming = slots.filter((s) => s !== next && ['open', 'upcoming'].includes(slotView(s, now)));
  const done = slots.filter((s) => s !== next && !['open', 'upcoming'].includes(slotView(s, now))).reverse();
  const time = (at: number) => formatLocal(at, site.timeZone, 'HH:mm');

  return (
    <PhonePullToRefresh onRefresh={() => day.refetch()}>
      <div className={styles.body} data-testid="rounds-today">
        {!site.posts.length ? <PhoneState status="empty" title={t('rounds.noPosts')} /> : null}
        {site.posts.length && !slots.length ? <PhoneState status="empty" title={t('rounds.empty')} description={t('rounds.emptyHint')} /> : null}
        {next ? (
          <NextSlot slot={next} now={now} timeZone={site.timeZone} waiting={waiting.has(next.id)} onConfirm={() => setConfirming(next)} />
        ) : null}
        {upcoming.length ? (
          <>
            <div className={styles.section}>{t('rounds.status.pending')}</div>
            <div className={styles.list}>
              {upcoming.map((s) => (
                <SlotRow
                  key={s.id}
                  slot={s}
                  now={now}
                  time={time(s.dueAt)}
                  label={slotLabel(s, locale)}
                  waiting={waiting.has(s.id)}
                  onConfirm={() => setConfirming(s)}
                />
              ))}
            </div>
          </>
        ) : null}
        {done.length ? (
          <>
            <div className={styles.section}>
              {t('rounds.today')} ·{' '}
              {t('rounds.homeHint', { done: slots.filter((s) => s.status === 'met' || s.status === 'late').length, total: slots.length })}
            </div>
            <div className={styles.list}>
              {done.map((s) => (
                <SlotRow
                  key={s.id}
                  slot={s}
                  now={now}
                  time={time(s.dueAt)}
                  label={slotLabel(s, locale)}
                  sub={s.provedByName && s.provedAt ? t('rounds.provedBy', { name: s.provedByName, time: time(s.provedAt) }) : undefined}
                  waiting={waiting.has(s.id)}
                  onConfirm={() => setConfirming(s)}
                />
              ))}
            </div>
          </>
        ) : null}
      </div>
      <ConfirmPopup siteId={site.id} slot={confirming} label={confirming ? slotLabel(confirming, locale) : ''} onClose={() => setConfirming(null)} />
    </PhonePullToRefresh>
  );
}

/** The slots this person confirmed on the phone whose confirmation still waits for a signal. */
function useWaitingConfirms(siteId: string): Set<string> {
  const me = useMe();
  const items = useOutboxItems(me.id);
  return useMemo(
    () =>
      new Set(
        items.flatMap((i) => {
          const op = i.op.kind === 'roundConfirm' ? (i.op satisfies RoundConfirmOp) : null;
          return op && op.siteId === siteId && i.state === 'waiting' ? [op.slotId] : [];
        }),
      ),
    [items, siteId],
  );
}

function NextSlot({
  slot,
  now,
  timeZone,
  waiting,
  onConfirm,
}: {
  slot: RoundSlot;
  now: number;
  timeZone: string;
  waiting: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = slotView(slot, now);
  const [code, setCode] = useState('');
  const minutesTo = (at: number) => Math.max(0, Math.ceil((at - now) / 60_000));
  const countdown =
    view === 'open'
      ? slot.graceEndsAt - now < 60_000
        ? t('rounds.dueNowSeconds')
        : t('rounds.dueNow', { minutes: minutesTo(slot.graceEndsAt) })
      : t('rounds.dueIn', { minutes: minutesTo(slot.dueAt) });
  // The checkpoints module's page records the scan: a pasted link or the number under the QR code.
  const openCode = () => {
    const value = code.trim();
    const fromUrl = /\/q\/c\/([A-Za-z0-9_-]+)/.exec(value)?.[1];
    const target = fromUrl ?? value;
    if (/^[A-Za-z0-9_-]{16,64}$/.test(target)) window.location.assign(`/m/q/c/${encodeURIComponent(target)}`);
    else Toast.show({ content: t('rounds.codePlaceholder') });
  };
  return (
    <section className={`${styles.next} ${view === 'open' ? styles.nextOpen : ''}`} data-testid="round-next">
      <div className={styles.nextLabel}>
        {t('rounds.next')} · {slot.weatherId ? t('rounds.weatherTask') : (slot.itemId ?? '')}
      </div>
      <h2 className={styles.nextTitle}>{slotLabel(slot, locale)}</h2>
      <div className={styles.nextMeta}>
        <span>{t('rounds.window', { from: formatLocal(slot.dueAt, timeZone, 'HH:mm'), to: formatLocal(slot.graceEndsAt, timeZone, 'HH:mm') })}</span>
        <span>· {t(`rounds.proof.${slot.proof}`)}</span>
      </div>
      <div className={styles.countdown} data-testid="round-countdown">
        {countdown}
      </div>
      {slot.proof === 'scan' ? (
        <div className={styles.scanBox}>
          <div className={styles.scanHint}>
            <ScanningOutline fontSize={20} />
            {slot.checkpointName ? t('rounds.scanHint', { place: slot.checkpointName }) : t('rounds.scanHintNoPlace')}
          </div>
          <p className={styles.scanHelp}>{t('rounds.scanHelp')}</p>
          <div className={styles.codeRow}>
            <input
              className={styles.codeInput}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder={t('rounds.codePlaceholder')}
              autoCapitalize="off"
              autoCorrect="off"
              data-testid="round-code"
            />
            <Button size="small" color="primary" onClick={openCode} disabled={!code.trim()}>
              {t('rounds.openCode')}
            </Button>
          </div>
        </div>
      ) : waiting ? (
        <div className={styles.waiting} data-testid="round-waiting">
          {t('rounds.waiting')}
        </div>
      ) : (
        <Button
          block
          size="large"
          className={styles.confirmButton}
          style={{ '--background-color': '#fff', '--text-color': '#0f2540', '--border-color': '#fff' }}
          disabled={view !== 'open'}
          onClick={onConfirm}
          data-testid="round-confirm"
        >
          {t('rounds.confirm')}
        </Button>
      )}
    </section>
  );
}

function SlotRow({
  slot,
  now,
  time,
  label,
  sub,
  waiting,
  onConfirm,
}: {
  slot: RoundSlot;
  now: number;
  time: string;
  label: string;
  sub?: string;
  waiting: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const view = slotView(slot, now);
  const canTap = !waiting && slot.proof === 'tap' && (view === 'open' || view === 'missed');
  return (
    <div className={styles.row} data-testid="round-slot" data-status={waiting ? 'waiting' : view}>
      <span className={styles.rowTime}>{time}</span>
      <div className={styles.rowMain}>
        <div className={styles.rowTitle}>{label}</div>
        <div className={styles.rowSub}>
          {sub ??
            (slot.proof === 'scan' && slot.checkpointName ? `${t('rounds.proof.scan')} · ${slot.checkpointName}` : t(`rounds.proof.${slot.proof}`))}
        </div>
      </div>
      {canTap ? (
        <Button size="mini" color="primary" fill="outline" onClick={onConfirm}>
          {t('rounds.confirm')}
        </Button>
      ) : waiting ? (
        <Tag color="warning" fill="outline">
          {t('rounds.waiting')}
        </Tag>
      ) : (
        <Tag color={SLOT_COLORS[view]} fill={view === 'upcoming' ? 'outline' : 'solid'}>
          {t(slotStatusKey(view))}
        </Tag>
      )}
    </div>
  );
}

/** Tap-to-confirm with an optional photo, shrunk on the phone before it goes. */
function ConfirmPopup({ siteId, slot, label, onClose }: { siteId: string; slot: RoundSlot | null; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const confirm = useConfirmSlot(siteId, me.id);
  const input = useRef<HTMLInputElement>(null);
  const [photo, setPhoto] = useState<{ blob: Blob; id: string } | null>(null);
  const url = useObjectUrl(photo?.blob ?? null, photo?.id ?? null);
  const close = () => {
    setPhoto(null);
    onClose();
  };
  const pick = async (file: File | undefined) => {
    if (!file) return;
    try {
      setPhoto({ blob: await preparePhoto(file), id: newId() });
    } catch (error) {
      const reason = error instanceof PhotoError ? error.reason : 'unreadable';
      Toast.show({ icon: 'fail', content: t(reason === 'tooLarge' ? 'shiftPhone.photoTooLarge' : 'shiftPhone.photoUnreadable') });
    }
  };
  const submit = () => {
    if (!slot) return;
    confirm.mutate(
      { slot, label, photo },
      {
        onSuccess: (stored) => {
          Toast.show({ icon: 'success', content: t(stored ? 'rounds.confirmed' : 'rounds.savedOnPhone') });
          close();
        },
        onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
      },
    );
  };
  return (
    <Popup visible={!!slot} onMaskClick={close} bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }}>
      <div className={styles.popup} data-testid="round-confirm-popup">
        <h3 className={styles.popupTitle}>{t('rounds.confirmTitle')}</h3>
        <div className={styles.muted}>{label}</div>
        <div className={styles.photoRow}>
          {url ? <img src={url} alt="" className={styles.photoThumb} /> : null}
          <Button size="small" onClick={() => input.current?.click()}>
            <CameraOutline /> {url ? t('rounds.retakePhoto') : t('rounds.takePhoto')}
          </Button>
          <span className={styles.muted}>{t('rounds.confirmWithPhoto')}</span>
          <input
            ref={input}
            className={styles.fileInput}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
        <Button block color="primary" size="large" loading={confirm.isPending} onClick={submit} data-testid="round-confirm-submit">
          {t('rounds.confirm')}
        </Button>
      </div>
    </Popup>
  );
}
