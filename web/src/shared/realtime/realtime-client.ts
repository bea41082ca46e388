/**
 * One WebSocket per tab to /api/realtime (same origin; the session cookie authenticates it).
 * Reconnects with capped exponential backoff and jitter, and re-subscribes to the current site
 * after every reconnect. It keeps the last seq it saw per room and sends it back: the server
 * first replays what was missed, through the same event listeners. When that is too much (or
 * pruned), or the tab does not know where it stood, resync listeners are told to refetch.
 * The server's close code says whether to come back (SOCKET_CLOSE): an ended session never
 * reconnects (the app shows its login), a socket replaced by a newer tab waits until this tab
 * is used again, a broken limit backs off.
 */
import { SOCKET_CLOSE, type ClientMessage, type RealtimeEvent, type ServerMessage } from '@anchang/contracts';
import { RoomSeqs } from './room-seqs';

/** `paused`: a newer tab of this browser took this tab's place; it comes back when the tab is used again. */
export type RealtimeStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'paused';

type EventListener = (event: RealtimeEvent) => void;
type ResyncListener = () => void;

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
// Below typical proxy idle timeouts (60 s), so a quiet socket is not cut by the way.
const PING_INTERVAL_MS = 25_000;
/** After breaking the server's limits, start the backoff here (4–8 s) rather than from scratch. */
const POLICY_BACKOFF_ATTEMPT = 4;

export class RealtimeClient {
  private socket: WebSocket | null = null;
  private status: RealtimeStatus = 'idle';
  private siteId: string | null = null;
  /** The site the server confirmed we follow: events of that site now reach us. */
  private subscribedSiteId: string | null = null;
  private attempt = 0;
  private wanted = false;
  private hasBeenOnline = false;
  /** `user:<personId>`, known from the server's hello. */
  private userRoom: string | null = null;
  private readonly seqs = new RoomSeqs();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly eventListeners = new Set<EventListener>();
  private readonly resyncListeners = new Set<ResyncListener>();
  private readonly statusListeners = new Set<() => void>();
  private readonly sessionEndedListeners = new Set<() => void>();

  constructor(private readonly url: () => string = defaultUrl) {}

  getStatus = (): RealtimeStatus => this.status;
  getSubscribedSiteId = (): string | null => this.subscribedSiteId;

