/**
 * 交接班 on the staff phone. Writing (`/m/handover/new`, where GUARD-IN-11's closing routine links):
 * the post, what is still open, which keys and equipment change hands, notes and photos. The
 * handover's own page is where the incoming person confirms it on their own phone.
 */
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Checkbox, Input, NavBar, Tag, TextArea, Toast } from 'antd-mobile';
import { AddOutline, CheckCircleFill, CloseCircleOutline, CloseOutline, ExclamationCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { Handover, MeSite, MyHandovers } from '@anchang/contracts';
import { ApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { useMe } from '../../shared/auth/use-auth';
import { formatDateTime } from '../../shared/format/time';
import { useNow } from '../../shared/format/use-now';
import { useObjectUrl } from '../../shared/photos/object-url';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubmitButton } from '../../shared/ui-mobile/submit-button';
import { newId } from '../../shared/offline/new-id';
import { describeWriteError } from '../../shared/offline/send-through-outbox';
import { displayStatus, photoUrl } from './handovers-api';
import { useConfirmHandover, useHandover, useMyHandovers, useWaitingHandovers, useWriteHandover } from './use-handovers';
import styles from './handovers.mobile.module.css';

const MAX_PHOTOS = 3;
const STATUS_COLORS = { written: 'primary', confirmed: 'success', overdue: 'danger' } as const;

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  const navigate = useNavigate();
  return (
    <div className={styles.page}>
      <NavBar className={styles.navBar} onBack={() => void navigate('/')}>
        {title}
      </NavBar>
      {children}
    </div>
  );
}

export function WriteHandoverPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  return (
    <Frame title={t('handovers.writeTitle')}>
      {site ? <WriteForSite site={site} /> : <PhoneState status="empty" title={t('shiftPhone.noSite')} description={t('mobile.noSitesHint')} />}
    </Frame>
  );
}

function WriteForSite({ site }: { site: MeSite }) {
  const { t } = useTranslation();
  const mine = useMyHandovers(site.id);
  if (mine.isPending) return <MobileSpinner />;
  if (mine.isError) {
    return (
      <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(mine.error)}>
        <Button onClick={() => void mine.refetch()}>{t('common.retry')}</Button>
      </PhoneState>
    );
  }
  if (!mine.data.writablePosts.length) return <PhoneState status="empty" title={t('handovers.noPosts')} description={t('handovers.noPostsHint')} />;
  return <WriteForm site={site} posts={mine.data.writablePosts} />;
}

interface EquipmentDraft {
  key: string;
  name: string;
  handed: boolean;
}

