/**
 * 电瓶车 on the phone: the parties waiting for the shuttle (visits only, duty 7), boarding and
 * departing, the trip on the road with its clock, arrival with the items-left check (SHUTTLE-IN-3)
 * that hands the guests to the post at the destination, today's trip log (SHUTTLE-IN-5), and the
 * vehicle's handover to another driver and its end-of-day clean and charge. Trips (departure and
 * arrival, with the tap's time), acknowledging and handing on the guests go through the outbox:
 * a trip made without signal shows on the road at once and reaches the server once. Vehicle
 * records go straight to the server (a clear toast when refused).
 */
import { useMemo, useRef, useState } from 'react';
import { Button, Card, Checkbox, Input, Popup, Tag, TextArea, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Me, MeSite, ShuttleTrip, Visit } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { getOutbox, newId, useOutboxItems } from '../../shared/offline/outbox-client';
import type { OutboxItem } from '../../shared/offline/outbox';
import type { TripArriveOp, TripDepartOp } from './outbox-kinds';
import {
  arrivalHandoffs,
  arrivalTarget,
  elapsedText,
  guestsOf,
  itemsCheckProblem,
  suggestedDestination,
  tripLogView,
  tripsSince,
  waitingForShuttle,
  type Waiting,
} from './shuttle-rules';
import { callOfVisit, useDriverCandidates, useHandoversToMe, useOpenShuttleCalls, useTripLog } from './use-shuttle';
import { DriverCalls } from './shuttle-call.mobile';
import { usePosts } from '../posts/use-posts';
import { useVisitActions } from './use-visits';
import { shuttleApi, shuttleKeys } from './visits-api';
import styles from './visits.mobile.module.css';
import own from './shuttle.mobile.module.css';

const VEHICLE_KEY = 'anchang.shuttle.vehicle';

type VisitActions = ReturnType<typeof useVisitActions>;

/** Waits for the server's answer to an outbox write when online; a refusal is dropped and its reason returned. */
async function refusal(actions: VisitActions, key: string): Promise<string | null> {
  if (!navigator.onLine) return null;
  const outcome = await actions.waitForOutcome(key);
  if (outcome.sent) return null;
  await actions.discard(key);
  return describeOutboxError(outcome.error);
}

/** Hand-offs this phone already acknowledged, still in the outbox. */
function useAckedHere(personId: string): ReadonlySet<string> {
  const items = useOutboxItems(personId);
  return useMemo(
    () => new Set(items.filter((i) => i.state === 'waiting').flatMap((i) => (i.op.kind === 'visitAck' ? [i.op.handoffId] : []))),
    [items],
  );
}

