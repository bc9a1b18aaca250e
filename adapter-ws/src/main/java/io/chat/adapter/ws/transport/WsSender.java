package io.chat.adapter.ws.transport;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The outbound side of one WebSocket: text frames go out one at a time in the order given, from a
 * bounded queue. When the client reads too slowly for the queue, {@link #offer} says so and the
 * owner closes that socket; nobody else waits for it.
 */
public final class WsSender {
  private final Session session;
  private final int limit;
  private final Runnable onFailure;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean sending;
  private boolean closed;

  /** A close frame that waits its turn behind the frames queued before it. */
  private record Close(int code, String reason) {}

  public WsSender(Session session, int limit, Runnable onFailure) {
    this.session = session;
    this.limit = limit;
    this.onFailure = onFailure;
  }

  /** Queues a frame; false when the socket is closed or its queue is full. */
  public boolean offer(String frame) {
    return enqueue(frame, false);
  }

  /** Closes the socket once everything queued so far is sent. */
  public void closeAfterQueued(int code, String reason) {
    enqueue(new Close(code, reason), true);
  }

  /** Drops what is queued; nothing more is sent. */
  public void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
    }
  }

  private boolean enqueue(Object item, boolean last) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (last) {
        closed = true;
      }
      if (sending) {
        if (!last && queue.size() >= limit) {
          return false;
        }
        queue.add(item);
        return true;
      }
      sending = true;
    }
    drain(item);
    return true;
  }

  /**
   * Sends frames until the queue is empty or a send completes later; a send that completes at once
   * continues this loop instead of recursing, so that a long queue cannot overflow the stack.
   */
  private void drain(Object first) {
    Object item = first;
    while (item != null) {
      if (item instanceof Close close) {
        session.close(close.code(), close.reason(), Callback.NOOP);
        return;
      }
      AtomicInteger race = new AtomicInteger();
      session.sendText(
          (String) item,
          new Callback() {
            @Override
            public void succeed() {
              if (!race.compareAndSet(0, 2)) {
                Object next = next();
                if (next != null) {
                  drain(next);
                }
              }
            }

            @Override
            public void fail(Throwable x) {
              close();
              onFailure.run();
            }
          });
      if (race.compareAndSet(0, 1) || race.get() != 2) {
        return;
      }
      item = next();
    }
  }

  private synchronized Object next() {
    Object next = queue.poll();
    if (next == null) {
      sending = false;
    }
    return next;
  }
}
