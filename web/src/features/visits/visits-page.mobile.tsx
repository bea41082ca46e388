import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Input, Popup, Tag, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { CheckCircleFill, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { Handoff, HandoffTarget, Me, MeSite, PostKind, Visit } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { describeError } from '../../shared/api/errors';
import { useNow } from '../../shared/format/use-now';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { useOutboxItems } from '../../shared/offline/outbox-client';
import {
  ALL_PROVINCES,
  QUICK_PROVINCES,
  composePlate,
  handOnTargets,
  incomingFor,
  isMobilePhone,
  pendingMove,
  RECEIVING_POSTS,
  stageOfPost,
  stageSince,
} from './visit-rules';
import { ConsentNotice } from './consent-notice.mobile';
import { BarPanel, HallSeat, HallSummary } from './hall-bar.mobile';
import { ConsultantGuests, GuideNotes, ModelRoomPanel } from './model-room.mobile';
import { AskSales } from '../questions/ask-sales.mobile';
import { ShuttlePanel } from './shuttle.mobile';
import { useChainSettings, useConsultants, useOpenVisits, useVisitActions, useVisitorCounts } from './use-visits';
import { CallShuttleButton, ConciergeCalls } from './shuttle-call.mobile';
import { VehicleCheckButton } from './vehicle-check.mobile';
import styles from './visits.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { FarewellQrHost, showFarewellQr } from '../surveys/farewell-qr.mobile';

/** 来访: what my post does with visitors — register them, receive them, hand them on. */
export function VisitsPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  const me = useMe();
  if (!site) return <PhoneState status="empty" fullPage title={t('shiftPhone.noSite')} description={t('mobile.noSitesHint')} />;
  return <VisitsOfSite site={site} me={me} />;
}

function VisitsOfSite({ site, me }: { site: MeSite; me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const kinds = useMemo(() => [...new Set(site.posts.map((p) => p.kind))], [site.posts]);
  const receiving = kinds.filter((k) => RECEIVING_POSTS.includes(k));
  // The shuttle takes its guests in its own panel: boarding is how the driver receives them.
  const receivedHere = receiving.filter((k) => k !== 'SHUTTLE');
  const isModelRoom = kinds.includes('MODEL') || kinds.includes('MODELSVC');
  const isPark = kinds.includes('PARK');
  const isConsultant = site.role === 'sales_consultant';
  const visits = useOpenVisits(site.id);
  const postNames = site.posts.map((p) => p.name).join(' · ');

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h1 className={styles.title}>{t('visits.title')}</h1>
          <button type="button" className={styles.headerLink} onClick={() => void navigate('/lost-found')} data-testid="lost-found-entry">
            {t('carePhone.lost.entry')} <RightOutline />
          </button>
        </div>
        <div className={styles.meta}>{postNames || (isConsultant ? t('visits.consultantRole') : t('visits.noPost'))}</div>
      </header>
      {visits.isLoading ? (
        <MobileSpinner />
      ) : visits.isError && !visits.data ? (
        <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(visits.error)} />
      ) : (
        <div className={styles.body}>
          {isPark ? <ParkPanel site={site} me={me} visits={visits.data ?? []} /> : null}
          {kinds.includes('HALL') ? <HallSummary site={site} me={me} visits={visits.data ?? []} /> : null}
          {kinds.includes('BAR') ? <BarPanel site={site} me={me} /> : null}
          {kinds.includes('SHUTTLE') ? <ShuttlePanel site={site} me={me} visits={visits.data ?? []} /> : null}
          {kinds.includes('GUARD') ? <ConciergeCalls site={site} /> : null}
          {receivedHere.length || isConsultant ? <ReceivePanel site={site} me={me} kinds={receivedHere} visits={visits.data ?? []} /> : null}
          {/* A MODEL post lists its parties in the receive panel, the guide's notes inside each card: listed once. */}
          {isModelRoom && !receivedHere.some((k) => stageOfPost(k) === 'model_room') ? (
            <ModelRoomPanel site={site} visits={visits.data ?? []} />
          ) : null}
          {isConsultant ? <ConsultantGuests site={site} me={me} visits={visits.data ?? []} /> : null}
          {!isPark && !receiving.length && !isConsultant && !isModelRoom ? (
            <PhoneState status="empty" title={t('visits.notForPost')} description={t('visits.notForPostHint')} />
          ) : null}
        </div>
      )}
      <FarewellQrHost />
    </div>
  );
}

