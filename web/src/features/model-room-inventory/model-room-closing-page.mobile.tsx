import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { Button, NavBar, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { HANDOVER_NEW_PATH, type ClosingSwitch, type ModelRoom, type ModelRoomClosingDay } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { phoneOffersOn } from '../../shared/auth/access';
import { formatLocal } from '../../shared/format/time';
import { newId } from '../../shared/offline/new-id';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { modelRoomsApi, useClosingDay, useModelRoomMutation, useModelRooms } from './use-model-rooms';
import styles from './model-room-closing.mobile.module.css';

/**
 * 下班关闭样板房 on the concierge's phone, the end of the day in its order: the model room's item
 * check (GUARD-IN-10), then water, power and CCTV turned off and each confirmed on its own
 * (GUARD-IN-11), then the handover to the night shift.
 */
export function ModelRoomClosingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate(-1)}>
        {t('modelRooms.closing.title')}
      </NavBar>
      {site ? (
        <Routine siteId={site.id} timeZone={site.timeZone} offersCheck={phoneOffersOn(site, '/model-room-check')} />
      ) : (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      )}
    </div>
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

/** Step 2: one confirmation per switch, each sent with an id made once, so a retry is stored once. */
function Switches({ siteId, timeZone, day, index }: { siteId: string; timeZone: string; day: ModelRoomClosingDay; index: number }) {
  const { t } = useTranslation();
  const ids = useRef(new Map<ClosingSwitch, string>());
  const confirm = useModelRoomMutation(siteId, (s: ClosingSwitch) => {
    const id = ids.current.get(s) ?? newId();
    ids.current.set(s, id);
    return modelRoomsApi.confirmClosing(siteId, { id, switch: s });
  });
  return (
    <section className={styles.step}>
      <h2 className={styles.stepTitle}>
        <span className={styles.stepIndex}>{index}</span>
        {t('modelRooms.closing.stepSwitches')}
      </h2>
      {day.switches.map(({ switch: s, confirmation }) => (
        <div key={s} className={styles.switchRow} data-testid="closing-switch" data-switch={s} data-confirmed={confirmation ? 'yes' : 'no'}>
          <div className={styles.switchText}>
            <strong>{t(`modelRooms.closing.switches.${s}`)}</strong>
            <span className={confirmation ? styles.good : styles.hint}>
              {confirmation
                ? t('modelRooms.closing.confirmedBy', { name: confirmation.byName, time: formatLocal(confirmation.at, timeZone, 'HH:mm') })
                : t(`modelRooms.closing.switchHints.${s}`)}
            </span>
          </div>
          {confirmation ? (
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
      ))}
    </section>
  );
}
