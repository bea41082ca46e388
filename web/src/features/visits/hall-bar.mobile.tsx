/**
 * The hall and the bar on the phone: 入座 (a table, or the sand-table waiting list when the hall
 * is full, HALL-IN-7), 点饮品 for a seated party, the bar's 吧台待出品 queue, and the hall serving
 * made drinks when the bar is busy (BAR-IN-1). Writes go through the outbox.
 */
import { useState } from 'react';
import { Button, Card, Popup, Tag, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DrinkOrder, Hall, Me, MeSite, Visit } from '@anchang/contracts';
import { useNow } from '../../shared/format/use-now';
import { describeOutboxError } from '../../shared/offline/outbox-labels';
import { useBarQueue, useHall, useHallBarActions } from './use-visits';
import styles from './visits.mobile.module.css';

/** Common drinks offered on the sheet; stored by their Chinese name, shown in the current language. */
export const COMMON_DRINKS = ['矿泉水', '柠檬水', '美式咖啡', '拿铁', '绿茶', '果汁'] as const;

type Actions = ReturnType<typeof useHallBarActions>;

/** Sends a write and, when online, waits for the answer: a refusal is toasted (translated) and dropped. */
async function settle(actions: Actions, key: string, failMessage: (text: string) => string): Promise<boolean> {
  if (!navigator.onLine) return true;
  const outcome = await actions.waitForOutcome(key);
  if (outcome.sent) return true;
  Toast.show({ icon: 'fail', content: failMessage(describeOutboxError(outcome.error)) });
  await actions.discard(key);
  return false;
}

/** Where a party is in the hall: at a table, or waiting at the sand table (1-based), or neither. */
export function placeOf(hall: Hall | undefined, visitId: string): { table: string } | { waiting: number } | null {
  if (!hall) return null;
  const table = hall.tables.find((t) => t.visits.some((v) => v.visitId === visitId));
  if (table) return { table: table.name };
  const index = hall.waiting.findIndex((w) => w.visitId === visitId);
  return index >= 0 ? { waiting: index + 1 } : null;
}

const drinkName = (t: TFunction, name: string) => t(`visits.drinks.names.${name}`, { defaultValue: name });

const linesText = (t: TFunction, order: DrinkOrder) =>
  order.lines.map((l) => `${drinkName(t, l.name)} ×${l.quantity}`).join(t('visits.drinks.separator'));

const waitText = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

// ---- the hall ----

/** 座位 31/40 · 候座 1, and drinks made for the hall's parties that the hall may serve. */
export function HallSummary({ site, me, visits }: { site: MeSite; me: Me; visits: Visit[] }) {
  const { t } = useTranslation();
  const hall = useHall(site.id);
  const queue = useBarQueue(site.id);
  const actions = useHallBarActions(site.id, me.id);
  const mine = new Set(visits.filter((v) => v.stage === 'hall').map((v) => v.id));
  const made = (queue.data ?? []).filter((o) => o.status === 'made' && mine.has(o.visitId));

  const serve = async (order: DrinkOrder) => {
    const key = await actions.served(order.id, 'HALL', order.tableName);
    if (await settle(actions, key, (e) => e)) Toast.show({ icon: 'success', content: t('visits.bar.servedDone') });
  };

  return (
    <>
      {hall.data ? (
        <div className={styles.hallLine} data-testid="hall-occupancy">
          {t('visits.hall.seats', { occupied: hall.data.occupied, seats: hall.data.seats })}
          {' · '}
          {t('visits.hall.waiting', { count: hall.data.waiting.length })}
        </div>
      ) : null}
      {made.length ? (
        <>
          <h2 className={styles.sectionTitle}>{t('visits.hall.madeForUs', { count: made.length })}</h2>
          {made.map((order) => (
            <Card key={order.id} className={`${styles.card} ${styles.incoming}`} data-testid="hall-made-order">
              <div className={styles.orderTop}>
                <span className={styles.party}>{order.tableName ?? t('visits.hall.noTable')}</span>
                <Tag color="success">{t('visits.bar.status.made')}</Tag>
              </div>
              <div className={styles.orderLines}>{linesText(t, order)}</div>
              <Button block color="primary" fill="outline" className={styles.bigButton} onClick={() => void serve(order)}>
                {t('visits.hall.serveForBar')}
              </Button>
            </Card>
          ))}
        </>
      ) : null}
    </>
  );
}

