/**
 * Photos as phones send them: a real 8×8 JPEG (drawn by Chromium for these tests) and the EXIF
 * block a phone camera adds, with the orientation, the maker and the GPS position.
 */

/** An 8×8 baseline JPEG with a JFIF header and nothing else. */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAVEAEBAAAAAAAAAAAAAAAAAAAAAf/EABUBAQEAAAAAAAAAAAAAAAAAAAIF/8QAGxEAAQQDAAAAAAAAAAAAAAAABAABAiEDEhP/2gAMAwEAAhEDEQA/AJO0BcGHho1JFE5Oj2v/2Q==',
  'base64',
);

/** Text that only the camera's metadata carries: found in a stored photo, the metadata survived. */
export const CAMERA_MAKE = 'PhoneCoCamera';
export const CAMERA_OWNER = 'OwnerZhangSan';

/**
 * A TIFF block as EXIF writes it (little-endian): IFD0 with the orientation, the maker and a
 * pointer to the GPS IFD, which holds 31°14'N 121°29'E.
 */
export function exifTiff(orientation: number): Buffer {
  const entries0 = 4;
  const ifd0 = 8;
  const ifd0Size = 2 + entries0 * 12 + 4;
  const makeAt = ifd0 + ifd0Size;
  const make = Buffer.from(`${CAMERA_MAKE}\0`, 'latin1');
  const ownerAt = makeAt + make.length;
  const owner = Buffer.from(`${CAMERA_OWNER}\0`, 'latin1');
  const gpsAt = ownerAt + owner.length;
  const gpsEntries = 4;
  const gpsSize = 2 + gpsEntries * 12 + 4;
  const latAt = gpsAt + gpsSize;
  const lngAt = latAt + 24;
  const tiff = Buffer.alloc(lngAt + 24);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number, isShort = false) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (isShort) tiff.writeUInt16LE(value, at + 8);
    else tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(entries0, ifd0);
  entry(ifd0 + 2, 0x010f, 2, make.length, makeAt); // Make
  entry(ifd0 + 14, 0x0112, 3, 1, orientation, true); // Orientation
  entry(ifd0 + 26, 0x013b, 2, owner.length, ownerAt); // Artist
  entry(ifd0 + 38, 0x8825, 4, 1, gpsAt); // GPS IFD pointer
  make.copy(tiff, makeAt);
  owner.copy(tiff, ownerAt);
  tiff.writeUInt16LE(gpsEntries, gpsAt);
  entry(gpsAt + 2, 0x0001, 2, 2, 'N'.charCodeAt(0), true); // GPSLatitudeRef
  entry(gpsAt + 14, 0x0002, 5, 3, latAt); // GPSLatitude
  entry(gpsAt + 26, 0x0003, 2, 2, 'E'.charCodeAt(0), true); // GPSLongitudeRef
  entry(gpsAt + 38, 0x0004, 5, 3, lngAt); // GPSLongitude
  [31, 1, 14, 1, 7, 1].forEach((n, i) => tiff.writeUInt32LE(n, latAt + i * 4));
  [121, 1, 29, 1, 3, 1].forEach((n, i) => tiff.writeUInt32LE(n, lngAt + i * 4));
  return tiff;
}

const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/**
 * TINY_JPEG as a phone camera saves it: EXIF with GPS right after the JFIF header, an XMP block
 * and a comment, and a second picture (a preview with EXIF of its own) after the end.
 */
export function jpegWithGps(orientation = 6): Buffer {
  const jfifEnd = 2 + TINY_JPEG.readUInt16BE(4) + 2;
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(orientation)]));
  const xmp = segment(
    0xe1,
    Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>31,14N</exif:GPSLatitude>${CAMERA_OWNER}</x:xmpmeta>`, 'latin1'),
  );
  const comment = segment(0xfe, Buffer.from(`shot by ${CAMERA_OWNER}`, 'latin1'));
  const trailer = Buffer.concat([Buffer.from([0xff, 0xd8]), exif, Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([TINY_JPEG.subarray(0, jfifEnd), exif, xmp, comment, TINY_JPEG.subarray(jfifEnd), trailer]);
}
