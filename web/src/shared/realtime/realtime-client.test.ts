import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_CLOSE } from '@anchang/contracts';
import { RealtimeClient } from './realtime-client';

/** Just enough of the browser's WebSocket: the test opens and closes it as the server would. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  serverOpens() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  serverCloses(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const listeners = new Map<string, () => void>();
const fakeTarget = {
  addEventListener: (type: string, fn: () => void) => listeners.set(type, fn),
  removeEventListener: (type: string) => listeners.delete(type),
};

describe('RealtimeClient and the server’s close codes', () => {
  let client: RealtimeClient;
  const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    listeners.clear();
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('window', fakeTarget);
    vi.stubGlobal('document', { ...fakeTarget, visibilityState: 'visible' });
    client = new RealtimeClient(() => 'ws://test/api/realtime');
    client.start();
    latest().serverOpens();
  });
  afterEach(() => {
    client.stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('reconnects after a dropped connection', () => {
    latest().serverCloses(1006);
    expect(client.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('never reconnects once the session ended, and tells the app (which shows its login)', () => {
    const ended = vi.fn();
    client.onSessionEnded(ended);
    latest().serverCloses(SOCKET_CLOSE.SESSION_ENDED);
    expect(ended).toHaveBeenCalledOnce();
    expect(client.getStatus()).toBe('idle');
    vi.advanceTimersByTime(60_000);
    listeners.get('visibilitychange')?.();
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('waits, paused, when a newer tab took its place, and comes back when the tab is used again', () => {
    latest().serverCloses(SOCKET_CLOSE.REPLACED);
    expect(client.getStatus()).toBe('paused');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    listeners.get('visibilitychange')!();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('backs off for seconds after breaking a limit, rather than hammering the server', () => {
    latest().serverCloses(SOCKET_CLOSE.RATE_LIMITED);
    vi.advanceTimersByTime(3900);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(4200);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('reconnects at once when its access changed (a password change on this session)', () => {
    latest().serverCloses(SOCKET_CLOSE.ACCESS_CHANGED);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('hands on the events of one frame one by one, in order, each once', () => {
    const seen: string[] = [];
    client.onEvent((e) => seen.push(`${e.type}#${e.seq}`));
    const event = (seq: number, type: string) => ({ room: 'site:site-1', seq, type, at: 0, payload: {} });
    latest().onmessage?.({ data: JSON.stringify({ type: 'event', event: event(1, 'visit.handoff') }) });
    // The second frame repeats seq 1 (a replay overlapping live events): it is not handled twice.
    latest().onmessage?.({
      data: JSON.stringify({ type: 'events', events: [event(1, 'visit.handoff'), event(2, 'visit.acked'), event(3, 'visit.closed')] }),
    });
    expect(seen).toEqual(['visit.handoff#1', 'visit.acked#2', 'visit.closed#3']);
  });

  it('forgets its subscription when the site’s role ends', () => {
    client.setSite('site-1');
    latest().onmessage?.({ data: JSON.stringify({ type: 'subscribed', siteId: 'site-1' }) });
    expect(client.getSubscribedSiteId()).toBe('site-1');
    latest().onmessage?.({ data: JSON.stringify({ type: 'error', code: 'SITE_NOT_FOUND', siteId: 'site-1' }) });
    expect(client.getSubscribedSiteId()).toBeNull();
  });
});
