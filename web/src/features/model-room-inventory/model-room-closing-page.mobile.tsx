import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Button, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HANDOVER_NEW_PATH, type ClosingSwitch, type ModelRoom, type ModelRoomClosingDay } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { phoneOffersOn } from '../../shared/auth/access';
import { formatLocal } from '../../shared/format/time';
import { newId } from '../../shared/offline/new-id';
import { useWaitingOps } from '../../shared/offline/outbox-client';
import { useMe } from '../../shared/auth/use-auth';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import type { ModelRoomClosingOp } from './outbox-kinds';
import { useClosingDay, useModelRooms } from './use-model-rooms';
import { modelRoomsKey } from './model-rooms-api';
import styles from './model-room-closing.mobile.module.css';

/**
 * 下班关闭样板房 on the concierge's phone, the end of the day in its order: the model room's item
 * check (GUARD-IN-10), then water, power and CCTV turned off and each confirmed on its own
 * (GUARD-IN-11), then the handover to the night shift.
 */
export function ModelRoomClosingPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('modelRooms.closing.title')}>
      {site ? (
        <Routine siteId={site.id} timeZone={site.timeZone} offersCheck={phoneOffersOn(site, '/model-room-check')} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </SubPage>
  );
}

function Routine({ siteId, timeZone, offersCheck }: { siteId: string; timeZone: string; offersCheck: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const day = useClosingDay(siteId);
  if (day.isPending) return <MobileSpinner />;
  if (day.isError) return <PhoneState status="default" title={describeError(day.error)} />;
  const done = day.data.isComplete;
  return (
    <div className={styles.body}>
      {offersCheck ? <CheckStep siteId={siteId} timeZone={timeZone} date={day.data.date} onOpen={() => void navigate('/model-room-check')} /> : null}
      <Switches siteId={siteId} timeZone={timeZone} day={day.data} index={offersCheck ? 2 : 1} />
      <section className={styles.step} data-testid="closing-handover">
        <h2 className={styles.stepTitle}>
          <span className={styles.stepIndex}>{offersCheck ? 3 : 2}</span>
          {t('modelRooms.closing.stepHandover')}
        </h2>
        <p className={done ? styles.good : styles.hint}>{done ? t('modelRooms.closing.allDone') : t('modelRooms.closing.handoverHint')}</p>
        <Button
          block
          color="primary"
          fill={done ? 'solid' : 'outline'}
          size="large"
          onClick={() => void navigate(HANDOVER_NEW_PATH)}
          data-testid="closing-go-handover"
        >
          {t('modelRooms.closing.handover')}
        </Button>
      </section>
    </div>
  );
}

/** Step 1: whether each room's closing check of today is in; the check itself is its own page. */
function CheckStep({ siteId, timeZone, date, onOpen }: { siteId: string; timeZone: string; date: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const rooms = useModelRooms(siteId);
  const list = rooms.data?.items ?? [];
  const checkedToday = (r: ModelRoom) => r.lastCheck?.phase === 'closing' && formatLocal(r.lastCheck.at, timeZone, 'YYYY-MM-DD') === date;
  const allChecked = list.length > 0 && list.every(checkedToday);
  return (
    <section className={styles.step} data-testid="closing-check-step">
      <h2 className={styles.stepTitle}>
        <span className={styles.stepIndex}>1</span>
        {t('modelRooms.closing.stepCheck')}
      </h2>
      <p className={styles.hint}>{t('modelRooms.closing.stepCheckHint')}</p>
      {list.map((r) =>
        checkedToday(r) ? (
          <p key={r.zoneId} className={styles.good}>
            <CheckCircleFill /> {r.name} · {t('modelRooms.closing.stepCheckDone', { time: formatLocal(r.lastCheck!.at, timeZone, 'HH:mm') })}
          </p>
        ) : null,
      )}
      <Button block fill={allChecked ? 'outline' : 'solid'} color="primary" onClick={onOpen} data-testid="closing-open-check">
        {t('modelRooms.closing.openCheck')}
      </Button>
    </section>
  );
}

/**
 * Step 2: one confirmation per switch, through the phone's outbox (the model room's door is often
 * out of signal): its id and time are made at the tap, so a resend is stored once, for the day it
 * was tapped; while it waits, the switch says so.
 */
function Switches({ siteId, timeZone, day, index }: { siteId: string; timeZone: string; day: ModelRoomClosingDay; index: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const waiting = useWaitingClosings(siteId, me.id);
  const queryClient = useQueryClient();
  const confirm = useMutation({
    // Without a signal the confirmation is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async (s: ClosingSwitch) => {
      const [{ sendThroughOutbox }] = await Promise.all([import('../../shared/offline/send-through-outbox'), import('./outbox-kinds')]);
      const op: ModelRoomClosingOp = { kind: 'modelRoomClosing', siteId, body: { id: newId(), switch: s, at: Date.now() } };
      return sendThroughOutbox(me.id, [op], op.body.id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelRoomsKey(siteId) }),
  });
  return (
    <section className={styles.step}>
      <h2 className={styles.stepTitle}>
        <span className={styles.stepIndex}>{index}</span>
        {t('modelRooms.closing.stepSwitches')}
      </h2>
      {day.switches.map(({ switch: s, confirmation }) => {
        const pending = confirmation ? undefined : waiting.get(s);
        return (
          <div
            key={s}
            className={styles.switchRow}
            data-testid="closing-switch"
            data-switch={s}
            data-confirmed={confirmation ? 'yes' : pending ? 'waiting' : 'no'}
          >
            <div className={styles.switchText}>
              <strong>{t(`modelRooms.closing.switches.${s}`)}</strong>
              <span className={confirmation ? styles.good : styles.hint}>
                {confirmation
                  ? t('modelRooms.closing.confirmedBy', { name: confirmation.byName, time: formatLocal(confirmation.at, timeZone, 'HH:mm') })
                  : pending
                    ? t('modelRooms.closing.waiting', { time: formatLocal(pending.body.at, timeZone, 'HH:mm') })
                    : t(`modelRooms.closing.switchHints.${s}`)}
              </span>
            </div>
            {confirmation || pending ? (
              <CheckCircleFill className={styles.doneIcon} aria-label={t('modelRooms.closing.complete')} />
            ) : (
              <Button
                color="primary"
                loading={confirm.isPending && confirm.variables === s}
                disabled={confirm.isPending}
                onClick={() =>
                  confirm.mutate(s, {
                    onError: (err) => Toast.show({ icon: 'fail', content: `${t('modelRooms.closing.sendFailed')}: ${describeError(err)}` }),
                  })
                }
                data-testid="closing-confirm"
              >
                {t('modelRooms.closing.confirm')}
              </Button>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** This person's switch confirmations still waiting on the phone, by switch. */
function useWaitingClosings(siteId: string, personId: string): ReadonlyMap<ClosingSwitch, ModelRoomClosingOp> {
  const ops = useWaitingOps(personId, 'modelRoomClosing', siteId);
  return useMemo(() => new Map(ops.map((op) => [op.body.switch, op] as const)), [ops]);
}
