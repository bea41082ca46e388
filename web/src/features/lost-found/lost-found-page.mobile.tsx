/**
 * 失物招领 on the staff phone (HALL-IN-6): register a found item, open it only before two staff
 * (each confirms on their own phone), and return it to the owner against their signature.
 */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, DatePicker, Input, NavBar, Popup, Tabs, Tag, TextArea, Toast } from 'antd-mobile';
import { AddOutline, CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { LostItem, Me, MeSite, RealtimeEvent } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { useOutboxItems, useWaitingOps } from '../../shared/offline/outbox-client';
import { describeWriteError } from '../../shared/offline/send-through-outbox';
import { useObjectUrl } from '../../shared/photos/object-url';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { Thumb } from '../shift/checklist.mobile';
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
import type { LostItemRegisterOp } from './outbox-kinds';
import type { LostItemFilter } from './lost-found-api';
import { useLostItemActions, useLostItems } from './use-lost-found';
import styles from './lost-found.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { photosApi } from '../../shared/api/photos';

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
        <RegisterForm site={site} personId={me.id} onDone={() => setRegistering(false)} />
      </Popup>
    </>
  );
}

function ItemList({ site, me, filter, onRegister }: { site: MeSite; me: Me; filter: LostItemFilter; onRegister: () => void }) {
  const { t } = useTranslation();
  const list = useLostItems(site.id, filter);
  const waitingRegistrations = useWaitingRegistrations(site.id, me.id);
  if (list.isLoading) return <MobileSpinner />;
  if (list.isError && !list.data) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(list.error)}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </PhoneState>
    );
  }
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const known = new Set(items.map((i) => i.id));
  const waiting = waitingRegistrations.filter((op) => !known.has(op.body.id));
  if (!items.length && !waiting.length) {
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
      {waiting.map((op) => (
        <WaitingCard key={op.body.id} site={site} op={op} />
      ))}
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

/** This phone's registrations not yet on the server (stored here, waiting for the signal). */
function useWaitingRegistrations(siteId: string, personId: string): LostItemRegisterOp[] {
  return useWaitingOps(personId, 'lostItemRegister', siteId);
}

/** A registration kept on this phone: shown at once, marked as waiting to be sent. */
function WaitingCard({ site, op }: { site: MeSite; op: LostItemRegisterOp }) {
  const { t } = useTranslation();
  const photo = useOutboxItems(useMe().id).find((i) => i.op.kind === 'photo' && i.op.photoId === op.body.photoId)?.op;
  const blob = useMemo(() => (photo?.kind === 'photo' ? new Blob([photo.bytes], { type: photo.contentType }) : null), [photo]);
  const url = useObjectUrl(blob, op.body.photoId ?? null);
  return (
    <Card className={styles.card} data-testid="lost-item-waiting" data-status="waiting" data-lost-item-id={op.body.id}>
      <div className={styles.itemHead}>
        <span className={styles.what}>{op.body.what}</span>
        <Tag color="default">{t('carePhone.lost.outbox.waitingTag')}</Tag>
      </div>
      <dl className={styles.facts}>
        <dt>{t('carePhone.lost.whereFound')}</dt>
        <dd>{op.body.whereFound}</dd>
        <dt>{t('carePhone.lost.foundAt')}</dt>
        <dd>{formatDateTime(op.body.foundAt, site.timeZone)}</dd>
        <dt>{t('carePhone.lost.storagePlace')}</dt>
        <dd>{op.body.storagePlace}</dd>
      </dl>
      {url ? <Thumb url={url} /> : null}
      <div className={styles.pendingHint}>{t('carePhone.lost.outbox.waitingHint')}</div>
    </Card>
  );
}

const STATUS_COLORS = { registered: 'primary', opened: 'warning', returned: 'success' } as const;

function ItemCard({ site, me, item }: { site: MeSite; me: Me; item: LostItem }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id, me.id);
  const [confirming, setConfirming] = useState(false);
  const [returning, setReturning] = useState(false);
  const waitingReturn = useOutboxItems(me.id).find((i) => i.op.kind === 'lostItemReturn' && i.op.lostItemId === item.id)?.op;
  const returnedHere = waitingReturn?.kind === 'lostItemReturn' ? waitingReturn : null;
  const isPending = item.status === 'registered' && item.openPendingBy !== null;
  // The item names the first witness, not their id; the server refuses the same person twice anyway.
  const isMyRequest = isPending && item.openPendingBy === me.name;

  const requestOpening = () =>
    actions.confirmOpening.mutate(
      { id: item.id },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('carePhone.lost.requested') }),
        onError: (error) => Toast.show({ icon: 'fail', content: describeWriteError(error) }),
      },
    );

  return (
    <Card
      className={`${styles.card} ${isPending ? styles.cardPending : ''}`}
      data-testid="lost-item"
      data-status={returnedHere ? 'waiting' : item.status}
      data-lost-item-id={item.id}
    >
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
        {item.photoId ? (
          <>
            <dt>{t('carePhone.lost.photo')}</dt>
            <dd data-testid="lost-item-photo">
              <Thumb url={photosApi.url(site.id, item.photoId)} small />
            </dd>
          </>
        ) : null}
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
      {returnedHere ? (
        <div className={styles.pendingHint} data-testid="lost-return-waiting">
          {t('carePhone.lost.outbox.returnWaiting', { name: returnedHere.body.ownerName })}
        </div>
      ) : null}
      {item.status === 'opened' && !returnedHere ? (
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
        <ConfirmOpeningForm site={site} personId={me.id} item={item} onDone={() => setConfirming(false)} />
      </Popup>
      <Popup visible={returning} onMaskClick={() => setReturning(false)} destroyOnClose bodyClassName={styles.sheet}>
        <ReturnForm site={site} personId={me.id} item={item} onDone={() => setReturning(false)} />
      </Popup>
    </Card>
  );
}

function RegisterForm({ site, personId, onDone }: { site: MeSite; personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id, personId);
  const [photo, setPhoto] = useState<{ id: string; blob: Blob } | null>(null);
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
      { body: { id, what: what.trim(), whereFound: whereFound.trim(), foundAt: foundAt.getTime(), storagePlace: storagePlace.trim() }, photo },
      {
        onSuccess: (stored) => {
          Toast.show({ icon: 'success', content: t(stored ? 'carePhone.lost.registered' : 'carePhone.lost.outbox.savedOnPhone') });
          onDone();
        },
        onError: (cause) => setError(describeWriteError(cause)),
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
      <div className={styles.field}>
        <span className={styles.label}>{t('carePhone.lost.photo')}</span>
        <PhotoCapture
          photo={photo?.blob ?? null}
          photoKey={photo?.id ?? null}
          onChange={(blob) => setPhoto(blob ? { id: newId(), blob } : null)}
          label={t('carePhone.lost.takePhoto')}
          inputTestId="lost-photo-input"
          thumbTestId="lost-photo-thumb"
        />
      </div>
      <SubmitButton error={error} loading={actions.register.isPending} disabled={!isComplete} onSubmit={submit} testId="lost-register-submit">
        {t('carePhone.lost.registerSubmit')}
      </SubmitButton>
    </div>
  );
}

function ConfirmOpeningForm({ site, personId, item, onDone }: { site: MeSite; personId: string; item: LostItem; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id, personId);
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
        onError: (cause) => setError(describeWriteError(cause)),
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

function ReturnForm({ site, personId, item, onDone }: { site: MeSite; personId: string; item: LostItem; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useLostItemActions(site.id, personId);
  const [ownerName, setOwnerName] = useState('');
  const [ownerPhone, setOwnerPhone] = useState('');
  const [signature, setSignature] = useState<SignatureStrokes>([]);
  const [error, setError] = useState<string | null>(null);
  const isReady = ownerName.trim() !== '' && hasInk(signature);

  const submit = () => {
    setError(null);
    if (ownerPhone && !isMobilePhone(ownerPhone)) return setError(t('carePhone.lost.phoneInvalid'));
    actions.returnToOwner.mutate(
      { id: item.id, what: item.what, ownerName: ownerName.trim(), ...(ownerPhone ? { ownerPhone } : {}), signature: { strokes: signature } },
      {
        onSuccess: (stored) => {
          Toast.show({ icon: 'success', content: t(stored ? 'carePhone.lost.returned' : 'carePhone.lost.outbox.savedOnPhone') });
          onDone();
        },
        onError: (cause) => setError(describeWriteError(cause)),
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