/** Hand-offs this phone already took or sent, still in the outbox (shown as done, not offered again). */
function usePendingVisitOps(personId: string) {
  const items = useOutboxItems(personId);
  return useMemo(() => {
    const ops = items.filter((i) => i.state === 'waiting').map((i) => i.op);
    return {
      acked: new Set(ops.flatMap((op) => (op.kind === 'visitAck' ? [op.handoffId] : []))),
      handedVisits: new Set(ops.flatMap((op) => (op.kind === 'visitHandoff' ? [op.visitId] : []))),
    };
  }, [items]);
}

// ---- the car park ----

function ParkPanel({ site, me, visits }: { site: MeSite; me: Me; visits: Visit[] }) {
  const { t } = useTranslation();
  const counts = useVisitorCounts(site.id);
  const carPark = counts.data?.carPark;
  const pending = usePendingVisitOps(me.id);
  const actions = useVisitActions(site.id, me.id);
  const cars = visits.filter((v) => v.arrivalMode === 'car');
  const departures = incomingFor(cars, ['PARK'], me.id, pending.acked).filter((i) => i.handoff.to === 'departure');
  const leaving = new Set(departures.map((d) => d.visit.id));
  const parked = cars.filter((v) => !leaving.has(v.id));

  const seeOff = async (visit: Visit, handoffId: string) => {
    await actions.acknowledge(visit.id, handoffId, visit.partySize);
    Toast.show({ icon: 'success', content: t('visits.park.seenOff') });
    // 送别: the guests rate the visit from this phone before they drive off.
    showFarewellQr(site.id, visit.id);
  };

  return (
    <>
      {carPark?.isFull ? (
        <div className={styles.fullBanner} data-testid="carpark-full" role="alert">
          {t('visits.park.full', { occupied: carPark.occupied, capacity: carPark.capacity ?? '—' })}
        </div>
      ) : null}
      <RegisterCard site={site} me={me} occupancy={carPark ? `${carPark.occupied}/${carPark.capacity ?? '—'}` : '—'} />

      {departures.length ? (
        <>
          <h2 className={styles.sectionTitle}>{t('visits.park.departures', { count: departures.length })}</h2>
          {departures.map(({ visit, handoff }) => (
            <Card key={handoff.id} className={`${styles.card} ${styles.incoming}`} data-testid="departure-handoff" data-visit-id={visit.id}>
              <VisitLine visit={visit} since={handoff.sentAt} from={handoff} />
              <Button block color="primary" size="large" className={styles.bigButton} onClick={() => void seeOff(visit, handoff.id)}>
                {t('visits.park.seeOff')}
              </Button>
            </Card>
          ))}
        </>
      ) : null}

      <h2 className={styles.sectionTitle}>{t('visits.park.cars', { count: parked.length })}</h2>
      {parked.length ? (
        <Card className={styles.card}>
          {parked.map((visit) => (
            <div key={visit.id} className={styles.carRow} data-testid="parked-car">
              <span className={styles.plate}>{visit.plateMasked ?? '—'}</span>
              <span className={styles.muted}>{t('visits.party', { count: visit.partySize })}</span>
              <Tag color="primary" fill="outline">
                {t(`visits.stages.${visit.stage}`)}
              </Tag>
              <VehicleCheckButton site={site} visit={visit} />
            </div>
          ))}
        </Card>
      ) : (
        <p className={styles.empty}>{t('visits.park.noCars')}</p>
      )}
    </>
  );
}

