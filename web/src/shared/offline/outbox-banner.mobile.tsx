import { useEffect, useState } from 'react';
import { Button, Dialog, Popup, SafeArea, Tag, Toast } from 'antd-mobile';
import { ExclamationCircleFill, LoopOutline, UploadOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import { useMe } from '../auth/use-auth';
import { formatRelative } from '../format/time';
import { useNow } from '../format/use-now';
import { useOnline } from './use-online';
import type { OutboxItem } from './outbox';
import { ensureOutboxKinds, getOutbox, useOutboxItems, useOutboxSending, useOutboxSender } from './outbox-client';
import { describeItem, describeOutboxError } from './outbox-labels';
import { countRecords, summarizeByKind } from './outbox-summary';
import styles from './outbox-banner.mobile.module.css';

/**
 * The bar above the tab bar, on every screen of the staff app: 已离线 when the phone has no
 * network, what waits on the phone by kind ("2 条巡更打卡 · 1 次车辆检查") and how many, and the
 * ones the server refused. It also runs the outbox's sender for the signed-in person. Tap for
 * the list, where a refused write shows the server's reason and can be retried or discarded.
 */
export function OutboxBanner() {
  const { t } = useTranslation();
  const me = useMe();
  useOutboxSender(me.id);
  const online = useOnline();
  const items = useOutboxItems(me.id);
  const { sendingKey } = useOutboxSending();
  const [open, setOpen] = useState(false);
  // The summary names each kind from its feature's registration: drawn again once they are loaded
  // (just after a reload without signal, nothing else would redraw it).
  const [, setKindsLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void ensureOutboxKinds().then(
      () => live && setKindsLoaded(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const waitingItems = items.filter((i) => i.state === 'waiting');
  const waiting = countRecords(waitingItems);
  const failed = countRecords(items.filter((i) => i.state === 'failed'));
  const what = summarizeByKind(waitingItems, t).join(' · ');

  if (online && waiting === 0 && failed === 0) {
    return <OutboxSheet open={open} onClose={() => setOpen(false)} items={items} sendingKey={sendingKey} online={online} />;
  }
  const tone = failed > 0 ? styles.bannerFailed : !online ? styles.bannerOffline : '';
  return (
    <>
      <button
        type="button"
        className={`${styles.banner} ${tone}`}
        onClick={() => setOpen(true)}
        data-testid="outbox-banner"
        data-offline={online ? 'false' : 'true'}
        data-waiting={waiting}
        data-failed={failed}
      >
        {failed > 0 ? <ExclamationCircleFill /> : !online ? null : <UploadOutline />}
        <span className={styles.bannerText}>
          {failed > 0 ? (
            t('shiftPhone.outbox.failed', { count: failed })
          ) : !online ? (
            <>
              <strong data-testid="offline-indicator">{t('shiftPhone.outbox.offline')}</strong>
              {' · '}
              <span data-testid="outbox-summary">{what || t('shiftPhone.outbox.offlineHint')}</span>
            </>
          ) : (
            <>
              {t('shiftPhone.outbox.sending')} <span data-testid="outbox-summary">{what}</span>
            </>
          )}
        </span>
        {waiting > 0 ? (
          <span className={styles.bannerCount} data-testid="outbox-waiting">
            {t('shiftPhone.outbox.waiting', { count: waiting })}
          </span>
        ) : null}
      </button>
      <OutboxSheet open={open} onClose={() => setOpen(false)} items={items} sendingKey={sendingKey} online={online} />
    </>
  );
}

function OutboxSheet({
  open,
  onClose,
  items,
  sendingKey,
  online,
}: {
  open: boolean;
  onClose: () => void;
  items: readonly OutboxItem[];
  sendingKey: string | null;
  online: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { retryAt } = useOutboxSending();
  const now = useNow(1_000);
  const outbox = getOutbox();
  const discard = async (item: OutboxItem) => {
    const confirmed = await Dialog.confirm({
      content: t('shiftPhone.outbox.discardConfirm'),
      confirmText: t('shiftPhone.outbox.discard'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    await outbox.discard(item.key);
    Toast.show({ content: t('shiftPhone.outbox.discarded') });
  };
  return (
    <Popup visible={open} onMaskClick={onClose} onClose={onClose} bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }}>
      <div className={styles.sheet} data-testid="outbox-sheet">
        <div className={styles.sheetTitle}>
          <span>{t('shiftPhone.outbox.title')}</span>
          {online && items.some((i) => i.state === 'waiting') ? (
            <Button size="mini" fill="outline" onClick={() => outbox.retryNow()}>
              <LoopOutline /> {t('shiftPhone.outbox.retryAll')}
            </Button>
          ) : null}
        </div>
        {!online ? <p className={styles.muted}>{t('shiftPhone.outbox.offlineHint')}</p> : null}
        {online && retryAt && retryAt > now ? (
          <p className={styles.muted}>{t('shiftPhone.outbox.retryIn', { seconds: Math.ceil((retryAt - now) / 1000) })}</p>
        ) : null}
        {items.length === 0 ? <p className={styles.muted}>{t('shiftPhone.outbox.empty')}</p> : null}
        {items.map((item) => (
          <div className={styles.outboxRow} key={item.key} data-testid="outbox-item" data-state={item.state}>
            <div className={styles.outboxRowHead}>
              <span>{describeItem(item, t, locale)}</span>
              <Tag color={item.state === 'failed' ? 'danger' : sendingKey === item.key ? 'primary' : 'warning'} fill="outline">
                {item.state === 'failed'
                  ? t('shiftPhone.outbox.stateFailed')
                  : sendingKey === item.key
                    ? t('shiftPhone.outbox.stateSending')
                    : t('shiftPhone.outbox.stateWaiting')}
              </Tag>
            </div>
            <div className={styles.outboxRowMeta}>
              {t('shiftPhone.outbox.madeAt', { time: formatRelative(item.createdAt, now) })}
              {item.attempts > 0 ? ` · ${t('shiftPhone.outbox.attempts', { count: item.attempts })}` : ''}
            </div>
            {item.state === 'failed' && item.error ? (
              <>
                <div className={styles.itemError}>{describeOutboxError(item.error)}</div>
                <div className={styles.actionsRow} style={{ marginTop: 8 }}>
                  <Button size="small" color="primary" fill="outline" onClick={() => void outbox.retry(item.key)}>
                    {t('shiftPhone.outbox.retry')}
                  </Button>
                  <Button size="small" color="danger" fill="none" onClick={() => void discard(item)}>
                    {t('shiftPhone.outbox.discard')}
                  </Button>
                </div>
              </>
            ) : null}
          </div>
        ))}
        <SafeArea position="bottom" />
      </div>
    </Popup>
  );
}
