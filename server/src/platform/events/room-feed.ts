/**
 * Hands this instance's listeners every event once, in seq order per room, whatever way it came:
 * the fast path of a local commit, another instance's events carried in its notice, a notice that
 * another instance committed up to some seq, or a catch-up that compares every room's head with
 * what was delivered here.
 *
 * The state is one high-water mark per room ("delivered up to seq n"), in memory. At boot the
 * marks start at the rooms' heads: what is already in the log is history to this instance (its
 * phones, reconnecting, ask for what they missed themselves). A room absent at boot is new, so
 * its mark starts at 0.
 *
 * An event ahead of its room's mark waits while the missing ones are read from the log: seqs
 * follow commit order (event-store.ts), so once an instance knows of seq `s`, every seq below it
 * can be read. A concurrent local commit usually fills the gap first, so a local gap waits a
 * little before reading; a notice from another instance reads at once.
 */
import type { RealtimeEvent } from '@anchang/contracts';
import type { Logger } from '../logger.js';
import type { SeqRange } from './event-store.js';

export interface FeedSource {
  /** Every room's last seq. */
  readHeads(): Promise<Map<string, number>>;
  /** Events in the ranges, ordered by room then seq, at most `limit`. */
  readRanges(ranges: readonly SeqRange[], limit: number): Promise<RealtimeEvent[]>;
}

export interface FeedOutput {
  deliver(event: RealtimeEvent): void;
  /** Events of `room` can no longer be read (pruned before this instance delivered them). */
  skipped(room: string): void;
}

export interface FeedTiming {
  /** How long a gap left by local commits waits for them before reading the log. */
  gapWaitMs: number;
  /** After a failed read, how long before trying again. */
  retryMs: number;
  /** Rows per read. */
  readLimit: number;
}

const DEFAULT_TIMING: FeedTiming = { gapWaitMs: 50, retryMs: 1000, readLimit: 1000 };
/** Rooms per read: one OR term each, well under SQLite's expression depth limit (1000). */
const ROOMS_PER_READ = 100;

export class RoomFeed {
  private readonly delivered = new Map<string, number>();
  /** Events that arrived ahead of a gap, per room, by seq. */
  private readonly early = new Map<string, Map<number, RealtimeEvent>>();
  /** Rooms to read from the log, up to a seq. */
  private readonly wanted = new Map<string, number>();
  private readTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  /** Reads wait for the boot heads, or they would start from 0. */
  private started = false;
  private closed = false;

  constructor(
    private readonly source: FeedSource,
    private readonly out: FeedOutput,
    private readonly log: Logger,
    private readonly timing: FeedTiming = DEFAULT_TIMING,
  ) {}

  /** At boot, before anything is offered: the log so far is history. */
  async start(): Promise<void> {
    for (const [room, seq] of await this.source.readHeads()) this.delivered.set(room, seq);
    this.started = true;
    if (this.wanted.size > 0) this.scheduleRead(0);
  }

  /** Events this instance just committed, or another instance's carried in its notice. */
  offer(events: readonly RealtimeEvent[]): void {
    for (const e of events) {
      if (this.accept(e)) this.want(e.room, e.seq - 1, this.timing.gapWaitMs);
    }
  }

  /** Another instance committed `room`'s events up to `upTo`. */
  announce(room: string, upTo: number): void {
    this.want(room, upTo, 0);
  }

  /** Compares every room's head with what was delivered here, and reads the difference. */
  async catchUp(): Promise<void> {
    for (const [room, head] of await this.source.readHeads()) this.want(room, head, 0);
  }

  /** Waits for a read in progress; drops what is still waiting. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.readTimer) clearTimeout(this.readTimer);
    await this.reading;
  }

  private deliveredUpTo(room: string): number {
    return this.delivered.get(room) ?? 0;
  }

  /** Delivers `e` and what waited behind it, or keeps it for later; true when a gap is left. */
  private accept(e: RealtimeEvent): boolean {
    const last = this.deliveredUpTo(e.room);
    if (e.seq <= last) return false;
    if (e.seq > last + 1) {
      let waiting = this.early.get(e.room);
      if (!waiting) this.early.set(e.room, (waiting = new Map<number, RealtimeEvent>()));
      waiting.set(e.seq, e);
      return true;
    }
    this.emit(e);
    this.drain(e.room);
    return false;
  }

