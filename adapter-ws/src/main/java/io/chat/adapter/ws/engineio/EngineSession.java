package io.chat.adapter.ws.engineio;

import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.TransportSettings;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO 4 session: long-polling or WebSocket, and the upgrade from the first to the second.
 * Outbound packets wait in one bounded queue, in order, whichever transport carries them; a client
 * that lets it overflow is dropped. The server pings, the client must answer in time. What the
 * messages mean is the business of the layer above, its {@link Listener}.
 */
public final class EngineSession {

  /** The layer above, told what arrives on one session. */
  public interface Listener {
    /** A message packet's text. */
    void onMessage(String text);

    /** A binary message (a WebSocket binary frame, or a base64 message over polling). */
    void onBinary();

    /** A packet that could not be read at all. */
    void onMalformed();

    /** The session ended, whoever ended it; called once. */
    void onClose();
  }

  private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String CLOSE = EnginePacket.of(EnginePacket.Type.CLOSE).encode();
  private static final String PING = EnginePacket.of(EnginePacket.Type.PING).encode();
  private static final String NOOP = EnginePacket.of(EnginePacket.Type.NOOP).encode();

  private final String sid;
  private final TransportSettings settings;
  private final ScheduledExecutorService timers;
  private final Consumer<EngineSession> onGone;
  private final Listener listener;
  private final int queueLimit;

  private final ArrayDeque<String> buffer = new ArrayDeque<>();
  private AsyncContext pendingPoll;
  private EngineWebSocket websocket;
  private boolean upgrading;
  private boolean closing;
  private boolean gone;
  private volatile long lastHeard = System.nanoTime();
  private ScheduledFuture<?> heartbeat;

  /**
   * A new session; {@code listen} answers the listener of this session (keeping it, sending nothing
   * yet), and {@code onGone} is told once the session has ended.
   */
  EngineSession(
      TransportSettings settings,
      ScheduledExecutorService timers,
      Consumer<EngineSession> onGone,
      Function<EngineSession, Listener> listen) {
    this.sid = newId();
    this.settings = settings;
    this.timers = timers;
    this.onGone = onGone;
    this.queueLimit = settings.outboundQueueLimit();
    this.listener = listen.apply(this);
  }

  private static String newId() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String sid() {
    return sid;
  }

  /** The {@code open} packet's payload. */
  String handshake(boolean canUpgrade) {
    return EnginePacket.open(
        sid,
        canUpgrade,
        settings.pingInterval().toMillis(),
        settings.pingTimeout().toMillis(),
        settings.transportLimitBytes());
  }

  void startHeartbeat() {
    long every = settings.pingInterval().toMillis();
    ScheduledFuture<?> beat =
        timers.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    synchronized (this) {
      heartbeat = beat;
    }
  }

  /** Starts over a WebSocket directly (no polling first). */
  synchronized void attach(EngineWebSocket socket) {
    websocket = socket;
  }

  // ---- outbound

  /** Queues a message; false when the session is closed or its queue is full. */
  public boolean send(String message) {
    return sendRaw(new EnginePacket(EnginePacket.Type.MESSAGE, message).encode());
  }

  private boolean sendRaw(String packet) {
    AsyncContext poll;
    String payload;
    synchronized (this) {
      if (closing || gone) {
        return false;
      }
      if (websocket != null && !upgrading) {
        // Offered under this lock, so that packets keep their order across threads.
        return websocket.offer(packet);
      }
      if (buffer.size() >= queueLimit) {
        return false;
      }
      buffer.add(packet);
      if (pendingPoll == null) {
        return true;
      }
      poll = pendingPoll;
      pendingPoll = null;
      payload = drainBuffer();
    }
    respond(poll, payload);
    return true;
  }

  private String drainBuffer() {
    String payload = EnginePacket.joinPayload(buffer);
    buffer.clear();
    return payload;
  }

  // ---- polling

  /** A long-polling GET: answered at once when packets wait, else when one comes (or a ping). */
  void poll(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String payload;
    AsyncContext async;
    synchronized (this) {
      if (gone) {
        EngineIoServlet.engineError(response, 400, 1, "Session ID unknown");
        return;
      }
      if (websocket != null && !upgrading) {
        EngineIoServlet.engineError(response, 400, 3, "Bad request");
        return;
      }
      if (pendingPoll != null) {
        // Two polls at once is a broken or hostile client: end the session, as Engine.IO does.
        EngineIoServlet.engineError(response, 400, 3, "Bad request");
        abortLater(CloseReason.CLIENT);
        return;
      }
      async = request.startAsync();
      async.setTimeout(settings.pingInterval().plus(settings.pingTimeout()).toMillis());
      if (closing) {
        buffer.add(CLOSE);
        payload = drainBuffer();
      } else if (!buffer.isEmpty()) {
        payload = drainBuffer();
      } else if (upgrading) {
        payload = NOOP;
      } else {
        pendingPoll = async;
        async.addListener(new PollListener(async));
        return;
      }
    }
    respond(async, payload);
    if (EnginePacket.endsWithClose(payload)) {
      finish();
    }
  }

  /** A polling POST's body: packets separated by the record separator. */
  void receivePolled(String body) {
    lastHeard = System.nanoTime();
    for (String packet : EnginePacket.splitPayload(body)) {
      receive(packet);
    }
  }