  /** Starts (or keeps) the connection. Call once the user is signed in. */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    window.addEventListener('online', this.reconnectNow);
    document.addEventListener('visibilitychange', this.onVisible);
    this.open();
  }

  /** Closes the connection for good (sign-out). */
  stop(): void {
    this.wanted = false;
    this.hasBeenOnline = false;
    window.removeEventListener('online', this.reconnectNow);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
    // The next sign-in may be someone else: nothing carries over.
    this.seqs.clear();
    this.userRoom = null;
    this.setSubscribed(null);
    this.setStatus('idle');
  }

  /** Follows one site's room; the user's own room is joined by the server on connect. */
  setSite(siteId: string | null): void {
    if (siteId === this.siteId) return;
    if (this.siteId) {
      this.send({ type: 'unsubscribe', siteId: this.siteId });
      this.seqs.forget(siteRoom(this.siteId));
    }
    this.siteId = siteId;
    this.setSubscribed(null);
    if (siteId) this.send({ type: 'subscribe', siteId });
  }

  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called when events were missed and cannot be replayed: refetch everything. */
  onResync(listener: ResyncListener): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Called when the server ends the socket because the session ended (logout, expiry, disabled account). */
  onSessionEnded(listener: () => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private open(): void {
    this.clearTimers();
    this.setStatus(this.hasBeenOnline ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      const siteSince = this.siteId ? this.seqs.get(siteRoom(this.siteId)) : undefined;
      if (this.siteId) this.send({ type: 'subscribe', siteId: this.siteId, since: siteSince });
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
      const wasAway = this.hasBeenOnline;
      this.hasBeenOnline = true;
      this.setStatus('online');
      // Away without knowing where it stood (cut before the server said): nothing to replay from.
      const knowsWhere = this.userRoom !== null && this.seqs.get(this.userRoom) !== undefined && (!this.siteId || siteSince !== undefined);
      if (wasAway && !knowsWhere) this.resync();
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket || typeof message.data !== 'string') return;
      let parsed: ServerMessage;
      try {
        parsed = JSON.parse(message.data) as ServerMessage;
      } catch {
        return;
      }
      this.receive(parsed);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.setSubscribed(null);
      if (this.wanted) this.afterClose(event.code);
    };
    // onerror is always followed by onclose, which does the work.
  }

  private receiveEvent(event: RealtimeEvent): void {
    if (this.seqs.see(event)) for (const listener of this.eventListeners) listener(event);
  }

  private receive(msg: ServerMessage): void {
    switch (msg.type) {
      case 'event':
        this.receiveEvent(msg.event);
        break;
      case 'events':
        for (const event of msg.events) this.receiveEvent(event);
        break;
      case 'hello': {
        const userRoom = `user:${msg.personId}`;
        if (this.userRoom && userRoom !== this.userRoom) this.seqs.forget(this.userRoom);
        this.userRoom = userRoom;
        const since = this.seqs.get(userRoom);
        if (since === undefined) {
          this.seqs.standAt(userRoom, msg.seq);
        } else if (since < msg.seq) {
          // Back after a drop: first what the person's room got meanwhile.
          this.send({ type: 'resume', since });
        } else if (since > msg.seq) {
          // The server's log never reached our seq (its database was replaced): start over.
          this.seqs.standAt(userRoom, msg.seq);
          this.resync();
        }
        break;
      }
      case 'resumed':
        if (this.userRoom) this.seqs.standAt(this.userRoom, msg.seq);
        break;
      case 'subscribed':
        if (msg.siteId !== this.siteId) break;
        this.seqs.standAt(siteRoom(msg.siteId), msg.seq);
        this.setSubscribed(msg.siteId);
        break;
      case 'resync':
        this.resync();
        break;
      case 'error':
        // Refused, or the role on the site has just ended: its events no longer come.
        if (msg.code === 'SITE_NOT_FOUND' && msg.siteId === this.subscribedSiteId) this.setSubscribed(null);
        break;
      case 'pong':
        break;
    }
  }

  private resync(): void {
    for (const listener of this.resyncListeners) listener();
  }

  /** What the server's close code asks of this tab. */
  private afterClose(code: number): void {
    switch (code) {
      case SOCKET_CLOSE.SESSION_ENDED:
        // Logged out, expired, disabled, or signed out by a password change: no reconnect can
        // help. The app learns it is signed out (and shows its login) through the listeners.
        this.stop();
        for (const listener of this.sessionEndedListeners) listener();
        return;
      case SOCKET_CLOSE.REPLACED:
        // Reconnecting at once would push out another tab of this browser, and it us, for ever.
        this.clearTimers();
        this.setStatus('paused');
        return;
      case SOCKET_CLOSE.ACCESS_CHANGED:
        this.attempt = 0;
        this.scheduleReconnect();
        return;
      case SOCKET_CLOSE.RATE_LIMITED:
      case SOCKET_CLOSE.POLICY:
      case SOCKET_CLOSE.TOO_BIG:
        this.attempt = Math.max(this.attempt, POLICY_BACKOFF_ATTEMPT);
        this.scheduleReconnect();
        return;
      default:
        this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    this.clearTimers();
    this.setStatus(this.hasBeenOnline ? 'reconnecting' : 'connecting');
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt += 1;
    // Full jitter: after a server restart, phones do not all come back in the same instant.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private reconnectNow = (): void => {
    if (!this.wanted || this.socket) return;
    this.attempt = 0;
    this.open();
  };

  private onVisible = (): void => {
    // Phones freeze background tabs; coming back should not wait out a long backoff. A tab
    // paused for a newer one resumes here too: it is the one in use now.
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.reconnectTimer = null;
    this.pingTimer = null;
  }

  private setSubscribed(siteId: string | null): void {
    if (siteId === this.subscribedSiteId) return;
    this.subscribedSiteId = siteId;
    for (const listener of this.statusListeners) listener();
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

const siteRoom = (siteId: string) => `site:${siteId}`;

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/realtime`;
}

/** The tab's single connection, shared by every component. */
export const realtime = new RealtimeClient();
