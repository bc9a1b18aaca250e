// Plain JSON WebSocket (/ws): {event, data, ack?} frames, acks with timeouts, reconnect with jittered backoff.

const MAX_BACKOFF_MS = 15000;
const FIRST_BACKOFF_MS = 500;

/**
 * url() is called on each attempt so that a refreshed token is used; beforeReconnect() runs before each retry.
 * onStatus(state, retryInMs) gets 'connecting' | 'online' | 'offline'; onOpen(isReconnect) after each open.
 */
export function createSocket({ url, onEvent, onStatus, onOpen, beforeReconnect }) {
  let ws = null;
  let attempt = 0;
  let retryTimer = null;
  let stopped = false;
  let openedBefore = false;
  let nextAck = 1;
  const pendingAcks = new Map();

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (stopped || ws) return;
    onStatus('connecting');
    let socket;
    try {
      socket = new WebSocket(url());
    } catch {
      scheduleReconnect();
      return;
    }
    ws = socket;
    socket.onopen = () => {
      if (ws !== socket) return;
      const isReconnect = openedBefore;
      openedBefore = true;
      attempt = 0;
      onStatus('online');
      onOpen(isReconnect);
    };
    socket.onmessage = (event) => {
      if (ws !== socket) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      handleFrame(frame);
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      failPendingAcks();
      if (!stopped) scheduleReconnect();
    };
    // A close event always follows an error; reconnecting happens there.
    socket.onerror = () => {};
  }

  function scheduleReconnect() {
    const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
    attempt += 1;
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    onStatus('offline', delay);
    retryTimer = setTimeout(retry, delay);
  }

  async function retry() {
    retryTimer = null;
    if (stopped || ws) return;
    try {
      if (beforeReconnect) await beforeReconnect();
    } catch {
      // A failed token refresh still lets the attempt run: the server may be back with the old token valid.
    }
    connect();
  }

  function handleFrame(frame) {
    if (!frame || typeof frame !== 'object') return;
    if (typeof frame.ack === 'number' && typeof frame.event !== 'string') {
      const pending = pendingAcks.get(frame.ack);
      if (!pending) return;
      pendingAcks.delete(frame.ack);
      clearTimeout(pending.timer);
      pending.resolve(frame.data || {});
      return;
    }
    if (typeof frame.event === 'string') onEvent(frame.event, frame.data || {});
  }

  function failPendingAcks() {
    for (const pending of pendingAcks.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error('Connection closed.'));
    }
    pendingAcks.clear();
  }

  function isOpen() {
    return ws !== null && ws.readyState === WebSocket.OPEN;
  }

  /** Sends without an ack; false when not connected. */
  function emit(event, data) {
    if (!isOpen()) return false;
    ws.send(JSON.stringify({ event, data }));
    return true;
  }

  /** Sends with an ack; resolves with the ack's data ({ok, ...}), rejects when not connected, closed or timed out. */
  function request(event, data, timeoutMs) {
    return new Promise((resolve, reject) => {
      if (!isOpen()) {
        reject(new Error('Not connected.'));
        return;
      }
      const id = nextAck++;
      const timer = setTimeout(() => {
        pendingAcks.delete(id);
        reject(new Error('No answer from the server.'));
      }, timeoutMs);
      pendingAcks.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ event, data, ack: id }));
    });
  }

  /** Skips the rest of the backoff wait (the browser says the network is back). */
  function reconnectNow() {
    if (stopped || ws || !retryTimer) return;
    clearTimeout(retryTimer);
    retry();
  }

  function close() {
    stopped = true;
    clearTimeout(retryTimer);
    if (ws) {
      const socket = ws;
      ws = null;
      socket.close(1000, 'bye');
    }
    failPendingAcks();
  }

  return { connect, emit, request, isOpen, reconnectNow, close };
}