  /** One Engine.IO packet from the client, over either transport. */
  void receive(String text) {
    lastHeard = System.nanoTime();
    EnginePacket packet;
    try {
      packet = EnginePacket.decode(text);
    } catch (EnginePacket.Malformed e) {
      listener.onMalformed();
      return;
    }
    switch (packet.type()) {
      case CLOSE -> close(CloseReason.CLIENT);
      case PING -> sendRaw(new EnginePacket(EnginePacket.Type.PONG, packet.data()).encode());
      case PONG, UPGRADE, NOOP -> {}
      case MESSAGE -> listener.onMessage(packet.data());
      case BINARY -> listener.onBinary();
      // Only the server opens.
      case OPEN -> listener.onMalformed();
    }
  }

  void receiveBinary() {
    lastHeard = System.nanoTime();
    listener.onBinary();
  }

  private void respond(AsyncContext async, String payload) {
    try {
      HttpServletResponse response = (HttpServletResponse) async.getResponse();
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType("text/plain;charset=UTF-8");
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Poll of {} not answered", sid, e);
      abortLater(CloseReason.CLIENT);
    } finally {
      try {
        async.complete();
      } catch (RuntimeException e) {
        LOG.debug("Poll of {} already completed", sid, e);
      }
    }
  }

  private final class PollListener implements AsyncListener {
    private final AsyncContext async;

    PollListener(AsyncContext async) {
      this.async = async;
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      if (release()) {
        respond(async, NOOP);
      }
    }

    @Override
    public void onError(AsyncEvent event) {
      release();
    }

    @Override
    public void onComplete(AsyncEvent event) {
      release();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private boolean release() {
      synchronized (EngineSession.this) {
        if (pendingPoll == async) {
          pendingPoll = null;
          return true;
        }
        return false;
      }
    }
  }

  // ---- upgrade

  /** A WebSocket probe answered: the pending poll is released so that the client can pause it. */
  void probed(EngineWebSocket socket) {
    AsyncContext poll;
    synchronized (this) {
      if (gone || closing || websocket != null && !upgrading) {
        return;
      }
      websocket = socket;
      upgrading = true;
      poll = pendingPoll;
      pendingPoll = null;
    }
    if (poll != null) {
      respond(poll, NOOP);
    }
  }

  /** The client switched to the WebSocket: what waited for polling goes out there, in order. */
  void upgraded(EngineWebSocket socket) {
    AsyncContext poll;
    synchronized (this) {
      if (websocket != socket || !upgrading) {
        return;
      }
      upgrading = false;
      poll = pendingPoll;
      pendingPoll = null;
      String packet;
      while ((packet = buffer.poll()) != null) {
        if (!socket.offer(packet)) {
          abortLater(CloseReason.SLOW_CONSUMER);
          break;
        }
      }
    }
    if (poll != null) {
      respond(poll, NOOP);
    }
  }

  /** A probe that never became the transport. */
  void probeFailed(EngineWebSocket socket) {
    synchronized (this) {
      if (websocket == socket && upgrading) {
        websocket = null;
        upgrading = false;
      }
    }
  }

  // ---- closing

  /** Ends the session after what is queued: a close packet follows the last of it. */
  public void close(CloseReason reason) {
    AsyncContext poll = null;
    String payload = null;
    EngineWebSocket socket = null;
    synchronized (this) {
      if (closing || gone) {
        return;
      }
      closing = true;
      if (websocket != null && !upgrading) {
        socket = websocket;
      } else if (pendingPoll != null) {
        poll = pendingPoll;
        pendingPoll = null;
        buffer.add(CLOSE);
        payload = drainBuffer();
      } else {
        // The next poll collects what is left and the close; a client that never comes back is
        // forgotten after the heartbeat's timeout.
        timers.schedule(
            () -> abort(reason), settings.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (socket != null) {
      socket.closeAfterQueued(reason);
      finish();
    } else if (poll != null) {
      respond(poll, payload);
      finish();
    }
  }

  /** Ends the session now, dropping what is queued. */
  public void abort(CloseReason reason) {
    AsyncContext poll;
    EngineWebSocket socket;
    synchronized (this) {
      if (gone) {
        return;
      }
      closing = true;
      poll = pendingPoll;
      pendingPoll = null;
      socket = websocket;
      buffer.clear();
    }
    if (poll != null) {
      respond(poll, CLOSE);
    }
    if (socket != null) {
      socket.disconnect(reason);
    }
    finish();
  }

  /** Aborts from another thread, so that no lock held here is held while the session ends. */
  void abortLater(CloseReason reason) {
    timers.execute(() -> abort(reason));
  }

  private void finish() {
    ScheduledFuture<?> beat;
    synchronized (this) {
      if (gone) {
        return;
      }
      gone = true;
      closing = true;
      beat = heartbeat;
    }
    if (beat != null) {
      beat.cancel(false);
    }
    onGone.accept(this);
    listener.onClose();
  }

  private void heartbeat() {
    synchronized (this) {
      if (closing) {
        // Closing sessions end by their last poll or by the timer set when closing began.
        return;
      }
    }
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
    long allowed = settings.pingInterval().toMillis() + settings.pingTimeout().toMillis();
    if (silentMs > allowed) {
      abort(CloseReason.HEARTBEAT);
    } else if (!sendRaw(PING)) {
      abort(CloseReason.SLOW_CONSUMER);
    }
  }

  /** For a WebSocket whose session closes under it. */
  void transportClosed(EngineWebSocket socket) {
    boolean mine;
    synchronized (this) {
      mine = websocket == socket && !upgrading;
    }
    if (mine) {
      abort(CloseReason.CLIENT);
    } else {
      probeFailed(socket);
    }
  }
}
