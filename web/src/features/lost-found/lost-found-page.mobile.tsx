/**
 * 失物招领 on the staff phone (HALL-IN-6): register a found item, open it only before two staff
 * (each confirms on their own phone), and return it to the owner against their signature.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, DatePicker, Input, NavBar, Popup, Tabs, Tag, TextArea, Toast } from 'antd-mobile';
import { AddOutline, CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { LostItem, Me, MeSite, RealtimeEvent } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useMe } from '../../shared/auth/use-auth';
import { formatDateTime } from '../../shared/format/time';
import { useRealtimeEvent } from '../../shared/realtime/use-realtime';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { SignaturePad } from '../../shared/ui-mobile/signature-pad';
import { hasInk, type SignatureStrokes } from '../../shared/ui-mobile/signature-strokes';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { newId } from '../../shared/offline/new-id';
import { isMobilePhone } from '../visits/visit-rules';
import { useLostItemActions, useLostItems, type LostItemFilter } from './use-lost-found';
import styles from './lost-found.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';

export function LostFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { site } = useStaffSite();
  const me = useMe();
  return (
    <div className={styles.page}>
      {site ? (
        <LostFoundOfSite site={site} me={me} onBack={() => void navigate('/visits')} />
      ) : (
        <>
          <NavBar className={styles.navBar} onBack={() => void navigate('/visits')}>
            {t('carePhone.lost.title')}
          </NavBar>
          <PhoneState status="empty" title={t('shiftPhone.noSite')} description={t('mobile.noSitesHint')} />
        </>
      )}
    </div>
  );
}

function LostFoundOfSite({ site, me, onBack }: { site: MeSite; me: Me; onBack: () => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LostItemFilter>('unclaimed');
  const [registering, setRegistering] = useState(false);

  // A colleague asked to open an item: the second witness is wanted now, wherever they are on this page.
  useRealtimeEvent((event) => {
    if (event.type !== 'lost_item.changed' || event.siteId !== site.id) return;
    const payload = event.payload as RealtimeEvent<'lost_item.changed'>['payload'];
    if (payload.openPendingBy && payload.openPendingBy !== me.name) {
      Toast.show({ content: t('carePhone.lost.secondWanted', { name: payload.openPendingBy }), position: 'top', duration: 3000 });
    }
  });

  return (
    <>
      <NavBar
        className={styles.navBar}
        onBack={onBack}
        right={
          <button type="button" className={styles.navAction} onClick={() => setRegistering(true)} data-testid="lost-register-open">
            <AddOutline /> {t('carePhone.lost.register')}
          </button>
        }
      >
        {t('carePhone.lost.title')}
      </NavBar>
      <p className={styles.rule}>{t('carePhone.lost.rule')}</p>
      <Tabs activeKey={filter} onChange={(key) => setFilter(key as LostItemFilter)} className={styles.tabs}>
        <Tabs.Tab title={t('carePhone.lost.unclaimed')} key="unclaimed" />
        <Tabs.Tab title={t('carePhone.lost.all')} key="all" />
      </Tabs>
      <ItemList key={filter} site={site} me={me} filter={filter} onRegister={() => setRegistering(true)} />
      <Popup visible={registering} onMaskClick={() => setRegistering(false)} destroyOnClose bodyClassName={styles.sheet}>
        <RegisterForm site={site} onDone={() => setRegistering(false)} />
      </Popup>
    </>
  );
}

function ItemList({ site, me, filter, onRegister }: { site: MeSite; me: Me; filter: LostItemFilter; onRegister: () => void }) {
  const { t } = useTranslation();
  const list = useLostItems(site.id, filter);
  if (list.isLoading) return <MobileSpinner />;
  if (list.isError && !list.data) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(list.error)}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </PhoneState>
    );
  }
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!items.length) {
    return (
      <PhoneState
        status="empty"
        title={t(filter === 'unclaimed' ? 'carePhone.lost.emptyUnclaimed' : 'carePhone.lost.empty')}
        description={t('carePhone.lost.emptyHint')}
      >
        <Button color="primary" onClick={onRegister}>
          {t('carePhone.lost.register')}
        </Button>
      </PhoneState>
    );
  }
  return (
    <div className={styles.list}>
      {items.map((item) => (
        <ItemCard key={item.id} site={site} me={me} item={item} />
      ))}
      {list.hasNextPage ? (
        <Button block fill="outline" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="lost-load-more">
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

const STATUS_COLORS = { registered: 'primary', opened: 'warning', returned: 'success' } as const;

function ItemCard({ site, me, item }: { site: MeSite; me: Me; item: LostItem }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id);
  const [confirming, setConfirming] = useState(false);
  const [returning, setReturning] = useState(false);
  const isPending = item.status === 'registered' && item.openPendingBy !== null;
  // The item names the first witness, not their id; the server refuses the same person twice anyway.
  const isMyRequest = isPending && item.openPendingBy === me.name;

  const requestOpening = () =>
    actions.confirmOpening.mutate(
      { id: item.id },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('carePhone.lost.requested') }),
        onError: (error) => Toast.show({ icon: 'fail', content: describeError(error) }),
      },
    );

  return (
    <Card className={`${styles.card} ${isPending ? styles.cardPending : ''}`} data-testid="lost-item" data-status={item.status}>
      <div className={styles.itemHead}>
        <span className={styles.what}>{item.what}</span>
        <Tag color={isPending ? 'danger' : STATUS_COLORS[item.status]} fill={item.status === 'returned' ? 'outline' : 'solid'}>
          {isPending ? t('carePhone.lost.pendingTag') : t(`carePhone.lost.status.${item.status}`)}
        </Tag>
      </div>
      <dl className={styles.facts}>
        <dt>{t('carePhone.lost.whereFound')}</dt>
        <dd>{item.whereFound}</dd>
        <dt>{t('carePhone.lost.foundAt')}</dt>
        <dd>
          {formatDateTime(item.foundAt, site.timeZone)} · {item.foundByName}
        </dd>
        <dt>{t('carePhone.lost.storagePlace')}</dt>
        <dd>{item.storagePlace}</dd>
        {item.status !== 'registered' ? (
          <>
            <dt>{t('carePhone.lost.openedBy')}</dt>
            <dd>
              {item.openedBy.join(t('carePhone.lost.nameSeparator'))}
              {item.openedAt ? ` · ${formatDateTime(item.openedAt, site.timeZone)}` : ''}
            </dd>
            <dt>{t('carePhone.lost.contents')}</dt>
            <dd>{item.contents ?? t('carePhone.lost.noContents')}</dd>
          </>
        ) : null}
        {item.status === 'returned' ? (
          <>
            <dt>{t('carePhone.lost.returnedTo')}</dt>
            <dd data-testid="lost-returned-to">
              {item.returnedTo}
              {item.returnedAt ? ` · ${formatDateTime(item.returnedAt, site.timeZone)}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      {item.status === 'registered' && !isPending ? (
        <Button
          block
          color="primary"
          fill="outline"
          loading={actions.confirmOpening.isPending}
          onClick={requestOpening}
          data-testid="lost-request-open"
        >
          {t('carePhone.lost.requestOpen')}
        </Button>
      ) : null}
      {isPending ? (
        <div className={styles.pending} data-testid="lost-pending">
          <div className={styles.pendingLine}>{t('carePhone.lost.pendingBy', { name: item.openPendingBy })}</div>
          {isMyRequest ? (
            <div className={styles.pendingHint}>{t('carePhone.lost.waitForSecond')}</div>
          ) : (
            <Button block color="warning" onClick={() => setConfirming(true)} data-testid="lost-confirm-open">
              {t('carePhone.lost.confirmOpen')}
            </Button>
          )}
        </div>
      ) : null}
      {item.status === 'opened' ? (
        <Button block color="primary" onClick={() => setReturning(true)} data-testid="lost-return-open">
          {t('carePhone.lost.returnToOwner')}
        </Button>
      ) : null}
      {item.status === 'returned' ? (
        <div className={styles.returned}>
          <CheckCircleFill /> {t('carePhone.lost.returnedDone')}
        </div>
      ) : null}

      <Popup visible={confirming} onMaskClick={() => setConfirming(false)} destroyOnClose bodyClassName={styles.sheet}>
        <ConfirmOpeningForm site={site} item={item} onDone={() => setConfirming(false)} />
      </Popup>
      <Popup visible={returning} onMaskClick={() => setReturning(false)} destroyOnClose bodyClassName={styles.sheet}>
        <ReturnForm site={site} item={item} onDone={() => setReturning(false)} />
      </Popup>
    </Card>
  );
}

function RegisterForm({ site, onDone }: { site: MeSite; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id);
  // One id per form: a retry after a lost answer registers the item once.
  const [id] = useState(newId);
  const [what, setWhat] = useState('');
  const [whereFound, setWhereFound] = useState('');
  const [foundAt, setFoundAt] = useState(() => new Date());
  const [storagePlace, setStoragePlace] = useState('');
  const [pickingTime, setPickingTime] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isComplete = what.trim() !== '' && whereFound.trim() !== '' && storagePlace.trim() !== '';

  const submit = () => {
    setError(null);
    actions.register.mutate(
      { id, what: what.trim(), whereFound: whereFound.trim(), foundAt: foundAt.getTime(), storagePlace: storagePlace.trim() },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('carePhone.lost.registered') });
          onDone();
        },
        onError: (cause) => setError(describeError(cause)),
      },
    );
  };

  return (
    <div className={styles.sheetBody} data-testid="lost-register-form">
      <div className={styles.sheetTitle}>{t('carePhone.lost.registerTitle')}</div>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.what')}</span>
        <Input
          className={styles.input}
          value={what}
          onChange={setWhat}
          maxLength={100}
          placeholder={t('carePhone.lost.whatPlaceholder')}
          data-testid="lost-what"
        />
      </label>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.whereFound')}</span>
        <Input
          className={styles.input}
          value={whereFound}
          onChange={setWhereFound}
          maxLength={100}
          placeholder={t('carePhone.lost.wherePlaceholder')}
          data-testid="lost-where"
        />
      </label>
      <div className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.foundAt')}</span>
        <button type="button" className={styles.timeButton} onClick={() => setPickingTime(true)} data-testid="lost-found-at">
          {formatDateTime(foundAt.getTime(), site.timeZone)}
        </button>
        <DatePicker
          visible={pickingTime}
          precision="minute"
          max={new Date()}
          value={foundAt}
          onClose={() => setPickingTime(false)}
          onConfirm={(value) => setFoundAt(value)}
          title={t('carePhone.lost.foundAt')}
        />
      </div>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.storagePlace')}</span>
        <Input
          className={styles.input}
          value={storagePlace}
          onChange={setStoragePlace}
          maxLength={100}
          placeholder={t('carePhone.lost.storagePlaceholder')}
          data-testid="lost-storage"
        />
      </label>
      <SubmitButton error={error} loading={actions.register.isPending} disabled={!isComplete} onSubmit={submit} testId="lost-register-submit">
        {t('carePhone.lost.registerSubmit')}
      </SubmitButton>
    </div>
  );
}

function ConfirmOpeningForm({ site, item, onDone }: { site: MeSite; item: LostItem; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id);
  const [contents, setContents] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setError(null);
    actions.confirmOpening.mutate(
      { id: item.id, contents: contents.trim() || undefined },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('carePhone.lost.opened') });
          onDone();
        },
        onError: (cause) => setError(describeError(cause)),
      },
    );
  };
  return (
    <div className={styles.sheetBody} data-testid="lost-confirm-form">
      <div className={styles.sheetTitle}>{t('carePhone.lost.confirmTitle', { what: item.what })}</div>
      <p className={styles.sheetHint}>{t('carePhone.lost.confirmHint', { name: item.openPendingBy })}</p>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.contents')}</span>
        <div className={styles.textArea}>
          <TextArea
            value={contents}
            onChange={setContents}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('carePhone.lost.contentsPlaceholder')}
            data-testid="lost-contents"
          />
        </div>
      </label>
      {error ? (
        <div className={styles.error} role="alert">
          {error}
        </div>
      ) : null}
      <Button block color="warning" size="large" loading={actions.confirmOpening.isPending} onClick={submit} data-testid="lost-confirm-submit">
        {t('carePhone.lost.confirmSubmit')}
      </Button>
    </div>
  );
}

function ReturnForm({ site, item, onDone }: { site: MeSite; item: LostItem; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id);
  const [ownerName, setOwnerName] = useState('');
  const [ownerPhone, setOwnerPhone] = useState('');
  const [signature, setSignature] = useState<SignatureStrokes>([]);
  const [error, setError] = useState<string | null>(null);
  const isReady = ownerName.trim() !== '' && hasInk(signature);

  const submit = () => {
    setError(null);
    if (ownerPhone && !isMobilePhone(ownerPhone)) return setError(t('carePhone.lost.phoneInvalid'));
    actions.returnToOwner.mutate(
      { id: item.id, ownerName: ownerName.trim(), ...(ownerPhone ? { ownerPhone } : {}), signature: { strokes: signature } },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('carePhone.lost.returned') });
          onDone();
        },
        onError: (cause) => setError(describeError(cause)),
      },
    );
  };

  return (
    <div className={styles.sheetBody} data-testid="lost-return-form">
      <div className={styles.sheetTitle}>{t('carePhone.lost.returnTitle', { what: item.what })}</div>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.ownerName')}</span>
        <Input className={styles.input} value={ownerName} onChange={setOwnerName} maxLength={40} data-testid="lost-owner-name" />
      </label>
      <label className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.ownerPhone')}</span>
        <Input
          className={styles.input}
          type="tel"
          value={ownerPhone}
          maxLength={11}
          onChange={(v) => setOwnerPhone(v.replace(/\D/g, ''))}
          placeholder={t('carePhone.lost.optional')}
          data-testid="lost-owner-phone"
        />
      </label>
      <div className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.ownerSigns')}</span>
        <SignaturePad value={signature} onChange={setSignature} disabled={actions.returnToOwner.isPending} testId="lost-signature" />
      </div>
      <SubmitButton
        error={error}
        errorTestId="lost-return-error"
        loading={actions.returnToOwner.isPending}
        disabled={!isReady}
        onSubmit={submit}
        testId="lost-return-submit"
      >
        {t('carePhone.lost.returnSubmit')}
      </SubmitButton>
    </div>
  );
}