export function ShuttlePanel({ site, me, visits }: { site: MeSite; me: Me; visits: Visit[] }) {
  const { t } = useTranslation();
  const log = useTripLog(site.id);
  const outboxItems = useOutboxItems(me.id);
  const trips = useMemo(
    () =>
      withWaitingTrips(
        (log.data?.pages ?? []).flatMap((p) => p.items),
        outboxItems,
        me,
      ),
    [log.data, outboxItems, me],
  );
  const acked = useAckedHere(me.id);
  const waiting = waitingForShuttle(visits, trips, acked);
  const enRoute = trips.filter((trip) => trip.status === 'en_route').sort((a, b) => Number(b.driverId === me.id) - Number(a.driverId === me.id));
  const [vehicle, setVehicle] = useState(() => localStorage.getItem(VEHICLE_KEY) ?? '');
  const knownVehicles = [...new Set(trips.map((trip) => trip.vehicle))].slice(0, 6);
  // At the model room the show-area concierge receives the guests, where the site has one.
  const posts = usePosts(site.id);
  const hasConcierge = posts.data?.some((p) => p.kind === 'GUARD') ?? false;

  const chooseVehicle = (value: string) => {
    setVehicle(value);
    localStorage.setItem(VEHICLE_KEY, value.trim());
  };

  return (
    <div data-testid="shuttle-panel">
      <Card className={styles.card}>
        <div className={styles.field}>
          <span className={styles.label}>{t('shuttlePhone.shuttle.vehicle')}</span>
          <Input
            className={own.vehicleInput}
            value={vehicle}
            maxLength={20}
            placeholder={t('shuttlePhone.shuttle.vehiclePlaceholder')}
            onChange={chooseVehicle}
            aria-label={t('shuttlePhone.shuttle.vehicle')}
            data-testid="shuttle-vehicle"
          />
        </div>
        {knownVehicles.length ? (
          <div className={styles.chips}>
            {knownVehicles.map((v) => (
              <button
                key={v}
                type="button"
                className={`${styles.chip} ${v === vehicle.trim() ? styles.chipOn : ''}`}
                onClick={() => chooseVehicle(v)}
              >
                {v}
              </button>
            ))}
          </div>
        ) : null}
      </Card>

      <DriverCalls site={site} meId={me.id} />

      {enRoute.length ? (
        <>
          <h2 className={styles.sectionTitle}>{t('shuttlePhone.shuttle.enRoute', { count: enRoute.length })}</h2>
          {enRoute.map((trip) => (
            <TripOnTheRoad key={trip.id} site={site} me={me} trip={trip} visits={visits} hasConcierge={hasConcierge} />
          ))}
        </>
      ) : null}

      <Boarding site={site} me={me} waiting={waiting} vehicle={vehicle.trim()} />

      <h2 className={styles.sectionTitle}>{t('shuttlePhone.shuttle.vehicleCare')}</h2>
      <VehicleCare site={site} me={me} vehicle={vehicle.trim()} />

      <TripLog site={site} trips={trips} log={log} />
    </div>
  );
}

/**
 * The server's trips with this phone's waiting ones laid over them: a trip started without signal
 * is on the road at once, and one that arrived without signal has arrived.
 */
function withWaitingTrips(trips: ShuttleTrip[], items: readonly OutboxItem[], me: Me): ShuttleTrip[] {
  const departs = items.flatMap((i) => (i.op.kind === 'tripDepart' ? [i.op] : []));
  const arrivals = new Map(items.flatMap((i) => (i.op.kind === 'tripArrive' ? [[i.op.tripId, i.op] as const] : [])));
  if (!departs.length && !arrivals.size) return trips;
  const known = new Set(trips.map((trip) => trip.id));
  const provisional: ShuttleTrip[] = departs
    .filter((op) => !known.has(op.body.id))
    .map((op) => ({
      id: op.body.id,
      siteId: op.siteId,
      vehicle: op.body.vehicle,
      driverId: me.id,
      driverName: me.name,
      destination: op.body.destination,
      visitIds: op.body.visitIds,
      guests: op.guests,
      status: 'en_route',
      departedAt: op.body.at,
      arrivedAt: null,
      itemsLeft: null,
      itemsNote: null,
    }));
  return [...provisional, ...trips].map((trip) => {
    const arrival = trip.status === 'en_route' ? arrivals.get(trip.id) : undefined;
    return arrival
      ? { ...trip, status: 'arrived', arrivedAt: arrival.body.at, itemsLeft: arrival.body.itemsLeft, itemsNote: arrival.body.itemsNote ?? null }
      : trip;
  });
}

// ---- boarding ----

