import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Button, SearchBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { StockCountBody, StockLevel } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { describeError } from '../../shared/api/errors';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { useOutboxItems } from '../../shared/offline/outbox-client';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import { useItemName } from './supplies-ui';
import type { StockCountOp } from './outbox-kinds';
import { canKeepStock, flatten, useStock, useSupplyStores } from './use-supplies';
import { suppliesKey } from './supplies-api';
import styles from './supplies.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';

/** 物资库存 on the phone: my site's stock per store; for whoever counts, the count sheet. */
export function StockPage({ counting = false }: { counting?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const keeper = canKeepStock(site?.role);
  return (
    <SubPage
      title={counting ? t('supplies.phone.countTitle') : t('supplies.phone.title')}
      right={
        keeper && !counting ? (
          <a className={styles.navRight} onClick={() => void navigate('/supplies/count')} data-testid="start-count">
            {t('supplies.phone.countAction')}
          </a>
        ) : null
      }
    >
      {!site ? (
        <PhoneState status="empty" title={t('mobile.noSites')} />
      ) : counting && !keeper ? (
        <PhoneState status="default" title={t('errors.FORBIDDEN')} />
      ) : (
        <StoreStock siteId={site.id} counting={counting} onCounted={() => void navigate('/supplies', { replace: true })} />
      )}
    </SubPage>
  );
}

function StoreStock({ siteId, counting, onCounted }: { siteId: string; counting: boolean; onCounted: () => void }) {
  const { t } = useTranslation();
  const name = useItemName();
  const stores = useSupplyStores(siteId);
  const [storeId, setStoreId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [sheetId] = useState(newId);
  const store = stores.data?.items.find((s) => s.id === storeId) ?? stores.data?.items[0] ?? null;
  const stock = useStock(siteId, store ? { storeId: store.id } : {});
  const levels = useMemo(() => flatten(stock.data), [stock.data]);
  const shown = levels.filter((s) => !search.trim() || `${s.nameZh} ${s.nameEn}`.toLowerCase().includes(search.trim().toLowerCase()));
  const save = useSaveCount(siteId);
  const waiting = useWaitingCounts(siteId, store?.id ?? null);

  if (stores.isPending) return <MobileSpinner />;
  if (stores.isError) return <PhoneState status="default" title={describeError(stores.error)} />;
  if (!store) return <PhoneState status="empty" title={t('supplies.phone.noStores')} />;

  const submit = async () => {
    const lines = Object.entries(counted)
      .filter(([, v]) => v.trim() !== '')
      .map(([itemId, v]) => ({ itemId, counted: Number(v) }));
    if (lines.length === 0) {
      Toast.show({ content: t('supplies.count.nothingFilled') });
      return;
    }
    try {
      const { stored } = await save.mutateAsync({ storeName: store.name, body: { id: sheetId, storeId: store.id, lines } });
      Toast.show({ icon: 'success', content: t(stored ? 'supplies.count.saved' : 'supplies.phone.countSavedOnPhone') });
      onCounted();
    } catch (error) {
      Toast.show({ icon: 'fail', content: describeError(error) });
    }
  };

  return (
    <>
      <div className={styles.head}>
        <div className={styles.chips}>
          {(stores.data?.items ?? []).map((s) => (
            <button
              key={s.id}
              type="button"
              className={`${styles.chip} ${s.id === store.id ? styles.chipOn : ''}`}
              onClick={() => {
                setStoreId(s.id);
                setCounted({});
              }}
            >
              {s.name}
            </button>
          ))}
        </div>
        <SearchBar placeholder={t('supplies.phone.search')} value={search} onChange={setSearch} clearable={false} />
        {counting ? <p className={styles.hint}>{t('supplies.count.fillHint')}</p> : null}
        {waiting.map((op) => (
          <p key={op.body.id} className={styles.waiting} data-testid="count-waiting">
            {t('supplies.phone.countWaiting', { store: op.storeName, count: op.body.lines.length })}
            <br />
            <span className={styles.hint}>{t('supplies.phone.countWaitingHint')}</span>
          </p>
        ))}
      </div>
      {stock.isPending ? (
        <MobileSpinner />
      ) : stock.isError && levels.length === 0 ? (
        <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(stock.error)} />
      ) : shown.length === 0 ? (
        <PhoneState status="empty" title={t('supplies.empty.stock')} />
      ) : (
        <ul className={styles.list}>
          {shown.map((s) => (
            <StockRow
              key={s.id}
              level={s}
              name={name(s)}
              counting={counting}
              value={counted[s.itemId] ?? ''}
              onChange={(v) => setCounted((c) => ({ ...c, [s.itemId]: v }))}
            />
          ))}
        </ul>
      )}
      {stock.hasNextPage ? (
        <div className={styles.more}>
          <Button size="small" onClick={() => void stock.fetchNextPage()} loading={stock.isFetchingNextPage}>
            {t('supplies.loadMore')}
          </Button>
        </div>
      ) : null}
      {counting ? (
        <div className={styles.footer}>
          <Button block size="large" color="primary" loading={save.isPending} onClick={() => void submit()} data-testid="save-count">
            {t('supplies.phone.saveCount')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function StockRow(props: { level: StockLevel; name: string; counting: boolean; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const { level: s } = props;
  return (
    <li className={`${styles.row} ${s.low ? styles.rowLow : ''}`} data-testid="stock-row">
      <div className={styles.rowText}>
        <div className={styles.rowName}>
          {props.name}{' '}
          {s.low ? (
            <Tag color="danger" fill="solid">
              {t('supplies.phone.lowTag')}
            </Tag>
          ) : null}
        </div>
        <div className={styles.rowMeta}>
          {t(`supplies.categories.${s.category}`)} · {t('supplies.threshold')} {s.lowStockThreshold}
        </div>
      </div>
      {props.counting ? (
        <label className={styles.countBox}>
          <span className={styles.book}>
            {t('supplies.count.book')} {s.onHand}
          </span>
          <input
            className={styles.countInput}
            inputMode="numeric"
            pattern="[0-9]*"
            value={props.value}
            placeholder="—"
            onChange={(e) => props.onChange(e.target.value.replace(/[^0-9]/g, ''))}
            aria-label={`${props.name} ${t('supplies.count.counted')}`}
            data-testid="count-input"
          />
          <span className={styles.unit}>{s.unit}</span>
        </label>
      ) : (
        <div className={styles.onHand}>
          <span className={s.low ? styles.qtyLow : styles.qty}>{s.onHand}</span>
          <span className={styles.unit}>{s.unit}</span>
        </div>
      )}
    </li>
  );
}

/**
 * Saves a count through the phone's outbox (the store room often has no signal): `stored` says
 * whether the server has it yet; a refusal is thrown with its words and the sheet stays filled.
 */
function useSaveCount(siteId: string) {
  const me = useMe();
  const queryClient = useQueryClient();
  return useMutation({
    // Without a signal the count is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async ({ storeName, body }: { storeName: string; body: StockCountBody }) => {
      await import('./outbox-kinds');
      const op: StockCountOp = { kind: 'stockCount', siteId, storeName, body };
      return sendThroughOutbox(me.id, [op], body.id);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: suppliesKey(siteId) }),
  });
}

/** This person's counts of the store still waiting on the phone. */
function useWaitingCounts(siteId: string, storeId: string | null): StockCountOp[] {
  const me = useMe();
  const items = useOutboxItems(me.id);
  return useMemo(
    () => items.flatMap((i) => (i.op.kind === 'stockCount' && i.op.siteId === siteId && i.op.body.storeId === storeId ? [i.op] : [])),
    [items, siteId, storeId],
  );
}

/** The count sheet (manager, supervisor): counted quantities replace on-hand. */
export function StockCountPage() {
  return <StockPage counting />;
}
