import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CAMERA_MAKE, CAMERA_OWNER, exifTiff, jpegWithGps, TINY_JPEG } from '../../test/photo-fixtures.js';
import { TINY_PNG } from '../../test/site-activity.js';
import { stripMetadata, UnreadableImageError } from './strip-metadata.js';

/** The JPEG's segments by marker, in order. */
function markers(jpeg: Buffer): number[] {
  const out: number[] = [];
  let p = 2;
  while (p < jpeg.length) {
    const m = jpeg[p + 1]!;
    out.push(m);
    if (m === 0xda || m === 0xd9) break;
    p += 2 + jpeg.readUInt16BE(p + 2);
  }
  return out;
}

describe('stripMetadata', () => {
  it('takes GPS, maker, owner, XMP, comments and appended pictures out of a JPEG, keeping the picture and its orientation', () => {
    const phone = jpegWithGps(6);
    expect(phone.includes(CAMERA_MAKE)).toBe(true);
    const stored = stripMetadata(phone, 'image/jpeg');
    for (const text of [CAMERA_MAKE, CAMERA_OWNER, 'GPSLatitude', 'xmpmeta']) expect(stored.includes(text), text).toBe(false);
    // No GPS IFD pointer (tag 0x8825) and no latitude rationals anywhere.
    expect(stored.includes(Buffer.from([0x25, 0x88]))).toBe(false);
    expect(stored.includes(Buffer.from([31, 0, 0, 0, 1, 0, 0, 0, 14, 0, 0, 0]))).toBe(false);
    // The picture is the original, byte for byte, with one small EXIF saying only "rotate".
    expect(markers(stored)).toEqual([0xe0, 0xe1, 0xdb, 0xdb, 0xc0, 0xc4, 0xc4, 0xc4, 0xc4, 0xda]);
    const exif = stored.subarray(stored.indexOf('Exif\0\0', 0, 'latin1') + 6);
    expect(exif.subarray(0, 8)).toEqual(Buffer.from('MM\0*\0\0\0\x08', 'latin1'));
    expect(exif.readUInt16BE(10)).toBe(0x0112);
    expect(exif.readUInt16BE(18)).toBe(6);
    const withoutExif = stripMetadata(jpegWithGps(1), 'image/jpeg');
    expect(withoutExif).toEqual(TINY_JPEG);
    expect(stored.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('leaves a JPEG without metadata as it was, and refuses one that does not parse', () => {
    expect(stripMetadata(TINY_JPEG, 'image/jpeg')).toEqual(TINY_JPEG);
    expect(() => stripMetadata(TINY_JPEG.subarray(0, 40), 'image/jpeg')).toThrow(UnreadableImageError);
    expect(() => stripMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0]), 'image/jpeg')).toThrow(UnreadableImageError);
  });

  it('drops the eXIf, text and time chunks of a PNG', () => {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
    };
    const iendAt = TINY_PNG.length - 12;
    const phone = Buffer.concat([
      TINY_PNG.subarray(0, 33), // signature + IHDR
      chunk('eXIf', exifTiff(1)),
      chunk('tEXt', Buffer.from(`Author\0${CAMERA_OWNER}`, 'latin1')),
      chunk('tIME', Buffer.from([7, 234, 12, 1, 10, 0, 0])),
      TINY_PNG.subarray(33, iendAt),
      TINY_PNG.subarray(iendAt),
    ]);
    expect(stripMetadata(phone, 'image/png')).toEqual(TINY_PNG);
  });

  it('drops the EXIF and XMP chunks of a WebP and clears their flags', () => {
    const chunk = (fourcc: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(fourcc, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const riff = (chunks: Buffer[]) => {
      const body = Buffer.concat(chunks);
      const head = Buffer.alloc(12);
      head.write('RIFF', 0, 'latin1');
      head.writeUInt32LE(body.length + 4, 4);
      head.write('WEBP', 8, 'latin1');
      return Buffer.concat([head, body]);
    };
    const vp8x = (flags: number) => chunk('VP8X', Buffer.from([flags, 0, 0, 0, 7, 0, 0, 7, 0, 0]));
    const image = chunk('VP8L', Buffer.from([0x2f, 7, 0xc0, 0x01, 0x07, 0x10, 0x11, 0x88, 0x88, 0xfe, 0x07]));
    const phone = riff([vp8x(0x08 | 0x04), image, chunk('EXIF', exifTiff(1)), chunk('XMP ', Buffer.from(`<x:xmpmeta>${CAMERA_OWNER}</x:xmpmeta>`))]);
    expect(stripMetadata(phone, 'image/webp')).toEqual(riff([vp8x(0), image]));
  });

  it('blanks the Exif item of a HEIC file in place', () => {
    const box = (type: string, ...parts: Buffer[]) => {
      const body = Buffer.concat(parts);
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length + 8);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };
    const full = (version: number) => Buffer.from([version, 0, 0, 0]);
    const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
    const infe = (id: number, type: string) => box('infe', full(2), u16(id), u16(0), Buffer.from(type, 'latin1'), Buffer.from('\0'));
    const exif = Buffer.concat([u32(0), Buffer.from('Exif\0\0', 'latin1'), exifTiff(1)]);
    const pixels = Buffer.from('not really pixels, but the item the picture is made of');
    const build = (exifAt: number, pixelsAt: number) =>
      Buffer.concat([
        box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1')),
        box(
          'meta',
          full(0),
          box('iinf', full(0), u16(2), infe(1, 'hvc1'), infe(2, 'Exif')),
          // iloc v0: offset 4 bytes, length 4 bytes, no base offset.
          box(
            'iloc',
            full(0),
            u16(0x4400),
            u16(2),
            u16(1),
            u16(0),
            u16(1),
            u32(pixelsAt),
            u32(pixels.length),
            u16(2),
            u16(0),
            u16(1),
            u32(exifAt),
            u32(exif.length),
          ),
        ),
      ]);
    const head = build(0, 0);
    const mdatAt = head.length;
    const pixelsAt = mdatAt + 8;
    const exifAt = pixelsAt + pixels.length;
    const phone = Buffer.concat([build(exifAt, pixelsAt), box('mdat', pixels, exif)]);
    const stored = stripMetadata(phone, 'image/heic');
    expect(stored.length).toBe(phone.length);
    expect(stored.includes(CAMERA_OWNER)).toBe(false);
    expect(stored.subarray(exifAt, exifAt + exif.length).every((b) => b === 0)).toBe(true);
    expect(stored.subarray(0, exifAt)).toEqual(phone.subarray(0, exifAt));
  });
});
