package io.chat.adapter.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.component.Container;

/**
 * Deadlines for clients that send slowly on purpose (one byte now and then keeps an idle timeout
 * from ever firing): a new connection must deliver its first request's headers within {@code
 * headersWithin}, and a request body must arrive whole within {@code bodyWithin}; past either the
 * connection is closed. Honest clients send both in one or a few packets. Added to the Jetty server
 * as an inherited listener, so that every connector hears of every connection.
 */
final class SlowClients implements Connection.Listener, Container.InheritedListener {
  private final Duration headersWithin;
  private final Duration bodyWithin;

  /**
   * One daemon thread for every API instance in the process, never shut down: an API may be
   * installed on several servers in turn, and a timer is cheap (cancelled ones leave the queue).
   */
  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private final ScheduledExecutorService timers = TIMERS;
  private final Map<Connection, ScheduledFuture<?>> waitingForHeaders = new ConcurrentHashMap<>();

  SlowClients(Duration headersWithin, Duration bodyWithin) {
    this.headersWithin = headersWithin;
    this.bodyWithin = bodyWithin;
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection.getMessagesIn() != 0) {
      return; // not an HTTP connection that counts its requests, or one that already had some
    }
    waitingForHeaders.put(
        connection,
        timers.schedule(
            () -> {
              waitingForHeaders.remove(connection);
              if (connection.getMessagesIn() == 0) {
                connection.getEndPoint().close();
              }
            },
            headersWithin.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  @Override
  public void onClosed(Connection connection) {
    ScheduledFuture<?> deadline = waitingForHeaders.remove(connection);
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** A reader of a body, which may block and fail as an I/O error. */
  interface BodyRead<T> {
    T read() throws java.io.IOException;
  }

  /**
   * Runs {@code read} with the body's deadline: past it the connection ({@code endPoint}) is
   * closed, which fails the read and frees the thread blocked in it.
   */
  <T> T withinBodyDeadline(EndPoint endPoint, BodyRead<T> read) throws java.io.IOException {
    ScheduledFuture<?> deadline =
        timers.schedule(() -> endPoint.close(), bodyWithin.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return read.read();
    } finally {
      deadline.cancel(false);
    }
  }

  @Override
  public void beanAdded(Container parent, Object child) {}

  @Override
  public void beanRemoved(Container parent, Object child) {}

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "http-slow-clients");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
