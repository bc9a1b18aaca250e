package io.chat.adapter.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.Container;

/**
 * Deadlines for clients that send slowly on purpose (one byte now and then keeps an idle timeout
 * from ever firing): a request's line and headers must arrive within one to two {@code
 * headersWithin} windows, on a new connection and on a kept-alive one alike, and a request body
 * whole within {@code bodyWithin}; past either the connection is closed. Honest clients send both
 * in one or a few packets. Added to the Jetty server as an inherited listener, so that every
 * connector hears of every connection.
 */
final class SlowClients implements Connection.Listener, Container.InheritedListener {
  private final Duration headersWithin;
  private final Duration bodyWithin;

  /**
   * One daemon thread for every API instance in the process, never shut down: an API may be
   * installed on several servers in turn, and a timer is cheap (cancelled ones leave the queue).
   */
  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  SlowClients(Duration headersWithin, Duration bodyWithin) {
    this.headersWithin = headersWithin;
    this.bodyWithin = bodyWithin;
  }

  @Override
  public void onOpened(Connection connection) {
    if (!(connection instanceof HttpConnection http)) {
      // Only HTTP/1 requests are watched: a WebSocket that an upgrade put on the same connector
      // opens as a connection of its own, and may rightly stay silent for as long as it likes.
      return;
    }
    Watch watch = new Watch(http);
    long every = headersWithin.toMillis();
    watch.task = TIMERS.scheduleAtFixedRate(watch::check, every, every, TimeUnit.MILLISECONDS);
    http.addEventListener(watch);
  }

  /**
   * One connection, looked at once a window: a request whose line and headers are still arriving at
   * two looks in a row (no request completed in between) took longer than a window, and the
   * connection is closed. Between requests (nothing of the next one yet) and while a body arrives,
   * it is left alone (the body has its own deadline). It stops when its connection closes.
   */
  private static final class Watch implements Connection.Listener {
    private final HttpConnection connection;
    private volatile Future<?> task;
    private boolean wasMidHeaders;
    private long lastMessages = -1;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void check() {
      EndPoint endPoint = connection.getEndPoint();
      if (!endPoint.isOpen() || endPoint.getConnection() != connection) {
        // Closed, or upgraded (a WebSocket now): nothing more to watch.
        stop();
        return;
      }
      long messages = connection.getMessagesIn();
      boolean midHeaders =
          connection.getParser().inHeaderState() && !connection.getParser().isStart();
      if (midHeaders && wasMidHeaders && messages == lastMessages) {
        stop();
        endPoint.close();
        return;
      }
      wasMidHeaders = midHeaders;
      lastMessages = messages;
    }

    @Override
    public void onClosed(Connection closed) {
      stop();
    }

    void stop() {
      Future<?> running = task;
      if (running != null) {
        running.cancel(false);
      }
    }
  }

  /** A reader of a body, which may block and fail as an I/O error. */
  interface BodyRead<T> {
    T read() throws IOException;
  }

  /**
   * Runs {@code read} with the body's deadline: past it the connection ({@code endPoint}) is
   * closed, which fails the read and frees the thread blocked in it.
   */
  <T> T withinBodyDeadline(EndPoint endPoint, BodyRead<T> read) throws IOException {
    ScheduledFuture<?> deadline =
        TIMERS.schedule(() -> endPoint.close(), bodyWithin.toMillis(), TimeUnit.MILLISECONDS);
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