function WriteForm({ site, posts }: { site: MeSite; posts: MyHandovers['writablePosts'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const write = useWriteHandover(site.id, me.id);
  // One id per form: a retry after a lost answer stores the handover once.
  const [id] = useState(newId);
  const [postId, setPostId] = useState(() => posts.find((p) => p.id === params.get('post'))?.id ?? posts[0]!.id);
  const [openItems, setOpenItems] = useState<{ key: string; text: string }[]>([{ key: newId(), text: '' }]);
  const [equipment, setEquipment] = useState<EquipmentDraft[]>(() =>
    t('handovers.defaultEquipment', { returnObjects: true }).map((name) => ({ key: newId(), name, handed: false })),
  );
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<{ id: string; blob: Blob }[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    setError(null);
    write.mutate(
      {
        body: {
          id,
          postId,
          openItems: openItems.map((o) => o.text.trim()).filter(Boolean),
          equipment: equipment.filter((e) => e.name.trim()).map((e) => ({ name: e.name.trim(), handed: e.handed })),
          notes: notes.trim(),
        },
        photos,
        postName: posts.find((p) => p.id === postId)?.name ?? '',
      },
      {
        onSuccess: (stored) => {
          Toast.show({ icon: 'success', content: t(stored ? 'handovers.submitted' : 'handovers.outbox.savedOnPhone') });
          // Kept on the phone: home, where it shows as waiting (its own page needs the server).
          void navigate(stored ? `/handover/${id}` : '/', { replace: true });
        },
        onError: (cause) => setError(describeWriteError(cause)),
      },
    );
  };

  return (
    <div className={styles.form} data-testid="handover-form">
      {posts.length > 1 ? (
        <section className={styles.section}>
          <h2 className={styles.label}>{t('handovers.post')}</h2>
          <div className={styles.posts} role="radiogroup" aria-label={t('handovers.post')}>
            {posts.map((p) => (
              <button
                key={p.id}
                type="button"
                role="radio"
                aria-checked={p.id === postId}
                className={`${styles.postChoice} ${p.id === postId ? styles.postChosen : ''}`}
                onClick={() => setPostId(p.id)}
              >
                {p.name}
              </button>
            ))}
          </div>
        </section>
      ) : (
        <section className={styles.section}>
          <h2 className={styles.label}>{t('handovers.post')}</h2>
          <p className={styles.muted}>{posts[0]!.name}</p>
        </section>
      )}

      <section className={styles.section}>
        <h2 className={styles.label}>{t('handovers.openItems')}</h2>
        <p className={styles.hint}>{t('handovers.openItemsHint')}</p>
        {openItems.map((item, index) => (
          <div key={item.key} className={styles.row}>
            <Input
              className={styles.rowInput}
              value={item.text}
              maxLength={200}
              placeholder={index === 0 ? t('handovers.openItemPlaceholder') : ''}
              aria-label={`${t('handovers.openItems')} ${index + 1}`}
              onChange={(text) => setOpenItems((list) => list.map((o) => (o.key === item.key ? { ...o, text } : o)))}
              data-testid="handover-open-item"
            />
            {openItems.length > 1 ? (
              <button
                type="button"
                className={styles.remove}
                aria-label={t('common.delete')}
                onClick={() => setOpenItems((list) => list.filter((o) => o.key !== item.key))}
              >
                <CloseCircleOutline />
              </button>
            ) : null}
          </div>
        ))}
        {openItems.length < 30 ? (
          <button
            type="button"
            className={styles.add}
            onClick={() => setOpenItems((list) => [...list, { key: newId(), text: '' }])}
            data-testid="handover-add-item"
          >
            <AddOutline /> {t('handovers.addOpenItem')}
          </button>
        ) : null}
      </section>

      <section className={styles.section}>
        <h2 className={styles.label}>{t('handovers.equipment')}</h2>
        <p className={styles.hint}>{t('handovers.equipmentHint')}</p>
        {equipment.map((line) => (
          <div key={line.key} className={styles.row}>
            <Checkbox
              checked={line.handed}
              aria-label={line.name || t('handovers.equipmentPlaceholder')}
              onChange={(handed) => setEquipment((list) => list.map((e) => (e.key === line.key ? { ...e, handed } : e)))}
              data-testid="handover-equipment-check"
            />
            <Input
              className={styles.rowInput}
              value={line.name}
              maxLength={60}
              placeholder={t('handovers.equipmentPlaceholder')}
              aria-label={t('handovers.equipmentPlaceholder')}
              onChange={(name) => setEquipment((list) => list.map((e) => (e.key === line.key ? { ...e, name } : e)))}
            />
            <button
              type="button"
              className={styles.remove}
              aria-label={t('common.delete')}
              onClick={() => setEquipment((list) => list.filter((e) => e.key !== line.key))}
            >
              <CloseCircleOutline />
            </button>
          </div>
        ))}
        {equipment.length < 30 ? (
          <button type="button" className={styles.add} onClick={() => setEquipment((list) => [...list, { key: newId(), name: '', handed: true }])}>
            <AddOutline /> {t('handovers.addEquipment')}
          </button>
        ) : null}
      </section>

      <section className={styles.section}>
        <h2 className={styles.label}>{t('handovers.notes')}</h2>
        <div className={styles.textArea}>
          <TextArea
            value={notes}
            onChange={setNotes}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('handovers.notesPlaceholder')}
            aria-label={t('handovers.notes')}
            data-testid="handover-notes"
          />
        </div>
      </section>

      <section className={styles.section}>
        <h2 className={styles.label}>{t('handovers.photos')}</h2>
        <div className={styles.photos}>
          {photos.map((p) => (
            <DraftThumb key={p.id} photo={p} onRemove={() => setPhotos((list) => list.filter((x) => x.id !== p.id))} />
          ))}
          {photos.length < MAX_PHOTOS ? (
            <PhotoCapture
              photo={null}
              photoKey={null}
              size="small"
              label={t('handovers.addPhoto')}
              onChange={(blob) => blob && setPhotos((list) => [...list, { id: newId(), blob }])}
              inputTestId="handover-photo-input"
            />
          ) : null}
        </div>
      </section>

      <div className={styles.submit}>
        <SubmitButton error={error} loading={write.isPending} onSubmit={submit} testId="handover-submit">
          {t('handovers.submit')}
        </SubmitButton>
      </div>
    </div>
  );
}

function DraftThumb({ photo, onRemove }: { photo: { id: string; blob: Blob }; onRemove: () => void }) {
  const { t } = useTranslation();
  const url = useObjectUrl(photo.blob, photo.id);
  return (
    <div className={styles.thumb}>
      {url ? <img src={url} alt={t('handovers.photos')} data-testid="handover-photo-thumb" /> : null}
      <button type="button" className={styles.thumbRemove} aria-label={t('shiftPhone.removePhoto')} onClick={onRemove}>
        <CloseOutline />
      </button>
    </div>
  );
}

export function HandoverDetailPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  const { handoverId = '' } = useParams();
  return (
    <Frame title={t('handovers.detailTitle')}>
      {site ? (
        <Detail site={site} handoverId={handoverId} />
      ) : (
        <PhoneState status="empty" title={t('shiftPhone.noSite')} description={t('mobile.noSitesHint')} />
      )}
    </Frame>
  );
}

