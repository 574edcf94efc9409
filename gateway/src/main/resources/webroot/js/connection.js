// The dashboard's one WebSocket (protocol v1, gateway/PROTOCOL.md). It reconnects by itself: after a close
// with capped exponential backoff, and after a silent (half-open) socket, which browsers may never report.

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10000;
const PING_AFTER_MS = 15000;   // idle this long: ask the gateway for a pong
const DEAD_AFTER_MS = 35000;   // silent this long: the socket is gone even if no close event came

/**
 * A self-healing WebSocket. Handlers: onOpen(n) with n = how many sockets have opened so far (1 for the
 * first), onMessage(object) for every parsed message, onDown(waitMs, closeCode) when the socket is lost and
 * the next attempt is scheduled. {@link stop} ends it for good (a refused token).
 */
export class Connection {
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.socket = null;
    this.opened = 0;
    this.backoff = FIRST_BACKOFF_MS;
    this.lastHeard = 0;
    this.retry = null;
    this.stopped = false;
    this.watchdog = setInterval(() => this.checkAlive(), 5000);
  }

  connect() {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(this.token)}`);
    this.socket = ws;
    ws.onopen = () => {
      this.lastHeard = Date.now();
      this.opened++;
      this.handlers.onOpen(this.opened);
    };
    ws.onmessage = (e) => {
      this.lastHeard = Date.now();
      // Reset the backoff only once the gateway talks: a socket accepted then closed at once (e.g. too many
      // connections for this token) must not turn into a reconnect storm.
      this.backoff = FIRST_BACKOFF_MS;
      let message;
      try {
        message = JSON.parse(e.data);
      } catch (err) {
        return; // the gateway only sends JSON; nothing sensible to do with anything else
      }
      this.handlers.onMessage(message);
    };
    ws.onclose = (e) => this.lost(ws, e.code);
  }

  get isOpen() {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a protocol message (adds "v": 1); false when the socket is not open. */
  send(message) {
    if (!this.isOpen) return false;
    this.socket.send(JSON.stringify(Object.assign({ v: 1 }, message)));
    return true;
  }

  /** No reconnecting after this (the gateway refused the token). */
  stop() {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.watchdog);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
  }

  lost(ws, code) {
    if (ws !== this.socket || this.stopped) return; // an old socket we already gave up on
    ws.onclose = ws.onmessage = ws.onopen = null;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.handlers.onDown(wait, code);
    this.retry = setTimeout(() => this.connect(), wait);
  }

  checkAlive() {
    if (!this.isOpen) return;
    const silent = Date.now() - this.lastHeard;
    if (silent > DEAD_AFTER_MS) {
      const ws = this.socket;
      ws.close();
      this.lost(ws, 0);
    } else if (silent > PING_AFTER_MS) {
      this.send({ type: 'ping', id: 'ping' });
    }
  }
}
