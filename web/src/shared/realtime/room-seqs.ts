/**
 * The last seq this tab saw in each room it follows (its site's and the person's own). After a
 * reconnect they go back to the server, which first sends what was missed since.
 */
export class RoomSeqs {
  private readonly seqs = new Map<string, number>();

  /** Records an event's seq; false when it was already seen (never handle an event twice). */
  see(event: { room: string; seq: number }): boolean {
    const last = this.seqs.get(event.room);
    if (last !== undefined && event.seq <= last) return false;
    this.seqs.set(event.room, event.seq);
    return true;
  }

  get(room: string): number | undefined {
    return this.seqs.get(room);
  }

  /** Where the server says the socket now stands in `room` (after its replay, or a resync). */
  standAt(room: string, seq: number): void {
    this.seqs.set(room, seq);
  }

  /** A room no longer followed: coming back to it starts afresh. */
  forget(room: string): void {
    this.seqs.delete(room);
  }

  clear(): void {
    this.seqs.clear();
  }
}
