/**
 * Photos lose their metadata before they are stored (PIPL): a phone's camera writes where the
 * picture was taken (GPS), when, on which device, and sometimes the owner's name. Done on the
 * bytes, without decoding the image, so nothing of the picture itself changes:
 *
 * - JPEG: every APPn segment but JFIF (APP0), the ICC colour profile (APP2) and Adobe's colour
 *   transform (APP14), and every comment, are dropped. The EXIF orientation is the one thing a
 *   viewer needs from EXIF (phones store the sensor's pixels and say how to turn them): it is
 *   written back as a minimal EXIF block holding only that tag.
 * - PNG: the eXIf, text (tEXt, zTXt, iTXt) and tIME chunks are dropped.
 * - WebP: the EXIF and XMP chunks are dropped and their flags cleared.
 * - HEIC: the Exif and XMP items are overwritten with zeros in place (their offsets stay valid;
 *   rotation lives in the `irot` property, untouched).
 *
 * A file that does not parse is refused rather than stored with its metadata.
 */

export class UnreadableImageError extends Error {}

export function stripMetadata(bytes: Buffer, type: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic'): Buffer {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    case 'image/heic':
      return stripHeic(bytes);
  }
}

// ---------- JPEG ----------

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;

function stripJpeg(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let orientation = 1;
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new UnreadableImageError('JPEG segment expected');
    const marker = bytes[pos + 1];
    if (marker === undefined) throw new UnreadableImageError('JPEG cut short');
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    // Markers without a length: restart markers (between scan data) and the standalone TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      const next = nextMarker(bytes, pos + 2);
      kept.push(bytes.subarray(pos, next));
      pos = next;
      continue;
    }
    if (marker === EOI) {
      // Whatever follows the image (a phone's appended depth map or preview, with EXIF of its own) is dropped.
      kept.push(bytes.subarray(pos, pos + 2));
      break;
    }
    if (pos + 4 > bytes.length) throw new UnreadableImageError('JPEG cut short');
    const length = bytes.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw new UnreadableImageError('JPEG segment overruns the file');
    const segment = bytes.subarray(pos, end);
    if (marker === SOS) {
      // The entropy-coded scan follows, up to the next marker (progressive images have several).
      const next = nextMarker(bytes, end);
      kept.push(bytes.subarray(pos, next));
      pos = next;
      continue;
    }
    const isMetadata = (marker >= APP0 && marker <= 0xef && marker !== APP0 && marker !== APP2 && marker !== APP14) || marker === COM;
    const isIccProfile = marker === APP2 && segment.toString('latin1', 4, 16) === 'ICC_PROFILE\0';
    if (marker === APP1 && segment.toString('latin1', 4, 10) === 'Exif\0\0') orientation = readExifOrientation(segment.subarray(10)) ?? orientation;
    if (!isMetadata && (marker !== APP2 || isIccProfile)) kept.push(segment);
    pos = end;
  }
  // JFIF wants its APP0 right after the start of image: the EXIF goes after it.
  if (orientation !== 1) kept.splice(kept[1]?.[1] === APP0 ? 2 : 1, 0, orientationOnlyExif(orientation));
  return Buffer.concat(kept);
}

/** The first marker after entropy-coded data: 0xFF not followed by a stuffed 0x00 or a restart marker. */
function nextMarker(bytes: Buffer, from: number): number {
  for (let i = bytes.indexOf(0xff, from); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0xff, i + 1)) {
    const b = bytes[i + 1]!;
    if (b !== 0x00 && b !== 0xff && !(b >= 0xd0 && b <= 0xd7)) return i;
  }
  throw new UnreadableImageError('JPEG scan never ends');
}

/** The Orientation tag (0x0112) of IFD0 in a TIFF block, or null when absent or unreadable. */
function readExifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : null);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : null);
  const ifd = u32(4);
  if (ifd === null) return null;
  const count = u16(ifd);
  if (count === null) return null;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value !== null && value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 EXIF segment whose IFD0 holds the Orientation tag and nothing else. */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18); // in the value field, left-aligned
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, APP1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