/** On a party in the hall: its table or sand-table place, 入座, and 点饮品 once seated. */
export function HallSeat({ site, me, visit }: { site: MeSite; me: Me; visit: Visit }) {
  const { t } = useTranslation();
  const hall = useHall(site.id);
  const actions = useHallBarActions(site.id, me.id);
  const [busy, setBusy] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const place = placeOf(hall.data, visit.id);

  const seat = async () => {
    setBusy(true);
    try {
      const key = await actions.seat(visit.id, visit.partySize);
      await settle(actions, key, (e) => e);
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.seatRow} data-testid="hall-seat">
      {place && 'table' in place ? (
        <>
          <Tag color="primary" className={styles.seatTag}>
            {t('visits.hall.atTable', { table: place.table })}
          </Tag>
          <Button size="small" color="primary" fill="outline" onClick={() => setSheetOpen(true)} data-testid="order-drinks">
            {t('visits.drinks.order')}
          </Button>
        </>
      ) : place ? (
        <Tag color="warning" className={styles.seatTag}>
          {t('visits.hall.waitingAt', { position: place.waiting })}
        </Tag>
      ) : (
        <Button size="small" color="primary" loading={busy} onClick={() => void seat()} data-testid="seat-button">
          {t('visits.hall.seat')}
        </Button>
      )}
      <DrinkSheet
        open={sheetOpen}
        onClose={() => setSheetOpen(false)}
        title={place && 'table' in place ? t('visits.drinks.sheetTitle', { table: place.table }) : t('visits.drinks.order')}
        onSubmit={async (lines) => {
          const key = await actions.orderDrinks(visit.id, lines);
          setSheetOpen(false);
          if (await settle(actions, key, (e) => e)) Toast.show({ icon: 'success', content: t('visits.drinks.sent') });
        }}
      />
    </div>
  );
}

function DrinkSheet({
  open,
  onClose,
  title,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  onSubmit: (lines: { name: string; quantity: number }[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const lines = COMMON_DRINKS.filter((name) => (counts[name] ?? 0) > 0).map((name) => ({ name, quantity: counts[name] ?? 0 }));

  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(lines);
      setCounts({});
    } catch {
      Toast.show({ icon: 'fail', content: t('shiftPhone.outbox.storeFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible={open} onMaskClick={onClose} bodyClassName={styles.sheet}>
      <div className={styles.sheetTitle}>{title}</div>
      {COMMON_DRINKS.map((name) => (
        <div key={name} className={styles.drinkRow} data-testid="drink-row" data-drink={name}>
          <span className={styles.drinkName}>{drinkName(t, name)}</span>
          <LabelledStepper
            label={drinkName(t, name)}
            min={0}
            max={20}
            value={counts[name] ?? 0}
            onChange={(v) => setCounts((c) => ({ ...c, [name]: v }))}
          />
        </div>
      ))}
      <Button
        block
        color="primary"
        size="large"
        className={styles.bigButton}
        disabled={!lines.length}
        loading={busy}
        onClick={() => void submit()}
        data-testid="drinks-submit"
      >
        {t('visits.drinks.submit')}
      </Button>
    </Popup>
  );
}

// ---- the bar ----

/** 吧台待出品: open drink orders, oldest first, with how long each has waited. */
export function BarPanel({ site, me }: { site: MeSite; me: Me }) {
  const { t } = useTranslation();
  const queue = useBarQueue(site.id);
  const actions = useHallBarActions(site.id, me.id);
  const now = useNow(1000);
  const orders = (queue.data ?? []).filter((o) => o.status !== 'served');

  const act = async (order: DrinkOrder, what: 'made' | 'served') => {
    navigator.vibrate?.(30);
    const key = what === 'made' ? await actions.made(order.id, order.tableName) : await actions.served(order.id, 'BAR', order.tableName);
    if (await settle(actions, key, (e) => e))
      Toast.show({ icon: 'success', content: t(what === 'made' ? 'visits.bar.madeDone' : 'visits.bar.servedDone') });
  };

  return (
    <>
      <h2 className={styles.sectionTitle}>
        {t('visits.bar.queue')} {orders.length ? <span className={styles.count}>{orders.length}</span> : null}
      </h2>
      {orders.length ? (
        orders.map((order) => (
          <Card key={order.id} className={`${styles.card} ${order.status === 'ordered' ? styles.incoming : ''}`} data-testid="bar-order">
            <div className={styles.orderTop}>
              <span className={styles.party}>{order.tableName ?? t('visits.hall.noTable')}</span>
              <Tag color={order.status === 'made' ? 'success' : 'warning'}>{t(`visits.bar.status.${order.status}`)}</Tag>
              <span className={styles.since}>{t('visits.bar.waited', { wait: waitText(now - order.orderedAt) })}</span>
            </div>
            <div className={styles.orderLines}>{linesText(t, order)}</div>
            {order.status === 'ordered' ? (
              <Button block color="primary" size="large" className={styles.bigButton} onClick={() => void act(order, 'made')}>
                {t('visits.bar.made')}
              </Button>
            ) : (
              <Button block color="success" size="large" className={styles.bigButton} onClick={() => void act(order, 'served')}>
                {t('visits.bar.served')}
              </Button>
            )}
          </Card>
        ))
      ) : (
        <p className={styles.empty}>{queue.isLoading ? '…' : t('visits.bar.empty')}</p>
      )}
    </>
  );
}