function Boarding({ site, me, waiting, vehicle }: { site: MeSite; me: Me; waiting: Waiting[]; vehicle: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actions = useVisitActions(site.id, me.id);
  const [chosenIds, setChosenIds] = useState<string[]>([]);
  const [destinationPick, setDestinationPick] = useState<ShuttleTrip['destination'] | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per boarding, kept across a retried tap so the server makes one trip.
  const tripId = useRef(newId());
  const chosen = waiting.filter((w) => chosenIds.includes(w.visit.id));
  const calls = useOpenShuttleCalls(site.id);
  // Until someone is ticked, the suggestion follows everyone waiting.
  const destination = destinationPick ?? suggestedDestination(chosen.length ? chosen : waiting);
  const guests = guestsOf(chosen);

  const toggle = (visitId: string, on: boolean) => setChosenIds((ids) => (on ? [...ids, visitId] : ids.filter((id) => id !== visitId)));

  const depart = async () => {
    if (!vehicle) return Toast.show({ icon: 'fail', content: t('shuttlePhone.shuttle.needVehicle') });
    setBusy(true);
    try {
      // Boarding is taking the guests: a hand-off to the shuttle not yet acknowledged is acknowledged now.
      for (const w of chosen) {
        if (!w.toAcknowledge) continue;
        const reason = await refusal(actions, await actions.acknowledge(w.visit.id, w.toAcknowledge.id, w.visit.partySize));
        if (reason) return Toast.show({ icon: 'fail', content: t('shuttlePhone.shuttle.boardFailed', { reason }) });
      }
      // Guests the concierge called the shuttle for: this trip answers that call (its pick-up time ends now).
      const callId = chosen
        .map((w) => callOfVisit(calls.data, w.visit.id))
        .find((c) => c !== undefined && (c.takenBy === null || c.takenBy === me.id))?.id;
      const op: TripDepartOp = {
        kind: 'tripDepart',
        siteId: site.id,
        guests,
        body: { id: tripId.current, vehicle, destination, visitIds: chosen.map((w) => w.visit.id), at: Date.now(), ...(callId ? { callId } : {}) },
      };
      await getOutbox().enqueue(me.id, [op]);
      const reason = await refusal(actions, op.body.id);
      if (reason) return Toast.show({ icon: 'fail', content: t('shuttlePhone.shuttle.boardFailed', { reason }) });
      tripId.current = newId();
      setChosenIds([]);
      setDestinationPick(null);
      navigator.vibrate?.(30);
      Toast.show({ icon: 'success', content: t('shuttlePhone.shuttle.departed', { guests }) });
      await queryClient.invalidateQueries({ queryKey: shuttleKeys.tripsRoot(site.id) });
    } catch (error) {
      Toast.show({ icon: 'fail', content: t('shuttlePhone.shuttle.boardFailed', { reason: describeError(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 className={styles.sectionTitle}>
        {t('shuttlePhone.shuttle.waiting', { count: waiting.length })}
        {waiting.some((w) => w.toAcknowledge) ? <span className={styles.count}>{waiting.filter((w) => w.toAcknowledge).length}</span> : null}
      </h2>
      <p className={own.rule}>{t('shuttlePhone.shuttle.onlyVisits')}</p>
      {waiting.length ? (
        <Card className={styles.card} data-testid="shuttle-waiting">
          {waiting.map((w) => (
            <label key={w.visit.id} className={own.boardRow} data-testid="shuttle-waiting-visit" data-visit-id={w.visit.id}>
              <Checkbox checked={chosenIds.includes(w.visit.id)} onChange={(on) => toggle(w.visit.id, on)} className={own.boardCheck} />
              <PartyLine visit={w.visit} since={w.since}>
                <Tag color={w.destination === 'hall' ? 'default' : 'primary'} fill="outline">
                  {t(w.destination === 'hall' ? 'shuttlePhone.shuttle.toHall' : 'shuttlePhone.shuttle.toModelRoom')}
                </Tag>
                {w.toAcknowledge ? <Tag color="warning">{t('shuttlePhone.shuttle.newHandoff')}</Tag> : null}
                {w.fromName ? <div className={styles.muted}>{t('shuttlePhone.shuttle.from', { name: w.fromName })}</div> : null}
              </PartyLine>
            </label>
          ))}
          <div className={own.boardSummary} data-testid="shuttle-chosen">
            {chosen.length ? t('shuttlePhone.shuttle.chosen', { parties: chosen.length, guests }) : t('shuttlePhone.shuttle.chooseSome')}
          </div>
          <div className={styles.modes} role="radiogroup">
            {(['model_room', 'hall'] as const).map((d) => (
              <button
                key={d}
                type="button"
                role="radio"
                aria-checked={destination === d}
                className={`${styles.mode} ${destination === d ? styles.modeOn : ''}`}
                onClick={() => setDestinationPick(d)}
                data-testid={`shuttle-destination-${d}`}
              >
                {t(d === 'hall' ? 'shuttlePhone.shuttle.toHall' : 'shuttlePhone.shuttle.toModelRoom')}
              </button>
            ))}
          </div>
          <Button
            block
            color="primary"
            size="large"
            className={styles.bigButton}
            disabled={!chosen.length}
            loading={busy}
            onClick={() => void depart()}
            data-testid="shuttle-depart"
          >
            {t('shuttlePhone.shuttle.depart')}
          </Button>
        </Card>
      ) : (
        <p className={styles.empty}>{t('shuttlePhone.shuttle.noWaiting')}</p>
      )}
    </>
  );
}

/** A party at a glance: size, plate or on foot, how long since `since`, and what the caller adds. */
export function PartyLine({ visit, since, children }: { visit: Visit; since: number; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  return (
    <div className={own.partyLine}>
      <div className={styles.visitTop}>
        <span className={styles.party}>{t('visits.party', { count: visit.partySize })}</span>
        {visit.plateMasked ? <span className={styles.plate}>{visit.plateMasked}</span> : <Tag fill="outline">{t('visits.modes.walk_in')}</Tag>}
        {visit.customer?.isReturning ? <Tag color="warning">{t('visits.returning', { count: visit.customer.visitCount })}</Tag> : null}
        <span className={styles.since}>{t('visits.minutes', { count: Math.max(0, Math.floor((now - since) / 60_000)) })}</span>
      </div>
      {children ? <div className={own.partyExtra}>{children}</div> : null}
    </div>
  );
}

// ---- on the road and arriving ----

function TripOnTheRoad({
  site,
  me,
  trip,
  visits,
  hasConcierge,
}: {
  site: MeSite;
  me: Me;
  trip: ShuttleTrip;
  visits: Visit[];
  hasConcierge: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const actions = useVisitActions(site.id, me.id);
  const now = useNow(1000);
  const [checking, setChecking] = useState(false);
  const [itemsLeft, setItemsLeft] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = arrivalTarget(trip.destination, hasConcierge);

  const arrive = async () => {
    const missing = itemsCheckProblem(itemsLeft, note);
    if (missing) return setProblem(t(missing === 'answer' ? 'shuttlePhone.shuttle.itemsAnswer' : 'shuttlePhone.shuttle.itemsNote'));
    setBusy(true);
    try {
      const op: TripArriveOp = {
        kind: 'tripArrive',
        siteId: site.id,
        tripId: trip.id,
        body: { itemsLeft: itemsLeft === true, ...(itemsLeft ? { itemsNote: note.trim() } : {}), at: Date.now() },
      };
      await getOutbox().enqueue(me.id, [op]);
      const reason = await refusal(actions, `arrive:${trip.id}`);
      if (reason) throw new Error(reason);
    } catch (error) {
      setProblem(error instanceof Error && !('status' in error) ? error.message : describeError(error));
      setBusy(false);
      return;
    }
    setChecking(false);
    // The guests are now the destination's to receive: hand each on, unless a hand-off there already waits.
    const toHand = arrivalHandoffs(trip, visits, hasConcierge);
    let failed: string | null = null;
    for (const visitId of toHand) {
      const visit = visits.find((v) => v.id === visitId)!;
      failed ??= await refusal(actions, await actions.handOff(visitId, visit.partySize, target));
    }
    setBusy(false);
    navigator.vibrate?.(30);
    Toast.show(
      failed
        ? { icon: 'fail', content: t('shuttlePhone.shuttle.handOffFailed', { reason: failed }) }
        : {
            icon: 'success',
            content: toHand.length
              ? t('shuttlePhone.shuttle.arrived', { to: t(`visits.targets.${target}`) })
              : t('shuttlePhone.shuttle.arrivedNoHandoff'),
          },
    );
    await queryClient.invalidateQueries({ queryKey: shuttleKeys.tripsRoot(site.id) });
  };

  return (
    <Card className={`${styles.card} ${own.onRoad}`} data-testid="shuttle-en-route" data-trip-id={trip.id}>
      <div className={own.tripHead}>
        <span className={own.tripVehicle}>{trip.vehicle}</span>
        <Tag color="primary">{t(trip.destination === 'hall' ? 'shuttlePhone.shuttle.toHall' : 'shuttlePhone.shuttle.toModelRoom')}</Tag>
        <span className={own.elapsed} data-testid="shuttle-elapsed">
          {t('shuttlePhone.shuttle.elapsed', { time: elapsedText(now - trip.departedAt) })}
        </span>
      </div>
      <div className={styles.muted}>{t('shuttlePhone.shuttle.tripLine', { driver: trip.driverName, guests: trip.guests })}</div>
      <Button
        block
        color="primary"
        size="large"
        className={styles.bigButton}
        onClick={() => {
          setProblem(null);
          setChecking(true);
        }}
        data-testid="shuttle-arrive"
      >
        {t('shuttlePhone.shuttle.arrive')}
      </Button>
      <Popup visible={checking} onMaskClick={() => setChecking(false)} bodyClassName={styles.sheet}>
        <div className={styles.sheetTitle}>{t('shuttlePhone.shuttle.itemsTitle')}</div>
        <div className={styles.modes} role="radiogroup">
          {([false, true] as const).map((left) => (
            <button
              key={String(left)}
              type="button"
              role="radio"
              aria-checked={itemsLeft === left}
              className={`${styles.mode} ${itemsLeft === left ? styles.modeOn : ''}`}
              onClick={() => {
                setItemsLeft(left);
                setProblem(null);
              }}
              data-testid={`items-left-${left ? 'yes' : 'no'}`}
            >
              {t(left ? 'shuttlePhone.shuttle.itemsYes' : 'shuttlePhone.shuttle.itemsNo')}
            </button>
          ))}
        </div>
        {itemsLeft ? (
          <TextArea
            className={own.textArea}
            value={note}
            onChange={(v) => {
              setNote(v);
              setProblem(null);
            }}
            maxLength={300}
            rows={3}
            placeholder={t('shuttlePhone.shuttle.itemsNotePlaceholder')}
            data-testid="items-note"
          />
        ) : null}
        <SubmitButton error={problem} loading={busy} onSubmit={() => void arrive()} testId="confirm-arrive">
          {t('shuttlePhone.shuttle.confirmArrive')}
        </SubmitButton>
      </Popup>
    </Card>
  );
}

// ---- today's trips ----

function TripLog({ site, trips, log }: { site: MeSite; trips: ShuttleTrip[]; log: ReturnType<typeof useTripLog> }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const dayStart = dayjs(now).tz(site.timeZone).startOf('day').valueOf();
  const today = tripsSince(trips, dayStart);
  // Pages come newest first: once a page reaches yesterday, today's trips are all loaded.
  const moreToday = log.hasNextPage && today.length === trips.length;
  const time = (at: number) => formatLocal(at, site.timeZone, 'HH:mm');
  const view = tripLogView({ isError: log.isError, hasData: !!log.data, isLoading: log.isLoading }, today.length);

  return (
    <>
      <h2 className={styles.sectionTitle}>{t('shuttlePhone.shuttle.log')}</h2>
      {view === 'error' ? (
        <p className={styles.error}>{describeError(log.error)}</p>
      ) : view === 'trips' ? (
        <Card className={styles.card} data-testid="shuttle-log">
          {today.map((trip) => (
            <div key={trip.id} className={own.logRow} data-testid="shuttle-log-row">
              <div className={own.logTop}>
                <span className={own.logTime}>
                  {time(trip.departedAt)} → {trip.arrivedAt ? time(trip.arrivedAt) : '…'}
                </span>
                <span>{trip.vehicle}</span>
                <span className={styles.muted}>{t('visits.party', { count: trip.guests })}</span>
                <Tag fill="outline">{t(trip.destination === 'hall' ? 'shuttlePhone.shuttle.toHall' : 'shuttlePhone.shuttle.toModelRoom')}</Tag>
              </div>
              <div className={own.logBottom}>
                <span className={styles.muted}>{trip.driverName}</span>
                {trip.status === 'en_route' ? (
                  <Tag color="primary">{t('shuttlePhone.shuttle.onTheRoad')}</Tag>
                ) : trip.itemsLeft ? (
                  <span className={own.itemsLeft}>{t('shuttlePhone.shuttle.itemsLeftTag', { note: trip.itemsNote ?? '' })}</span>
                ) : (
                  <Tag color="success" fill="outline">
                    {t('shuttlePhone.shuttle.noItemsTag')}
                  </Tag>
                )}
              </div>
            </div>
          ))}
        </Card>
      ) : view === 'loading' ? null : (
        <p className={styles.empty}>{t('shuttlePhone.shuttle.noTrips')}</p>
      )}
      {moreToday ? (
        <Button block fill="none" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} data-testid="shuttle-log-more">
          {t('shuttlePhone.shuttle.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

// ---- handover and end of day ----

function VehicleCare({ site, me, vehicle }: { site: MeSite; me: Me; vehicle: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'handover' | 'day_end' | null>(null);
  const [last, setLast] = useState<{ what: string; at: number } | null>(null);

  const done = (what: string, at: number) => {
    setOpen(null);
    setLast({ what, at });
    Toast.show({ icon: 'success', content: what });
  };

  const start = (kind: 'handover' | 'day_end') => {
    if (vehicle) setOpen(kind);
    else Toast.show({ icon: 'fail', content: t('shuttlePhone.shuttle.needVehicle') });
  };

  return (
    <Card className={styles.card}>
      <div className={own.careButtons}>
        <Button size="large" color="primary" fill="outline" onClick={() => start('handover')} data-testid="vehicle-handover">
          {t('shuttlePhone.shuttle.handover')}
        </Button>
        <Button size="large" color="primary" fill="outline" onClick={() => start('day_end')} data-testid="vehicle-day-end">
          {t('shuttlePhone.shuttle.dayEnd')}
        </Button>
      </div>
      <HandoversToMe site={site} />
      {last ? (
        <div className={styles.muted} data-testid="vehicle-last">
          {t('shuttlePhone.shuttle.lastRecord', { what: last.what, time: formatLocal(last.at, site.timeZone, 'HH:mm') })}
        </div>
      ) : null}
      <Popup visible={open === 'handover'} onMaskClick={() => setOpen(null)} bodyClassName={styles.sheet} destroyOnClose>
        <HandoverSheet site={site} me={me} vehicle={vehicle} onDone={done} />
      </Popup>
      <Popup visible={open === 'day_end'} onMaskClick={() => setOpen(null)} bodyClassName={styles.sheet} destroyOnClose>
        <DayEndSheet site={site} vehicle={vehicle} onDone={done} />
      </Popup>
    </Card>
  );
}

/** What was handed to me: the vehicle, from whom, when, its battery and body as they were. */
function HandoversToMe({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const handovers = useHandoversToMe(site.id);
  if (handovers.isError) return <div className={own.handoverEmpty}>{t('common.loadFailed')}</div>;
  if (!handovers.data) return null;
  return (
    <div className={own.handovers} data-testid="handovers-to-me">
      <div className={own.handoversTitle}>{t('shuttlePhone.shuttle.handoversToMe')}</div>
      {handovers.data.length === 0 ? (
        <div className={own.handoverEmpty}>{t('shuttlePhone.shuttle.noHandoversToMe')}</div>
      ) : (
        handovers.data.map((h) => {
          const battery = typeof h.detail.batteryPercent === 'number' ? h.detail.batteryPercent : null;
          const bodyOk = h.detail.bodyOk !== false;
          const note = typeof h.detail.note === 'string' ? h.detail.note : '';
          return (
            <div key={h.id} className={own.handoverRow} data-testid="handover-to-me">
              <div className={own.handoverHead}>
                <span className={own.handoverVehicle}>{h.vehicle}</span>
                <span className={styles.muted}>
                  {t('shuttlePhone.shuttle.handoverFrom', { name: h.byName, time: formatLocal(h.at, site.timeZone, 'MM-DD HH:mm') })}
                </span>
              </div>
              <div className={own.handoverTags}>
                {battery !== null ? <Tag fill="outline">{t('shuttlePhone.shuttle.batteryTag', { percent: battery })}</Tag> : null}
                <Tag color={bodyOk ? 'success' : 'danger'} fill="outline">
                  {bodyOk ? t('shuttlePhone.shuttle.bodyFine') : t('shuttlePhone.shuttle.bodyDamaged')}
                </Tag>
              </div>
              {note ? <div className={own.handoverNote}>{note}</div> : null}
            </div>
          );
        })
      )}
    </div>
  );
}

function HandoverSheet({ site, me, vehicle, onDone }: { site: MeSite; me: Me; vehicle: string; onDone: (what: string, at: number) => void }) {
  const { t } = useTranslation();
  const drivers = useDriverCandidates(site.id, true);
  const people = (drivers.data?.pages ?? [])
    .flatMap((p) => p.items)
    .filter((d) => d.id !== me.id)
    .sort((a, b) => Number(b.onShuttlePost) - Number(a.onShuttlePost));
  const [toDriverId, setToDriverId] = useState<string | null>(null);
  const [battery, setBattery] = useState(80);
  const [bodyOk, setBodyOk] = useState(true);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Made once per sheet: tapping again after a lost answer resends the same record, stored once.
  const eventId = useRef(newId());

  const submit = async () => {
    const to = people.find((p) => p.id === toDriverId);
    if (!to) return setProblem(t('shuttlePhone.shuttle.chooseDriver'));
    if (!bodyOk && !note.trim()) return setProblem(t('shuttlePhone.shuttle.damageNoteRequired'));
    setBusy(true);
    try {
      const event = await shuttleApi.vehicleEvent(site.id, {
        id: eventId.current,
        kind: 'handover',
        vehicle,
        toDriverId: to.id,
        batteryPercent: battery,
        bodyOk,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(t('shuttlePhone.shuttle.handedOver', { name: event.toDriverName ?? to.name }), event.at);
    } catch (error) {
      setProblem(t('shuttlePhone.shuttle.saveFailed', { reason: describeError(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="handover-sheet">
      <div className={styles.sheetTitle}>
        {t('shuttlePhone.shuttle.handoverTitle')} · {vehicle}
      </div>
      <div className={styles.label}>{t('shuttlePhone.shuttle.toDriver')}</div>
      <div className={own.driverList}>
        {drivers.isError ? (
          <p className={styles.error}>{describeError(drivers.error)}</p>
        ) : people.length ? (
          people.map((p) => (
            <button
              key={p.id}
              type="button"
              className={`${styles.chip} ${p.id === toDriverId ? styles.chipOn : ''}`}
              onClick={() => {
                setToDriverId(p.id);
                setProblem(null);
              }}
              data-testid="handover-driver"
            >
              {p.name}
              {p.onShuttlePost ? ` · ${t('shuttlePhone.shuttle.onShuttlePost')}` : ''}
            </button>
          ))
        ) : drivers.isLoading ? null : (
          <p className={styles.empty}>{t('shuttlePhone.shuttle.noDrivers')}</p>
        )}
      </div>
      <div className={styles.field}>
        <span className={styles.label}>{t('shuttlePhone.shuttle.battery')}</span>
        <LabelledStepper
          label={t('shuttlePhone.shuttle.battery')}
          min={0}
          max={100}
          step={5}
          value={battery}
          onChange={setBattery}
          className={styles.stepper}
          data-testid="handover-battery"
        />
      </div>
      <div className={styles.label}>{t('shuttlePhone.shuttle.bodyOk')}</div>
      <div className={styles.modes} role="radiogroup">
        {([true, false] as const).map((ok) => (
          <button
            key={String(ok)}
            type="button"
            role="radio"
            aria-checked={bodyOk === ok}
            className={`${styles.mode} ${bodyOk === ok ? styles.modeOn : ''}`}
            onClick={() => setBodyOk(ok)}
          >
            {t(ok ? 'shuttlePhone.shuttle.bodyFine' : 'shuttlePhone.shuttle.bodyDamaged')}
          </button>
        ))}
      </div>
      <TextArea
        className={own.textArea}
        value={note}
        onChange={setNote}
        maxLength={300}
        rows={2}
        placeholder={t(bodyOk ? 'shuttlePhone.shuttle.notePlaceholder' : 'shuttlePhone.shuttle.damageNote')}
      />
      <SubmitButton error={problem} loading={busy} onSubmit={() => void submit()} testId="handover-submit">
        {t('shuttlePhone.shuttle.submit')}
      </SubmitButton>
    </div>
  );
}

function DayEndSheet({ site, vehicle, onDone }: { site: MeSite; vehicle: string; onDone: (what: string, at: number) => void }) {
  const { t } = useTranslation();
  const [cleaned, setCleaned] = useState(false);
  const [charging, setCharging] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Made once per sheet: tapping again after a lost answer resends the same record, stored once.
  const eventId = useRef(newId());

  const submit = async () => {
    // SHUTTLE-POST-1: the vehicle ends the day cleaned and charging; a note says why if not.
    if ((!cleaned || !charging) && !note.trim()) return setProblem(t('shuttlePhone.shuttle.dayEndIncomplete'));
    setBusy(true);
    try {
      const event = await shuttleApi.vehicleEvent(site.id, {
        id: eventId.current,
        kind: 'day_end',
        vehicle,
        cleaned,
        charging,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(t('shuttlePhone.shuttle.dayEndDone'), event.at);
    } catch (error) {
      setProblem(t('shuttlePhone.shuttle.saveFailed', { reason: describeError(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="day-end-sheet">
      <div className={styles.sheetTitle}>
        {t('shuttlePhone.shuttle.dayEndTitle')} · {vehicle}
      </div>
      <Checkbox checked={cleaned} onChange={setCleaned} className={own.check} data-testid="day-end-cleaned">
        {t('shuttlePhone.shuttle.cleaned')}
      </Checkbox>
      <Checkbox checked={charging} onChange={setCharging} className={own.check} data-testid="day-end-charging">
        {t('shuttlePhone.shuttle.charging')}
      </Checkbox>
      <TextArea
        className={own.textArea}
        value={note}
        onChange={setNote}
        maxLength={300}
        rows={2}
        placeholder={t('shuttlePhone.shuttle.notePlaceholder')}
      />
      <SubmitButton error={problem} loading={busy} onSubmit={() => void submit()} testId="day-end-submit">
        {t('shuttlePhone.shuttle.submit')}
      </SubmitButton>
    </div>
  );
}