function Detail({ site, handoverId }: { site: MeSite; handoverId: string }) {
  const { t } = useTranslation();
  const handover = useHandover(site.id, handoverId);
  if (handover.isPending) return <MobileSpinner />;
  if (handover.isError) {
    const isMissing = handover.error instanceof ApiError && handover.error.status === 404;
    return (
      <PhoneState status={isMissing ? 'empty' : 'disconnected'} title={isMissing ? t('handovers.notYours') : t('common.loadFailed')}>
        {isMissing ? null : <Button onClick={() => void handover.refetch()}>{t('common.retry')}</Button>}
      </PhoneState>
    );
  }
  return (
    <div className={styles.form}>
      <HandoverCard site={site} handover={handover.data} />
      <ConfirmBar site={site} handover={handover.data} />
    </div>
  );
}

export function HandoverCard({ site, handover: h }: { site: MeSite; handover: Handover }) {
  const { t } = useTranslation();
  const now = useNow();
  const status = displayStatus(h, now);
  return (
    <section className={styles.section} data-testid="handover-card" data-status={h.status}>
      <div className={styles.head}>
        <span className={styles.title}>{h.postName}</span>
        <Tag color={STATUS_COLORS[status]}>{t(`handovers.status.${status}`)}</Tag>
      </div>
      <dl className={styles.facts}>
        <dt>{t('handovers.writtenBy')}</dt>
        <dd>
          {h.fromName} · {formatDateTime(h.writtenAt, site.timeZone)}
        </dd>
        <dt>{t('handovers.expected')}</dt>
        <dd>{h.expectedName ?? t('handovers.anyone')}</dd>
        {h.status === 'confirmed' ? (
          <>
            <dt>{t('handovers.confirmedBy')}</dt>
            <dd data-testid="handover-confirmed-by">
              {h.confirmedName} · {formatDateTime(h.confirmedAt!, site.timeZone)}
            </dd>
            {h.confirmNote ? (
              <>
                <dt>{t('handovers.confirmNote')}</dt>
                <dd>{h.confirmNote}</dd>
              </>
            ) : null}
          </>
        ) : (
          <>
            <dt />
            <dd className={styles.muted}>{t('handovers.confirmBy', { time: formatDateTime(h.confirmBy, site.timeZone) })}</dd>
          </>
        )}
      </dl>

      <h3 className={styles.label} style={{ marginTop: 14 }}>
        {t('handovers.openItems')}
      </h3>
      {h.openItems.length ? (
        <ol className={styles.list}>
          {h.openItems.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ol>
      ) : (
        <p className={styles.muted}>{t('handovers.noOpenItems')}</p>
      )}

      <h3 className={styles.label} style={{ marginTop: 14 }}>
        {t('handovers.equipment')}
      </h3>
      {h.equipment.length ? (
        h.equipment.map((e, i) => (
          <div key={i} className={styles.check}>
            {e.handed ? <CheckCircleFill className={styles.checkOk} /> : <ExclamationCircleFill className={styles.checkMissing} />}
            <span>{e.name}</span>
            <span className={styles.muted}>· {e.handed ? t('handovers.handed') : t('handovers.notHanded')}</span>
          </div>
        ))
      ) : (
        <p className={styles.muted}>{t('handovers.nothing')}</p>
      )}

      {h.notes ? (
        <>
          <h3 className={styles.label} style={{ marginTop: 14 }}>
            {t('handovers.notes')}
          </h3>
          <p className={styles.notes}>{h.notes}</p>
        </>
      ) : null}
      {h.photoIds.length ? (
        <>
          <h3 className={styles.label} style={{ marginTop: 14 }}>
            {t('handovers.photos')}
          </h3>
          <div className={styles.photos}>
            {h.photoIds.map((id) => (
              <a key={id} className={styles.thumb} href={photoUrl(site.id, id)} target="_blank" rel="noreferrer">
                <img src={photoUrl(site.id, id)} alt={t('handovers.photos')} />
              </a>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** The incoming person's part: never the writer's (the server refuses them too). */
function ConfirmBar({ site, handover }: { site: MeSite; handover: Handover }) {
  const { t } = useTranslation();
  const me = useMe();
  const confirm = useConfirmHandover(site.id, me.id);
  const waiting = useWaitingHandovers(site.id, me.id).confirmed.has(handover.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (handover.status === 'confirmed' || handover.fromPersonId === me.id) return null;
  if (waiting) {
    return (
      <div className={styles.confirmBar} data-testid="handover-confirm-waiting">
        <Tag color="default">{t('handovers.outbox.waitingTag')}</Tag> {t('handovers.outbox.confirmWaiting')}
      </div>
    );
  }
  const submit = () => {
    setError(null);
    confirm.mutate(
      { id: handover.id, note: note.trim(), postName: handover.postName },
      {
        onSuccess: (stored) => Toast.show({ icon: 'success', content: t(stored ? 'handovers.confirmed' : 'handovers.outbox.savedOnPhone') }),
        onError: (cause) => setError(describeWriteError(cause)),
      },
    );
  };
  return (
    <div className={styles.confirmBar} data-testid="handover-confirm-bar">
      <h2 className={styles.label}>{t('handovers.confirmTitle')}</h2>
      <div className={styles.textArea}>
        <TextArea
          value={note}
          onChange={setNote}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('handovers.confirmNotePlaceholder')}
          aria-label={t('handovers.confirmNote')}
        />
      </div>
      <SubmitButton error={error} loading={confirm.isPending} onSubmit={submit} testId="handover-confirm">
        {t('handovers.confirm')}
      </SubmitButton>
    </div>
  );
}