function RegisterCard({ site, me, occupancy }: { site: MeSite; me: Me; occupancy: string }) {
  const { t } = useTranslation();
  const actions = useVisitActions(site.id, me.id);
  const [partySize, setPartySize] = useState(2);
  const [mode, setMode] = useState<'car' | 'walk_in'>('car');
  const [province, setProvince] = useState('浙');
  const [plateRest, setPlateRest] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const plate = composePlate(province, plateRest);
    if (mode === 'car' && plateRest.trim() === '') return setError(t('visits.park.plateMissing'));
    if (phone && !isMobilePhone(phone)) return setError(t('visits.park.phoneInvalid'));
    setBusy(true);
    try {
      const key = await actions.register({
        partySize,
        arrivalMode: mode,
        ...(mode === 'car' ? { plate } : {}),
        ...(phone ? { customer: { phone, consent } } : {}),
      });
      if (navigator.onLine) {
        const outcome = await actions.waitForOutcome(key);
        if (!outcome.sent) {
          // Refused (a plate the server reads differently): keep the form, say why, drop the write.
          const rule = outcome.error.params.rule;
          setError(
            outcome.error.code === 'PLATE_INVALID' && typeof rule === 'string'
              ? t(`visits.plateRules.${rule}`, { defaultValue: describeOutboxError(outcome.error) })
              : describeOutboxError(outcome.error),
          );
          await actions.discard(key);
          return;
        }
      }
      const what = mode === 'car' ? `${plate} · ${t('visits.party', { count: partySize })}` : t('visits.party', { count: partySize });
      setDone(navigator.onLine ? t('visits.park.notified', { what }) : t('visits.park.notifiedLater', { what }));
      setPlateRest('');
      setPhone('');
      setConsent(false);
      setPartySize(2);
      setMode('car');
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={styles.card} data-testid="register-card">
      <div className={styles.cardHead}>
        <span className={styles.cardTitle}>{t('visits.park.register')}</span>
        <span className={styles.occupancy} data-testid="carpark-occupancy">
          {t('visits.park.occupancy')} <strong>{occupancy}</strong>
        </span>
      </div>
      {done ? (
        <div className={styles.done} data-testid="register-done" role="status">
          <CheckCircleFill /> {done}
        </div>
      ) : null}
      <div className={styles.field}>
        <span className={styles.label}>{t('visits.park.partySize')}</span>
        <LabelledStepper
          label={t('visits.park.partySize')}
          min={1}
          max={50}
          value={partySize}
          onChange={(v) => setPartySize(v)}
          className={styles.stepper}
          data-testid="party-size"
        />
      </div>
      <div className={styles.modes} role="radiogroup">
        {(['car', 'walk_in'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={`${styles.mode} ${mode === m ? styles.modeOn : ''}`}
            onClick={() => setMode(m)}
          >
            {t(`visits.modes.${m}`)}
          </button>
        ))}
      </div>
      {mode === 'car' ? (
        <>
          <div className={styles.plateRow}>
            <button type="button" className={styles.province} onClick={() => setPickerOpen(true)} aria-label={t('visits.park.province')}>
              {province}
            </button>
            <Input
              className={styles.plateInput}
              placeholder={t('visits.park.platePlaceholder')}
              value={plateRest}
              maxLength={8}
              onChange={(v) => setPlateRest(v.toUpperCase())}
              data-testid="plate-input"
              aria-label={t('visits.park.plate')}
            />
          </div>
          <div className={styles.chips}>
            {QUICK_PROVINCES.map((p) => (
              <button key={p} type="button" className={`${styles.chip} ${p === province ? styles.chipOn : ''}`} onClick={() => setProvince(p)}>
                {p}
              </button>
            ))}
            <button type="button" className={styles.chip} onClick={() => setPickerOpen(true)}>
              {t('visits.park.moreProvinces')}
            </button>
          </div>
        </>
      ) : null}
      <div className={styles.field}>
        <Input
          type="tel"
          className={styles.phoneInput}
          placeholder={t('visits.park.phonePlaceholder')}
          value={phone}
          maxLength={11}
          onChange={(v) => setPhone(v.replace(/\D/g, ''))}
          aria-label={t('visits.park.phone')}
        />
      </div>
      {phone ? <ConsentNotice site={site} checked={consent} onChange={setConsent} /> : null}
      <SubmitButton error={error} loading={busy} onSubmit={() => void submit()} testId="register-submit">
        {t('visits.park.submit')}
      </SubmitButton>
      <Popup visible={pickerOpen} onMaskClick={() => setPickerOpen(false)} bodyClassName={styles.sheet}>
        <div className={styles.sheetTitle}>{t('visits.park.province')}</div>
        <div className={styles.provinceGrid}>
          {ALL_PROVINCES.map((p) => (
            <button
              key={p}
              type="button"
              className={`${styles.chip} ${p === province ? styles.chipOn : ''}`}
              onClick={() => {
                setProvince(p);
                setPickerOpen(false);
              }}
            >
              {p}
            </button>
          ))}
        </div>
      </Popup>
    </Card>
  );
}

