import type { RawData } from 'ws';

/** A WebSocket message as text, whichever of ws's buffer shapes it arrived in. */
export function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
