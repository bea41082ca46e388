import { PhotoCapture } from '../../shared/photos/photo-capture';
import { newId } from '../../shared/offline/new-id';

export interface DraftPhoto {
  id: string;
  blob: Blob;
}

/** The back camera; the photo keeps the id it will be uploaded under, so a resend stores it once. */
export function PhotoPicker({ photo, onChange, label }: { photo: DraftPhoto | null; onChange: (photo: DraftPhoto | null) => void; label: string }) {
  return (
    <PhotoCapture
      photo={photo?.blob ?? null}
      photoKey={photo?.id ?? null}
      onChange={(blob) => onChange(blob ? { id: newId(), blob } : null)}
      label={label}
      inputTestId="repair-photo-input"
    />
  );
}