// ---- receiving and handing on ----

function ReceivePanel({ site, me, kinds, visits }: { site: MeSite; me: Me; kinds: PostKind[]; visits: Visit[] }) {
  const { t } = useTranslation();
  const pending = usePendingVisitOps(me.id);
  const actions = useVisitActions(site.id, me.id);
  const incoming = incomingFor(visits, kinds, me.id, pending.acked);
  const stages = new Set(kinds.map(stageOfPost).filter((s) => s !== null));
  const targets = [...new Set(kinds.flatMap(handOnTargets))];
  const here = visits.filter((v) => stages.has(v.stage)).sort((a, b) => b.arrivedAt - a.arrivedAt);

  const receive = async (visit: Visit, handoffId: string) => {
    navigator.vibrate?.(30);
    await actions.acknowledge(visit.id, handoffId, visit.partySize);
    Toast.show({ icon: 'success', content: t('visits.received', { count: visit.partySize }) });
  };

  return (
    <>
      <h2 className={styles.sectionTitle}>
        {t('visits.incoming')} {incoming.length ? <span className={styles.count}>{incoming.length}</span> : null}
      </h2>
      {incoming.length ? (
        incoming.map(({ visit, handoff }) => (
          <Card key={handoff.id} className={`${styles.card} ${styles.incoming}`} data-testid="incoming-handoff" data-visit-id={visit.id}>
            <VisitLine visit={visit} since={handoff.sentAt} from={handoff} note={handoff.note} />
            {handoff.rungAt !== null ? (
              <Tag color="danger" className={styles.rerungTag} data-testid="handoff-rerung">
                {t('visits.rerung')}
              </Tag>
            ) : null}
            <Button
              block
              color="primary"
              size="large"
              className={styles.bigButton}
              onClick={() => void receive(visit, handoff.id)}
              data-testid="ack-button"
            >
              {t('visits.receive')}
            </Button>
          </Card>
        ))
      ) : (
        <p className={styles.empty}>{t('visits.noIncoming')}</p>
      )}

      {stages.size ? (
        <>
          <h2 className={styles.sectionTitle}>{t('visits.withMe', { count: here.length })}</h2>
          {here.length ? (
            here.map((visit) => (
              <HereCard
                key={visit.id}
                site={site}
                me={me}
                visit={visit}
                targets={targets}
                isHanded={pending.handedVisits.has(visit.id)}
                inHall={kinds.includes('HALL') && visit.stage === 'hall'}
                isGuide={visit.stage === 'model_room' && kinds.includes('MODEL')}
                atConcierge={kinds.includes('GUARD') && visit.stage === 'concierge'}
              />
            ))
          ) : (
            <p className={styles.empty}>{t('visits.noneWithMe')}</p>
          )}
        </>
      ) : null}
    </>
  );
}

