/**
 * The phones of the fault run. Each client is one staff member working in a loop, one write at
 * a time, as the phone's outbox sends: every write carries the id the phone chose when the
 * person acted, and a write that got no answer (connection refused or reset while the server
 * is down, a timeout, a 5xx) is sent again, same id and body, until the server answers.
 *
 * Some writes are sent twice at once, as a phone on 4G does when it gives up waiting and resends
 * while the first copy is still on its way: the client then goes by the second copy's answer.
 *
 * Every write is logged with what happened to it, for the check against the database.
 */
import crypto from 'node:crypto';
import type { FaultClientAccount, FaultSite } from './fault-site.js';
import { TINY_JPEG } from '../server/src/test/photo-fixtures.js';

export const WRITE_KINDS = [
  'visit.register',
  'visit.ack',
  'visit.handoff',
  'shift.clock_in',
  'photo.upload',
  'shift.result',
  'shift.clock_out',
  'checkpoint.scan',
  'repair.report',
  'repair.accept',
  'repair.arrive',
  'repair.start',
  'repair.done',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

export interface WriteRecord {
  kind: WriteKind;
  personId: string;
  /**
   * The id the write carries or moves, as the check looks it up: the row it creates (visit,
   * hand-off, shift, photo, result, scan, work order) or the row it moves (the hand-off an ack
   * takes, the shift clocked out, the work order moved on).
   */
  key: string;
  /** The entity its audit entry names where that is not `key` (the visit of a hand-off, the shift of a result). */
  entity: string;
  /** What tells apart several writes on one entity (the hand-off's target, the checklist item). */
  detail: string;
  /** Requests sent (copies included). */
  attempts: number;
  /** Attempts that got no answer the client could use: the write was then sent again. */
  unanswered: number;
  doubleSent: boolean;
  outcome: 'answered' | 'refused' | 'unresolved';
  status: number | null;
  /** The server's error code or the transport error, when refused. */
  refusal: string | null;
  /** The server life (0 = first start, +1 per restart) in which the answer came. */
  answeredInLife: number | null;
}

export interface ClientRunOptions {
  /** The server's address now; a restart may not change it, but the client asks each time. */
  baseUrl: () => string;
  /** Which server life it is (the kill loop counts restarts). */
  life: () => number;
  /** Set when the run ends: no new write starts, the one in progress is finished. */
  stopping: () => boolean;
  /** Pause between writes, as a person takes between taps. */
  thinkMs: [number, number];
  /** Share of writes sent twice at once. */
  doubleSendRate: number;
  /** Give up a write that still has no answer this long after the run ended. */
  giveUpAfterStopMs: number;
  log: WriteRecord[];
}

const REQUEST_TIMEOUT_MS = 15_000;

const random = (min: number, max: number) => min + Math.random() * (max - min);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

type Answer = { status: number; body: unknown } | { status: null; error: string };

class Phone {
  constructor(
    private readonly account: FaultClientAccount,
    private readonly cookie: string,
    private readonly opts: ClientRunOptions,
  ) {}

  /**
   * Sends one write until it is answered: 2xx stored, 4xx refused (a retry would not change it),
   * anything else sent again after a short pause. Returns the body of a 2xx, or null.
   */
  async write(
    kind: WriteKind,
    ids: { key: string; entity?: string; detail?: string },
    method: string,
    path: string,
    body?: { json: unknown } | { bytes: Buffer; type: string },
  ): Promise<unknown> {
    const record: WriteRecord = {
      kind,
      personId: this.account.personId,
      key: ids.key,
      entity: ids.entity ?? ids.key,
      detail: ids.detail ?? '',
      attempts: 0,
      unanswered: 0,
      doubleSent: false,
      outcome: 'unresolved',
      status: null,
      refusal: null,
      answeredInLife: null,
    };
    this.opts.log.push(record);
    let stoppedAt: number | null = null;
    for (;;) {
      const life = this.opts.life();
      const copies = Math.random() < this.opts.doubleSendRate ? 2 : 1;
      if (copies === 2) record.doubleSent = true;
      record.attempts += copies;
      const answer = await this.send(method, path, body, copies);
      if (answer.status !== null && answer.status < 300) {
        record.outcome = 'answered';
        record.status = answer.status;
        record.answeredInLife = life;
        return answer.body;
      }
      if (answer.status !== null && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
        record.outcome = 'refused';
        record.status = answer.status;
        record.refusal = (answer.body as { error?: { code?: string } } | null)?.error?.code ?? `HTTP ${answer.status}`;
        return null;
      }
      record.unanswered += 1;
      record.refusal = answer.status === null ? answer.error : `HTTP ${answer.status}`;
      if (this.opts.stopping()) {
        stoppedAt ??= Date.now();
        if (Date.now() - stoppedAt > this.opts.giveUpAfterStopMs) return null;
      }
      await sleep(random(100, 400));
    }
  }

  /** One attempt; with two copies, the second leaves a moment after the first and its answer is the one used. */
  private async send(method: string, path: string, body: { json: unknown } | { bytes: Buffer; type: string } | undefined, copies: 1 | 2) {
    const one = () => this.request(method, path, body);
    if (copies === 1) return one();
    const first = one();
    await sleep(random(0, 15));
    const [, second] = await Promise.all([first, one()]);
    return second;
  }

  private async request(method: string, path: string, body: { json: unknown } | { bytes: Buffer; type: string } | undefined): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookie };
    let payload: string | Blob | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers['content-type'] = body.type;
      payload = new Blob([Uint8Array.from(body.bytes)]);
    }
    try {
      const res = await fetch(`${this.opts.baseUrl()}/api${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { status: null, error: cause ?? (err as Error).name };
    }
  }

  async pause(): Promise<void> {
    await sleep(random(...this.opts.thinkMs));
  }
}

const newId = () => crypto.randomUUID();

/** A Zhejiang plate, five random characters: a car park's usual arrival. */
function randomPlate(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let rest = '';
  for (let i = 0; i < 5; i++) rest += chars[Math.floor(Math.random() * chars.length)];
  return `浙A${rest}`;
}

/**
 * A real JPEG, as a phone sends one: the server decodes its segments to strip the camera's
 * metadata, so random bytes behind a JPEG signature are refused. A comment segment of random
 * length and content gives each photo its own size and bytes.
 */
function randomPhoto(): Buffer {
  const comment = crypto.randomBytes(4096 + Math.floor(Math.random() * 8192));
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([TINY_JPEG.subarray(0, 2), header, comment, TINY_JPEG.subarray(2)]);
}

interface VisitBody {
  id: string;
  handoffs: { id: string; to: string; ackedAt: number | null }[];
}

/** Car arrives → hall takes the party → hall hands it back to the car park → the car park sees it off. */
async function runVisits(phone: Phone, site: FaultSite, opts: ClientRunOptions): Promise<void> {
  const base = `/sites/${site.siteId}/visits`;
  while (!opts.stopping()) {
    const visitId = newId();
    const registered = (await phone.write('visit.register', { key: visitId }, 'POST', base, {
      json: { id: visitId, partySize: 1 + Math.floor(Math.random() * 4), arrivalMode: 'car', plate: randomPlate() },
    })) as VisitBody | null;
    const toHall = registered?.handoffs.find((h) => h.to === 'hall');
    if (!toHall || opts.stopping()) break;
    await phone.pause();
    if (
      !(await phone.write('visit.ack', { key: toHall.id, entity: visitId, detail: 'hall' }, 'POST', `${base}/${visitId}/handoffs/${toHall.id}/ack`))
    )
      break;
    if (opts.stopping()) break;
    await phone.pause();
    const departureId = newId();
    if (
      !(await phone.write('visit.handoff', { key: departureId, entity: visitId, detail: 'departure' }, 'POST', `${base}/${visitId}/handoffs`, {
        json: { id: departureId, to: 'departure' },
      }))
    )
      break;
    if (opts.stopping()) break;
    await phone.pause();
    if (
      !(await phone.write(
        'visit.ack',
        { key: departureId, entity: visitId, detail: 'departure' },
        'POST',
        `${base}/${visitId}/handoffs/${departureId}/ack`,
      ))
    )
      break;
    await phone.pause();
  }
}

interface ShiftDetailBody {
  shift: { id: string };
  standard: { items: { id: string; phase: string }[] };
}

/** Clock in, every pre- and post-shift item with a photo, clock out; again. */
async function runChecklist(phone: Phone, site: FaultSite, account: FaultClientAccount, opts: ClientRunOptions): Promise<void> {
  const base = `/sites/${site.siteId}`;
  while (!opts.stopping()) {
    const shiftId = newId();
    const detail = (await phone.write('shift.clock_in', { key: shiftId }, 'POST', `${base}/shifts`, {
      json: { id: shiftId, postId: account.postId },
    })) as ShiftDetailBody | null;
    if (!detail) break;
    const items = detail.standard.items.filter((i) => i.phase !== 'IN');
    for (const item of items) {
      if (opts.stopping()) return;
      await phone.pause();
      const photoId = newId();
      if (!(await phone.write('photo.upload', { key: photoId }, 'PUT', `${base}/photos/${photoId}`, { bytes: randomPhoto(), type: 'image/jpeg' })))
        return;
      const resultId = newId();
      const stored = await phone.write(
        'shift.result',
        { key: resultId, entity: shiftId, detail: item.id },
        'POST',
        `${base}/shifts/${shiftId}/results`,
        {
          json: { id: resultId, itemId: item.id, result: 'ok', note: '已完成 done', photoId },
        },
      );
      if (!stored) return;
    }
    if (opts.stopping()) return;
    await phone.pause();
    if (!(await phone.write('shift.clock_out', { key: shiftId }, 'POST', `${base}/shifts/${shiftId}/clock-out`, { json: {} }))) return;
  }
}

/** The guard's and the cleaner's scans of the scheduled checkpoints. */
async function runScans(phone: Phone, site: FaultSite, opts: ClientRunOptions): Promise<void> {
  while (!opts.stopping()) {
    const scanId = newId();
    if (!(await phone.write('checkpoint.scan', { key: scanId }, 'POST', '/scans', { json: { id: scanId, code: pick(site.scanCodes) } }))) break;
    await phone.pause();
  }
}

/** Report → accept → on the spot (the asset's code) → start → done. */
async function runRepairs(phone: Phone, site: FaultSite, opts: ClientRunOptions): Promise<void> {
  const base = `/sites/${site.siteId}/work-orders`;
  while (!opts.stopping()) {
    const asset = pick(site.assets);
    const workOrderId = newId();
    const steps: [WriteKind, string, unknown][] = [
      ['repair.report', base, { id: workOrderId, assetId: asset.id, description: '设备异响 strange noise' }],
      ['repair.accept', `${base}/${workOrderId}/accept`, undefined],
      ['repair.arrive', `${base}/${workOrderId}/arrive`, { code: asset.code }],
      ['repair.start', `${base}/${workOrderId}/start`, undefined],
      ['repair.done', `${base}/${workOrderId}/done`, { note: '已修复 fixed' }],
    ];
    for (const [kind, path, json] of steps) {
      if (kind !== 'repair.report' && opts.stopping()) return;
      if (!(await phone.write(kind, { key: workOrderId }, 'POST', path, json === undefined ? undefined : { json }))) return;
      await phone.pause();
    }
  }
}

/** Runs one client until the run stops; every write it made is in `opts.log`. */
export async function runClient(account: FaultClientAccount, cookie: string, site: FaultSite, opts: ClientRunOptions): Promise<void> {
  const phone = new Phone(account, cookie, opts);
  // Phones do not all start at the same instant.
  await sleep(random(0, opts.thinkMs[1]));
  switch (account.kind) {
    case 'visits':
      return runVisits(phone, site, opts);
    case 'checklist':
      return runChecklist(phone, site, account, opts);
    case 'scans':
      return runScans(phone, site, opts);
    case 'repairs':
      return runRepairs(phone, site, opts);
  }
}
