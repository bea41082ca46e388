import { useRef, useState } from 'react';
import { Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { newId } from '../shift/outbox-client';
import { PhotoError, preparePhoto } from '../shift/photo-prep';
import { useObjectUrl } from '../shift/use-photo-url';
import styles from './repairs.mobile.module.css';

export interface DraftPhoto {
  id: string;
  blob: Blob;
}

/** The back camera; the photo keeps the id it will be uploaded under, so a resend stores it once. */
export function PhotoPicker({ photo, onChange, label }: { photo: DraftPhoto | null; onChange: (photo: DraftPhoto | null) => void; label: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const url = useObjectUrl(photo?.blob ?? null, photo?.id ?? null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      onChange({ id: newId(), blob: await preparePhoto(file) });
    } catch (error) {
      const reason = error instanceof PhotoError ? error.reason : 'unreadable';
      Toast.show({ icon: 'fail', content: t(reason === 'tooLarge' ? 'shiftPhone.photoTooLarge' : 'shiftPhone.photoUnreadable') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.row}>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept="image/*"
        capture="environment"
        data-testid="repair-photo-input"
        onChange={(event) => {
          void choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {url ? (
        <span style={{ position: 'relative' }}>
          <img src={url} alt={label} className={styles.thumb} />
          <button
            type="button"
            aria-label={t('common.delete')}
            onClick={() => onChange(null)}
            style={{ position: 'absolute', top: -6, right: -6, border: 'none', borderRadius: 999, background: '#111827', color: '#fff', padding: 2 }}
          >
            <CloseOutline />
          </button>
        </span>
      ) : null}
      <button type="button" className={styles.photoButton} style={{ flex: 1, marginTop: 0 }} onClick={() => input.current?.click()} disabled={busy}>
        <CameraOutline /> {url ? t('equipment.phone.retake') : label}
      </button>
    </div>
  );
}
