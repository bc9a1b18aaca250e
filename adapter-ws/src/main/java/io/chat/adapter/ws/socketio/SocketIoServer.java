package io.chat.adapter.ws.socketio;

import io.chat.adapter.ws.engineio.EngineIoHandler;
import io.chat.adapter.ws.engineio.EngineSession;
import io.chat.adapter.ws.transport.BoundedJson;
import io.chat.adapter.ws.transport.ClientGate;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.adapter.ws.transport.CompactMode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Socket.IO v5 over Engine.IO: each Engine.IO session that opens gets its Socket.IO client. A
 * session is anonymous until its client joins {@code /app} with a token, so it gets a deadline to
 * do so (an honest client sends its {@code CONNECT} right after the handshake, one round trip) and
 * only so many sessions may be waiting at once; past either the session is closed ({@link
 * CloseReason#NO_CONNECT}).
 */
public final class SocketIoServer implements EngineIoHandler {
  /** Anonymous sessions (opened, {@code /app} not joined yet) the server keeps at once. */
  public static final int MAX_WAITING = 1_000;

  private final ClientGate gate;
  private final BoundedJson json;
  private final int maxMessageBytes;
  private final ScheduledExecutorService timers;
  private final Duration connectDeadline;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * Clients are admitted by {@code gate}; an event may be {@code maxMessageBytes} at most; a
   * session closes unless it joins {@code /app} within {@code connectDeadline}, and at most {@code
   * maxWaiting} sessions wait at once.
   */
  public SocketIoServer(
      ClientGate gate,
      BoundedJson json,
      int maxMessageBytes,
      ScheduledExecutorService timers,
      Duration connectDeadline,
      int maxWaiting) {
    this.gate = gate;
    this.json = json;
    this.maxMessageBytes = maxMessageBytes;
    this.timers = timers;
    this.connectDeadline = connectDeadline;
    this.maxWaiting = maxWaiting;
  }

  /**
   * The handshake's query parameter {@code auth} and header are among the places of a token; its
   * query parameter or header {@code compact} asks for compact mode.
   */
  @Override
  public EngineSession.Listener open(EngineSession session, HttpServletRequest handshake) {
    waiting.incrementAndGet();
    AtomicBoolean counted = new AtomicBoolean(true);
    AtomicReference<ScheduledFuture<?>> deadline = new AtomicReference<>();
    Runnable stopWaiting =
        () -> {
          if (counted.compareAndSet(true, false)) {
            waiting.decrementAndGet();
            // Off the timers' queue at once: a stopping server does not wait for it.
            ScheduledFuture<?> timer = deadline.getAndSet(null);
            if (timer != null) {
              timer.cancel(false);
            }
          }
        };
    SocketIoClient client =
        new SocketIoClient(
            session,
            gate,
            json,
            maxMessageBytes,
            handshake.getParameter("auth"),
            handshake.getHeader("Authorization"),
            CompactMode.requested(handshake),
            stopWaiting);
    if (waiting.get() > maxWaiting) {
      stopWaiting.run();
      session.close(CloseReason.NO_CONNECT);
      return client;
    }
    try {
      deadline.set(
          timers.schedule(
              () -> {
                if (client.isAnonymous()) {
                  session.close(CloseReason.NO_CONNECT);
                }
              },
              connectDeadline.toMillis(),
              TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException stopped) {
      // The server is stopping: the session ends with it.
    }
    return client;
  }

  /** Sessions open now whose client has not joined {@code /app} (yet). */
  int waiting() {
    return waiting.get();
  }
}
