/**
 * 车辆检查 (PARK duty 5): once the car is parked the attendant marks damage on a car outline,
 * adds notes and photos, and the customer signs on the phone. A signed check is shown read-only.
 */
import { useRef, useState } from 'react';
import { Button, Input, Popup, TextArea, Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline, DeleteOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { MeSite, VehicleCheck, Visit } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/format/time';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { SignaturePad, SignatureView } from '../../shared/ui-mobile/signature-pad';
import { hasInk, type SignatureStrokes } from '../../shared/ui-mobile/signature-strokes';
import { newId } from '../../shared/offline/new-id';
import { PhotoError, preparePhoto } from '../../shared/photos/photo-prep';
import { useObjectUrl } from '../../shared/photos/object-url';
import { CarOutline, type CarMark } from './car-outline';
import { useMe } from '../../shared/auth/use-auth';
import { useSaveVehicleCheck, useVehicleCheck, useWaitingVehicleCheck } from './use-vehicle-check';
import styles from './vehicle-check.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { photosApi } from '../../shared/api/photos';

const MAX_MARKS = 30;
const MAX_PHOTOS = 8;

/** The entry on a parked car's row: 车辆检查 before it is signed, 车检已签 after. */
export function VehicleCheckButton({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const me = useMe();
  // The list says which cars are checked: the check itself is read only when its screen opens.
  const check = useVehicleCheck(site.id, visit.id, open);
  // Signed without signal: the check waits on the phone and counts as signed here.
  const waiting = useWaitingVehicleCheck(me.id, visit.id);
  const isSigned = visit.hasVehicleCheck || !!check.data || !!waiting;
  return (
    <>
      <Button
        size="mini"
        className={styles.rowButton}
        color={isSigned ? 'success' : 'primary'}
        fill={isSigned ? 'none' : 'outline'}
        loading={open && check.isLoading && !waiting}
        onClick={() => setOpen(true)}
        data-testid="vehicle-check-open"
      >
        {waiting && !check.data ? t('carePhone.vehicle.signedWaiting') : isSigned ? t('carePhone.vehicle.signedTag') : t('carePhone.vehicle.open')}
      </Button>
      <Popup visible={open} onClose={() => setOpen(false)} destroyOnClose position="right" bodyClassName={styles.screen}>
        <div className={styles.top}>
          <button type="button" className={styles.close} onClick={() => setOpen(false)} aria-label={t('common.close')}>
            <CloseOutline />
          </button>
          <div className={styles.topTitle}>
            {t('carePhone.vehicle.title')}
            {visit.plateMasked ? <span className={styles.topPlate}>{visit.plateMasked}</span> : null}
          </div>
        </div>
        <div className={styles.scroll} data-testid="vehicle-check-screen">
          {waiting && !check.data ? (
            <PhoneState status="default" title={t('carePhone.vehicle.signedWaiting')} description={t('carePhone.vehicle.waitingHint')} />
          ) : check.isLoading ? (
            <MobileSpinner />
          ) : check.isError ? (
            <PhoneState status="disconnected" title={t('common.loadFailed')} description={describeError(check.error)} />
          ) : check.data ? (
            <SignedCheck site={site} check={check.data} />
          ) : (
            <CheckForm site={site} visit={visit} onSaved={() => setOpen(false)} />
          )}
        </div>
      </Popup>
    </>
  );
}

interface PickedPhoto {
  id: string;
  blob: Blob;
}

function CheckForm({ site, visit, onSaved }: { site: MeSite; visit: Visit; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSaveVehicleCheck(site.id, visit.id, me.id, visit.plateMasked ?? null);
  const [marks, setMarks] = useState<CarMark[]>([]);
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [signature, setSignature] = useState<SignatureStrokes>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const addMark = (x: number, y: number) => {
    if (marks.length >= MAX_MARKS) return void Toast.show({ content: t('carePhone.vehicle.tooManyMarks', { max: MAX_MARKS }) });
    setMarks([...marks, { x, y, note: '' }]);
  };

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      // Photos and check wait on the phone first (photos sent before the check that uses them).
      const stored = await save(
        {
          marks: marks.map((m) => ({ x: m.x, y: m.y, note: m.note.trim() })),
          notes: notes.trim(),
          photoIds: photos.map((p) => p.id),
          signature: { strokes: signature },
        },
        photos,
      );
      Toast.show({ icon: 'success', content: t(stored ? 'carePhone.vehicle.saved' : 'carePhone.vehicle.savedOnPhone') });
      onSaved();
    } catch (cause) {
      setError(cause instanceof Error && !('status' in cause) ? cause.message : describeError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.form}>
      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>
          {t('carePhone.vehicle.marksTitle')}
          <span className={styles.count}>{marks.length}</span>
        </h3>
        <p className={styles.hint}>{t('carePhone.vehicle.marksHint')}</p>
        <CarOutline marks={marks} onTap={addMark} />
        {marks.length ? (
          <ol className={styles.markList}>
            {marks.map((mark, index) => (
              <li key={index} className={styles.markItem} data-testid="mark-row">
                <span className={styles.markBadge}>{index + 1}</span>
                <Input
                  className={styles.markInput}
                  placeholder={t('carePhone.vehicle.markNotePlaceholder')}
                  value={mark.note}
                  maxLength={100}
                  onChange={(note) => setMarks(marks.map((m, i) => (i === index ? { ...m, note } : m)))}
                  aria-label={t('carePhone.vehicle.markNote', { n: index + 1 })}
                  data-testid="mark-note"
                />
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={() => setMarks(marks.filter((_, i) => i !== index))}
                  aria-label={t('carePhone.vehicle.removeMark', { n: index + 1 })}
                >
                  <DeleteOutline />
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p className={styles.empty}>{t('carePhone.vehicle.noMarks')}</p>
        )}
      </section>

      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>{t('carePhone.vehicle.notes')}</h3>
        <div className={styles.textArea}>
          <TextArea
            placeholder={t('carePhone.vehicle.notesPlaceholder')}
            value={notes}
            onChange={setNotes}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            data-testid="vehicle-notes"
          />
        </div>
      </section>

      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>
          {t('carePhone.vehicle.photos')}
          <span className={styles.count}>
            {photos.length}/{MAX_PHOTOS}
          </span>
        </h3>
        <PhotoPicker photos={photos} onChange={setPhotos} />
      </section>

      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>{t('carePhone.vehicle.customerSigns')}</h3>
        <p className={styles.hint}>{t('carePhone.vehicle.signHint')}</p>
        <SignaturePad value={signature} onChange={setSignature} disabled={busy} />
      </section>

      {error ? (
        <div className={styles.error} role="alert" data-testid="vehicle-check-error">
          {error}
        </div>
      ) : null}
      <Button
        block
        color="primary"
        size="large"
        className={styles.submit}
        disabled={!hasInk(signature)}
        loading={busy}
        onClick={() => void submit()}
        data-testid="vehicle-check-submit"
      >
        {t('carePhone.vehicle.submit')}
      </Button>
    </div>
  );
}

/** Photos from the camera, shrunk like the shift checklist's before they are sent. */
function PhotoPicker({ photos, onChange }: { photos: PickedPhoto[]; onChange: (photos: PickedPhoto[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const added: PickedPhoto[] = [];
    try {
      for (const file of [...files].slice(0, MAX_PHOTOS - photos.length)) {
        try {
          added.push({ id: newId(), blob: await preparePhoto(file) });
        } catch (error) {
          const reason = error instanceof PhotoError ? error.reason : 'unreadable';
          Toast.show({ icon: 'fail', content: t(reason === 'tooLarge' ? 'shiftPhone.photoTooLarge' : 'shiftPhone.photoUnreadable') });
        }
      }
      if (files.length > MAX_PHOTOS - photos.length) Toast.show({ content: t('carePhone.vehicle.tooManyPhotos', { max: MAX_PHOTOS }) });
      onChange([...photos, ...added]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.photoGrid}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="vehicle-photo-input"
        onChange={(event) => {
          void pick(event.target.files);
          event.target.value = ''; // the same photo can be chosen again after removing it
        }}
      />
      {photos.map((photo) => (
        <LocalThumb key={photo.id} photo={photo} onRemove={() => onChange(photos.filter((p) => p.id !== photo.id))} />
      ))}
      {photos.length < MAX_PHOTOS ? (
        <button type="button" className={styles.addPhoto} onClick={() => input.current?.click()} disabled={busy} data-testid="vehicle-photo-add">
          {busy ? t('shiftPhone.photoProcessing') : <CameraOutline fontSize={26} />}
        </button>
      ) : null}
    </div>
  );
}

function LocalThumb({ photo, onRemove }: { photo: PickedPhoto; onRemove: () => void }) {
  const { t } = useTranslation();
  const url = useObjectUrl(photo.blob, photo.id);
  return (
    <div className={styles.thumb} data-testid="vehicle-photo">
      {url ? <img src={url} alt={t('shiftPhone.photo')} /> : null}
      <button type="button" className={styles.thumbRemove} aria-label={t('shiftPhone.removePhoto')} onClick={onRemove}>
        <CloseOutline />
      </button>
    </div>
  );
}

function SignedCheck({ site, check }: { site: MeSite; check: VehicleCheck }) {
  const { t } = useTranslation();
  return (
    <div className={styles.form} data-testid="vehicle-check-signed">
      <div className={styles.signedBanner}>
        {t('carePhone.vehicle.signedBy', { name: check.checkedByName, at: formatDateTime(check.signedAt, site.timeZone) })}
      </div>
      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>
          {t('carePhone.vehicle.marksTitle')}
          <span className={styles.count}>{check.marks.length}</span>
        </h3>
        <CarOutline marks={check.marks} />
        {check.marks.length ? (
          <ol className={styles.markList}>
            {check.marks.map((mark, index) => (
              <li key={index} className={styles.markItem}>
                <span className={styles.markBadge}>{index + 1}</span>
                <span className={styles.markText}>{mark.note || t('carePhone.vehicle.noNote')}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className={styles.empty}>{t('carePhone.vehicle.noDamage')}</p>
        )}
      </section>
      {check.notes ? (
        <section className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('carePhone.vehicle.notes')}</h3>
          <p className={styles.readText}>{check.notes}</p>
        </section>
      ) : null}
      {check.photoIds.length ? (
        <section className={styles.section}>
          <h3 className={styles.sectionTitle}>{t('carePhone.vehicle.photos')}</h3>
          <div className={styles.photoGrid}>
            {check.photoIds.map((id) => (
              <a key={id} className={styles.thumb} href={photosApi.url(site.id, id)} target="_blank" rel="noreferrer">
                <img src={photosApi.url(site.id, id)} alt={t('shiftPhone.photo')} loading="lazy" />
              </a>
            ))}
          </div>
        </section>
      ) : null}
      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>{t('carePhone.vehicle.customerSignature')}</h3>
        <SignatureView strokes={check.signature.strokes} />
      </section>
    </div>
  );
}