  private emit(e: RealtimeEvent): void {
    this.delivered.set(e.room, e.seq);
    this.out.deliver(e);
  }

  private drain(room: string): void {
    const waiting = this.early.get(room);
    if (!waiting) return;
    for (let next = waiting.get(this.deliveredUpTo(room) + 1); next; next = waiting.get(this.deliveredUpTo(room) + 1)) {
      waiting.delete(next.seq);
      this.emit(next);
    }
    if (waiting.size === 0) this.early.delete(room);
  }

  private want(room: string, upTo: number, delayMs: number): void {
    if (this.closed || upTo <= this.deliveredUpTo(room)) return;
    this.wanted.set(room, Math.max(this.wanted.get(room) ?? 0, upTo));
    this.scheduleRead(delayMs);
  }

  private scheduleRead(delayMs: number): void {
    if (this.closed || !this.started || this.reading) return; // a read in progress looks at `wanted` again when done
    if (delayMs > 0) {
      this.readTimer ??= setTimeout(() => {
        this.readTimer = null;
        this.scheduleRead(0);
      }, delayMs);
      return;
    }
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
    this.reading = this.readWanted().finally(() => {
      this.reading = null;
      if (this.wanted.size > 0) this.scheduleRead(0);
    });
  }

  private async readWanted(): Promise<void> {
    const ranges: SeqRange[] = [];
    for (const [room, upTo] of this.wanted) {
      if (ranges.length === ROOMS_PER_READ) break; // the rest on the next read
      this.wanted.delete(room);
      const after = this.deliveredUpTo(room);
      if (upTo > after) ranges.push({ room, after, upTo });
    }
    if (ranges.length === 0) return;
    let rows: RealtimeEvent[];
    try {
      rows = await this.source.readRanges(ranges, this.timing.readLimit);
    } catch (err) {
      this.log.error({ err, rooms: ranges.length }, 'reading the event log failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, this.timing.retryMs).unref());
      for (const r of ranges) this.want(r.room, r.upTo, 0);
      return;
    }
    const firstRead = new Map<string, number>();
    for (const row of rows) {
      if (!firstRead.has(row.room)) firstRead.set(row.room, row.seq);
      this.accept(row);
    }
    const readAll = rows.length < this.timing.readLimit;
    for (const r of ranges) {
      const first = firstRead.get(r.room);
      // Rows come in seq order from just after the range's start: any before the first are gone.
      if (first !== undefined && first - 1 > this.deliveredUpTo(r.room)) this.skipMissing(r.room, first - 1);
      else if (readAll && this.deliveredUpTo(r.room) < r.upTo) this.skipMissing(r.room, r.upTo);
      if (this.deliveredUpTo(r.room) < r.upTo) this.want(r.room, r.upTo, 0);
    }
  }

  /**
   * Every row of `room` up to `upTo` that exists was read, and some are not there: pruned before
   * this instance delivered them. Deliver what is left and tell the room's clients to refetch.
   */
  private skipMissing(room: string, upTo: number): void {
    this.log.warn({ room, from: this.deliveredUpTo(room) + 1, upTo }, 'events missing from the log; the room resyncs');
    for (;;) {
      const waiting = this.early.get(room);
      const next = waiting ? Math.min(...waiting.keys()) : Infinity;
      if (next > upTo) break;
      this.delivered.set(room, Math.max(this.deliveredUpTo(room), next - 1));
      this.drain(room);
    }
    if (this.deliveredUpTo(room) < upTo) {
      this.delivered.set(room, upTo);
      this.drain(room);
    }
    this.out.skipped(room);
    const left = this.early.get(room);
    if (left) this.want(room, Math.min(...left.keys()) - 1, 0);
  }
}
