import { useEffect, useRef, useState } from 'react';
import { Button, Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useObjectUrl } from './object-url';
import { PhotoError, preparePhoto } from './photo-prep';
import styles from './photo-capture.module.css';

/**
 * The camera on the staff phone: opens the back camera (any picture elsewhere), shrinks large
 * photos before they are kept, shows what was taken with a way to remove or retake it.
 * `photoKey` says when the photo really changed (the blob may be rebuilt from the same bytes).
 */
export function PhotoCapture(props: {
  photo: Blob | null;
  photoKey: string | null;
  onChange: (photo: Blob | null) => void;
  size?: 'small' | 'middle';
  /** The button's label when no photo is taken yet. */
  label?: string;
  inputTestId?: string;
  thumbTestId?: string;
}) {
  const { t } = useTranslation();
  const { onChange } = props;
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const url = useObjectUrl(props.photo, props.photoKey);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const prepared = await preparePhoto(file);
      if (alive.current) onChange(prepared);
    } catch (error) {
      const reason = error instanceof PhotoError ? error.reason : 'unreadable';
      Toast.show({ icon: 'fail', content: t(reason === 'tooLarge' ? 'shiftPhone.photoTooLarge' : 'shiftPhone.photoUnreadable') });
    } finally {
      if (alive.current) setBusy(false);
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
        data-testid={props.inputTestId ?? 'photo-input'}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same photo can be chosen again after removing it
          void onFile(file);
        }}
      />
      {url ? (
        <div className={styles.thumb}>
          <img src={url} alt={t('shiftPhone.photo')} data-testid={props.thumbTestId ?? 'photo-thumb'} />
          <button type="button" className={styles.remove} aria-label={t('shiftPhone.removePhoto')} onClick={() => onChange(null)}>
            <CloseOutline />
          </button>
        </div>
      ) : null}
      <Button size={props.size ?? 'middle'} onClick={() => input.current?.click()} loading={busy} loadingText={t('shiftPhone.photoProcessing')}>
        <CameraOutline /> {url ? t('shiftPhone.retakePhoto') : (props.label ?? t('shiftPhone.takePhoto'))}
      </Button>
    </div>
  );
}
