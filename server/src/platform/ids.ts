import { randomFillSync } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): time-ordered, so keyset pagination on `id` follows creation order.
 * A counter in the random bits keeps ids from one process strictly increasing within a millisecond.
 */
let lastMs = 0;
let seq = 0;

// Random bytes drawn 4 KiB at a time: one call to the CSPRNG per 256 ids instead of one per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function random16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return out;
}

export function newId(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    seq += 1;
    if (seq > 0xfff) {
      lastMs += 1;
      seq = 0;
    }
  } else {
    lastMs = nowMs;
    seq = 0;
  }
  const ms = lastMs;
  const bytes = random16();
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((seq >>> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