function HereCard({
  site,
  me,
  visit,
  targets,
  isHanded,
  inHall,
  isGuide = false,
  atConcierge = false,
}: {
  site: MeSite;
  me: Me;
  visit: Visit;
  targets: HandoffTarget[];
  isHanded: boolean;
  inHall: boolean;
  isGuide?: boolean;
  atConcierge?: boolean;
}) {
  const { t } = useTranslation();
  const actions = useVisitActions(site.id, me.id);
  const [consultantOpen, setConsultantOpen] = useState(false);
  const { consultants } = useConsultants(site.id, targets.includes('consultant'));
  const chain = useChainSettings(site.id, targets.includes('consultant'));
  const moving = pendingMove(visit);
  const waitingSide = visit.handoffs.filter((h) => h.ackedAt === null && h.id !== moving?.id);

  const handOn = async (to: HandoffTarget, consultantId?: string) => {
    await actions.handOff(visit.id, visit.partySize, to, consultantId);
    Toast.show({ icon: 'success', content: t('visits.handedTo', { to: t(`visits.targets.${to}`) }) });
    // 送别: whoever sees the guests off shows them the visit's QR to rate it.
    if (to === 'departure') showFarewellQr(site.id, visit.id);
  };

  return (
    <Card className={styles.card} data-testid="visit-here" data-visit-id={visit.id}>
      <VisitLine visit={visit} since={stageSince(visit)} />
      {visit.consultantName ? <div className={styles.muted}>{t('visits.consultant', { name: visit.consultantName })}</div> : null}
      {inHall ? <HallSeat site={site} me={me} visit={visit} /> : null}
      {isGuide ? <GuideNotes site={site} visit={visit} /> : null}
      <AskSales site={site} visit={visit} />
      {waitingSide.map((h) => (
        <Tag key={h.id} color="warning" fill="outline" className={styles.waitTag}>
          {t('visits.waitingFor', { to: t(`visits.targets.${h.to}`) })}
        </Tag>
      ))}
      {moving || isHanded ? (
        <div className={styles.handed} data-testid="handed-on">
          {moving ? t('visits.onTheirWay', { to: t(`visits.targets.${moving.to}`) }) : t('visits.handedWaiting')}
        </div>
      ) : (
        <div className={styles.targets}>
          {/* GUARD-IN-8: guests leaving the model room: the shuttle is called, not just told. */}
          {atConcierge && visit.handoffs.some((h) => h.fromStage === 'model_room') ? (
            <CallShuttleButton site={site} visit={visit} onHandOff={() => handOn('shuttle')} />
          ) : null}
          {targets
            .filter((to) => !(atConcierge && to === 'shuttle'))
            .filter((to) => !(atConcierge && to === 'model_room' && visit.handoffs.some((h) => h.fromStage === 'model_room')))
            .map((to) => {
              const isConsultant = to === 'consultant';
              const disabled = isConsultant && !consultants?.length;
              return (
                <Button
                  key={to}
                  size="middle"
                  color={to === 'departure' ? 'default' : 'primary'}
                  fill={to === 'departure' ? 'outline' : 'solid'}
                  disabled={disabled}
                  className={styles.targetButton}
                  onClick={() => (isConsultant ? setConsultantOpen(true) : void handOn(to))}
                  data-testid={`handoff-${to}`}
                >
                  {t(`visits.targetButtons.${to}`)}
                </Button>
              );
            })}
        </div>
      )}
      <Popup visible={consultantOpen} onMaskClick={() => setConsultantOpen(false)} bodyClassName={styles.sheet}>
        <div className={styles.sheetTitle}>{t('visits.chooseConsultant')}</div>
        {chain.data?.consultantRotation ? (
          <Button
            block
            size="large"
            color="primary"
            className={styles.sheetItem}
            onClick={() => {
              setConsultantOpen(false);
              void handOn('consultant');
            }}
            data-testid="handoff-consultant-rotation"
          >
            {t('visits.byRotation')}
          </Button>
        ) : null}
        {(consultants ?? []).map((c) => (
          <Button
            key={c.id}
            block
            size="large"
            className={styles.sheetItem}
            onClick={() => {
              setConsultantOpen(false);
              void handOn('consultant', c.id);
            }}
          >
            {c.name}
          </Button>
        ))}
      </Popup>
    </Card>
  );
}

/** One visit at a glance: party, plate, returning customer, how long it has waited. */
function VisitLine({ visit, since, from, note }: { visit: Visit; since: number; from?: Handoff; note?: string }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  return (
    <div className={styles.visitLine}>
      <div className={styles.visitTop}>
        <span className={styles.party}>{t('visits.party', { count: visit.partySize })}</span>
        {visit.plateMasked ? <span className={styles.plate}>{visit.plateMasked}</span> : <Tag fill="outline">{t('visits.modes.walk_in')}</Tag>}
        {visit.isNewEnergy ? (
          <Tag color="success" fill="outline">
            {t('visits.newEnergy')}
          </Tag>
        ) : null}
        {visit.customer?.isReturning ? <Tag color="warning">{t('visits.returning', { count: visit.customer.visitCount })}</Tag> : null}
        <span className={styles.since}>{t('visits.minutes', { count: minutes })}</span>
      </div>
      {/* The sender's stage, not the visit's: a hand-off to departure has already moved the guests to 离场中. */}
      {from ? <div className={styles.muted}>{t('visits.from', { stage: t(`visits.stages.${from.fromStage}`), name: from.sentByName })}</div> : null}
      {note ? <div className={styles.note}>{note}</div> : null}
    </div>
  );
}