// ---------- PNG ----------

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Buffer): Buffer {
  const kept: Buffer[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new UnreadableImageError('PNG cut short');
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > bytes.length) throw new UnreadableImageError('PNG chunk overruns the file');
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

// ---------- WebP ----------

const VP8X_FLAG_EXIF = 0x08;
const VP8X_FLAG_XMP = 0x04;

function stripWebp(bytes: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let pos = 12;
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw new UnreadableImageError('WebP cut short');
    const fourcc = bytes.toString('latin1', pos, pos + 4);
    const size = bytes.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2); // chunks are padded to an even size
    if (pos + 8 + size > riffEnd) throw new UnreadableImageError('WebP chunk overruns the file');
    const chunk = Buffer.from(bytes.subarray(pos, Math.min(end, riffEnd)));
    if (fourcc === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP);
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') chunks.push(chunk);
    pos = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

// ---------- HEIC (ISO base media file format) ----------

interface Box {
  type: string;
  start: number;
  /** Where the box's content begins (after size, type, and for full boxes version+flags). */
  body: number;
  end: number;
}

function readBoxes(bytes: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let pos = from;
  while (pos + 8 <= to) {
    let size = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > to) throw new UnreadableImageError('HEIC box cut short');
      size = Number(bytes.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < header || pos + size > to) throw new UnreadableImageError('HEIC box overruns the file');
    boxes.push({ type, start: pos, body: pos + header, end: pos + size });
    pos += size;
  }
  return boxes;
}

function stripHeic(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const meta = readBoxes(out, 0, out.length).find((b) => b.type === 'meta');
  if (!meta) return out;
  const inner = readBoxes(out, meta.body + 4, meta.end); // meta is a full box
  const iinf = inner.find((b) => b.type === 'iinf');
  const iloc = inner.find((b) => b.type === 'iloc');
  if (!iinf || !iloc) return out;
  const metadataItems = new Set(readMetadataItemIds(out, iinf));
  if (metadataItems.size === 0) return out;
  for (const extent of readItemExtents(out, iloc, metadataItems)) {
    if (extent.offset + extent.length > out.length) throw new UnreadableImageError('HEIC item overruns the file');
    out.fill(0, extent.offset, extent.offset + extent.length);
  }
  return out;
}

/** Ids of the Exif items and of the XMP ("mime" items of type application/rdf+xml). */
function readMetadataItemIds(bytes: Buffer, iinf: Box): number[] {
  const version = bytes[iinf.body]!;
  const entriesAt = iinf.body + 4 + (version === 0 ? 2 : 4);
  const ids: number[] = [];
  for (const infe of readBoxes(bytes, entriesAt, iinf.end).filter((b) => b.type === 'infe')) {
    const v = bytes[infe.body]!;
    if (v < 2) continue;
    let p = infe.body + 4;
    const id = v === 2 ? bytes.readUInt16BE(p) : bytes.readUInt32BE(p);
    p += v === 2 ? 2 : 4;
    p += 2; // protection index
    const itemType = bytes.toString('latin1', p, p + 4);
    p += 4;
    const nameEnd = bytes.indexOf(0, p);
    const contentType = itemType === 'mime' && nameEnd >= 0 && nameEnd < infe.end ? bytes.toString('latin1', nameEnd + 1, infe.end) : '';
    if (itemType === 'Exif' || contentType.startsWith('application/rdf+xml')) ids.push(id);
  }
  return ids;
}

function readItemExtents(bytes: Buffer, iloc: Box, items: Set<number>): { offset: number; length: number }[] {
  const version = bytes[iloc.body]!;
  let p = iloc.body + 4;
  const sizes = bytes.readUInt16BE(p);
  p += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseOffsetSize = (sizes >> 4) & 0xf;
  const indexSize = version === 1 || version === 2 ? sizes & 0xf : 0;
  const read = (n: number): number => {
    if (p + n > iloc.end) throw new UnreadableImageError('HEIC iloc cut short');
    const value = n === 0 ? 0 : n === 2 ? bytes.readUInt16BE(p) : n === 4 ? bytes.readUInt32BE(p) : n === 8 ? Number(bytes.readBigUInt64BE(p)) : NaN;
    if (Number.isNaN(value)) throw new UnreadableImageError('HEIC iloc field size');
    p += n;
    return value;
  };
  const count = version < 2 ? read(2) : read(4);
  const extents: { offset: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? read(2) : read(4);
    const constructionMethod = version === 1 || version === 2 ? read(2) & 0xf : 0;
    read(2); // data reference index
    const base = read(baseOffsetSize);
    const extentCount = read(2);
    for (let e = 0; e < extentCount; e++) {
      if (indexSize > 0) read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      // Method 0: offsets into the file. (Items in the idat box, method 1, are small and rare for EXIF.)
      if (items.has(id) && constructionMethod === 0) extents.push({ offset: base + offset, length });
    }
  }
  return extents;
}
