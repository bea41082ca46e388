/**
 * 置业顾问的首页: what a sales consultant acts on and nothing else. Guests waiting in the hall with
 * no consultant, each with 接待 (HALL-IN-3's acceptance, recorded as the hall's hand-off to me);
 * my customers of today, where each party is in the chain now and what the model room heard from
 * them (MODEL-IN-10); and the questions the concierge could not answer (GUARD-IN-7).
 */
import { useState } from 'react';
import { Button, Card, DotLoading, Switch, Tag, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeSite, Visit } from '@anchang/contracts';
import { ApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { newId } from '../../shared/offline/new-id';
import { useMe } from '../../shared/auth/use-auth';
import { ModelRoomNotes } from '../visits/model-room.mobile';
import { pendingMove, stageSince } from '../visits/visit-rules';
import { ConsultantQuestions } from './consultant-questions.mobile';
import { startOfSiteDay, useMyCustomersToday, useMyRotation, useSetMyRotation, useWaitingGuests } from './use-consultant-home';
import { visitKeys, visitsApi } from '../visits/visits-api';
import styles from './consultant-home.mobile.module.css';

export function ConsultantHome({ site }: { site: MeSite }) {
  return (
    <>
      <RotationCard site={site} />
      <ConsultantQuestions site={site} />
      <WaitingGuests site={site} />
      <MyCustomers site={site} />
    </>
  );
}

/**
 * Where the site hands guests round the consultants in turn (轮流): a consultant off today, or out
 * with a customer, steps out so the turn does not wait on them; it lasts the day.
 */
function RotationCard({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const rotation = useMyRotation(site.id);
  const save = useSetMyRotation(site.id);
  if (!rotation.data?.rotation) return null;
  const inTurn = !rotation.data.awayToday;
  const change = async (next: boolean) => {
    try {
      await save.mutateAsync({ awayToday: !next });
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };
  return (
    <Card className={styles.card} title={t('consultantHome.rotation.title')} data-testid="consultant-rotation" data-in-turn={inTurn}>
      <div className={styles.rotationRow}>
        <span className={inTurn ? undefined : styles.rotationAway}>{t(inTurn ? 'consultantHome.rotation.in' : 'consultantHome.rotation.away')}</span>
        <Switch
          checked={inTurn}
          loading={save.isPending}
          onChange={(next) => void change(next)}
          aria-label={t('consultantHome.rotation.switchLabel')}
          data-testid="consultant-rotation-switch"
          // A finger-sized target (44 px), as every control of the staff app.
          style={{ '--height': '44px', '--width': '72px' }}
        />
      </div>
    </Card>
  );
}

/** A failed load is said as such, with a retry; it never shows as an empty list. */
function LoadState({ isPending, isError, onRetry }: { isPending: boolean; isError: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  if (isPending)
    return (
      <div className={styles.loading}>
        <DotLoading color="primary" /> {t('common.loading')}
      </div>
    );
  if (!isError) return null;
  return (
    <div className={styles.failed} role="alert">
      <span>{t('consultantHome.loadFailed')}</span>
      <Button size="small" fill="outline" color="primary" className={styles.retry} onClick={onRetry}>
        {t('consultantHome.retry')}
      </Button>
    </div>
  );
}

function minutesSince(now: number, at: number): number {
  return Math.max(0, Math.floor((now - at) / 60_000));
}

/** The party in one line: how many, how they came, whether they were here before, and who they are. */
function PartyHead({
  visit,
  minutes,
  label,
}: {
  visit: Visit;
  minutes: number;
  label: 'consultantHome.waiting.minutes' | 'consultantHome.mine.minutes';
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.partyHead}>
      <span className={styles.party}>{t('visits.party', { count: visit.partySize })}</span>
      {visit.plateMasked ? <span className={styles.plate}>{visit.plateMasked}</span> : <Tag fill="outline">{t('visits.modes.walk_in')}</Tag>}
      {visit.customer?.isReturning ? <Tag color="warning">{t('visits.returning', { count: visit.customer.visitCount })}</Tag> : null}
      <span className={styles.since}>{t(label, { count: minutes })}</span>
    </div>
  );
}

function WaitingGuests({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const waiting = useWaitingGuests(site.id);
  const guests = waiting.data ?? [];
  return (
    <Card
      className={styles.card}
      title={
        <span className={styles.cardTitle}>
          {t('consultantHome.waiting.title')}
          {guests.length ? <span className={styles.count}>{t('consultantHome.parties', { count: guests.length })}</span> : null}
        </span>
      }
      data-testid="consultant-waiting"
    >
      <LoadState isPending={waiting.isPending} isError={waiting.isError && !waiting.data} onRetry={() => void waiting.refetch()} />
      {waiting.data ? (
        guests.length ? (
          guests.map((visit) => <WaitingGuest key={visit.id} site={site} visit={visit} />)
        ) : (
          <p className={styles.empty} data-testid="consultant-waiting-empty">
            {t('consultantHome.waiting.empty')}
          </p>
        )
      ) : null}
    </Card>
  );
}

function WaitingGuest({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const me = useMe();
  const [busy, setBusy] = useState(false);
  // By rotation (轮流) the hall asks one consultant at a time: the one asked accepts the hand-off.
  const asked = visit.handoffs.find((h) => h.rotation && h.ackedAt === null) ?? null;
  const isMyTurn = asked?.toPersonId === me.id;

  const claim = async () => {
    setBusy(true);
    try {
      if (asked && isMyTurn) await visitsApi.acknowledge(site.id, visit.id, asked.id);
      else await visitsApi.claim(site.id, visit.id, { id: newId() });
      Toast.show({ icon: 'success', content: t('consultantHome.waiting.claimed', { count: visit.partySize }) });
    } catch (error) {
      // Someone else was first (or the guests left): say so; the refetch below takes them off the list.
      const isTaken = error instanceof ApiError && error.code === 'VISIT_ALREADY_CLAIMED';
      Toast.show({ icon: isTaken ? undefined : 'fail', content: describeError(error), duration: 3000 });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: visitKeys.root(site.id) });
    }
  };

  return (
    <div className={styles.row} data-testid="waiting-guest" data-visit-id={visit.id}>
      <div className={styles.rowMain}>
        <PartyHead visit={visit} minutes={minutesSince(now, stageSince(visit))} label="consultantHome.waiting.minutes" />
        {asked ? (
          <Tag color={isMyTurn ? 'danger' : 'default'} fill={isMyTurn ? 'solid' : 'outline'} className={styles.turnTag} data-testid="rotation-turn">
            {isMyTurn ? t('consultantHome.waiting.yourTurn') : t('consultantHome.waiting.othersTurn')}
          </Tag>
        ) : null}
        <div className={styles.muted}>
          {visit.customer?.name ? `${visit.customer.name} · ` : ''}
          {t('consultantHome.arrivedAt', { time: formatLocal(visit.arrivedAt, site.timeZone, 'HH:mm') })}
        </div>
      </div>
      <Button color={isMyTurn ? 'danger' : 'primary'} className={styles.claim} loading={busy} onClick={() => void claim()} data-testid="claim-guest">
        {t('consultantHome.waiting.claim')}
      </Button>
    </div>
  );
}

function MyCustomers({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  // Once a minute is enough to notice the day has turned.
  const dayStart = startOfSiteDay(useNow(60_000), site.timeZone);
  const mine = useMyCustomersToday(site.id, dayStart);
  const customers = mine.data ?? [];
  const onSite = customers.filter((v) => v.status === 'open').length;
  return (
    <Card
      className={styles.card}
      title={
        <span className={styles.cardTitle}>
          {t('consultantHome.mine.title')}
          {customers.length ? <span className={styles.count}>{t('consultantHome.mine.count', { count: customers.length, onSite })}</span> : null}
        </span>
      }
      data-testid="consultant-customers"
    >
      <LoadState isPending={mine.isPending} isError={mine.isError && !mine.data} onRetry={() => void mine.refetch()} />
      {mine.data ? (
        customers.length ? (
          customers.map((visit) => <MyCustomer key={visit.id} site={site} visit={visit} />)
        ) : (
          <p className={styles.empty} data-testid="consultant-customers-empty">
            {t('consultantHome.mine.empty')}
          </p>
        )
      ) : null}
    </Card>
  );
}

function MyCustomer({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const moving = pendingMove(visit);
  const isGone = visit.status === 'closed';
  return (
    <div className={styles.customer} data-testid="my-customer" data-visit-id={visit.id}>
      <PartyHead visit={visit} minutes={minutesSince(isGone ? (visit.closedAt ?? now) : now, visit.arrivedAt)} label="consultantHome.mine.minutes" />
      {visit.customer?.name ? <div className={styles.muted}>{visit.customer.name}</div> : null}
      <div className={styles.where} data-testid="customer-stage" data-stage={visit.stage}>
        <Tag color={isGone ? 'default' : 'primary'} fill={isGone ? 'outline' : 'solid'}>
          {t(`visits.stages.${visit.stage}`)}
        </Tag>
        {isGone ? null : <span className={styles.muted}>{t('consultantHome.mine.atStage', { count: minutesSince(now, stageSince(visit)) })}</span>}
        {moving ? (
          <Tag color="warning" fill="outline">
            {t('consultantHome.mine.movingTo', { to: t(`visits.targets.${moving.to}`) })}
          </Tag>
        ) : null}
      </div>
      <span className={styles.label}>{t('consultantHome.mine.interests')}</span>
      <ModelRoomNotes site={site} visitId={visit.id} interestsOnly />
    </div>
  );
}
