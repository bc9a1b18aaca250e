package io.chat.adapter.ws;

import io.chat.adapter.ws.transport.ClientSocket;
import io.chat.adapter.ws.transport.CloseReason;
import io.chat.application.port.in.Actor;
import io.chat.domain.shared.TokenBucket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One authenticated client socket, whichever protocol carries it: what the registry delivers server
 * events to and what the event layer answers. Client events run one after the other (a serial queue
 * of stages, so that a connection's sends are stored in the order it sent them and no handler ever
 * runs under a transport's lock), with a bound on how many wait and how fast they come.
 */
final class Connection {
  private static final AtomicLong IDS = new AtomicLong();

  /** Why a client event was not admitted. */
  enum Admission {
    ADMITTED,
    /** The client sent more than the bound while its events run at the usual pace. */
    TOO_MANY_IN_FLIGHT,
    /**
     * The bound is reached because the event running now is stuck (a sick store): not its fault.
     */
    SERVER_SLOW,
    TOO_FAST
  }

  /**
   * How long the running event may take before a full queue is the server's fault, not the
   * client's.
   */
  static final java.time.Duration STUCK = java.time.Duration.ofSeconds(1);

  private final long id = IDS.incrementAndGet();
  private final Actor actor;
  private final ClientSocket socket;
  private final int inFlightLimit;
  private final Clock clock;
  private TokenBucket bucket;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private int inFlight;
  private java.time.Instant runningSince; // null: nothing running
  private ScheduledFuture<?> expiry;
  private volatile boolean closed;

  Connection(Actor actor, RealtimeSettings settings, ClientSocket socket) {
    this.actor = actor;
    this.socket = socket;
    this.inFlightLimit = settings.inboundInFlightLimit();
    this.clock = settings.clock();
    this.bucket =
        TokenBucket.full(settings.eventBurst(), settings.eventsPerSecond(), clock.instant());
  }

  long id() {
    return id;
  }

  Actor actor() {
    return actor;
  }

  /** Whether the client asked for a message's list entry inside the message's event. */
  boolean compact() {
    return socket.compact();
  }

  /** Queues a server event; a connection whose queue overflows closes itself. */
  void emit(String event, String jsonData) {
    socket.emit(event, jsonData);
  }

  /** Answers the client event that asked for acknowledgement {@code ack}. */
  void reply(long ack, String jsonData) {
    socket.reply(ack, jsonData);
  }

  /** Closes the socket (idempotent); the protocol then reports it closed to the hub. */
  void close(CloseReason reason) {
    socket.close(reason);
  }

  /** Counts a client event against the in-flight bound and the rate; admitted ones must run. */
  synchronized Admission admit() {
    java.time.Instant now = clock.instant();
    if (inFlight >= inFlightLimit) {
      return runningSince != null && now.isAfter(runningSince.plus(STUCK))
          ? Admission.SERVER_SLOW
          : Admission.TOO_MANY_IN_FLIGHT;
    }
    if (!bucket.allowsAt(now)) {
      return Admission.TOO_FAST;
    }
    bucket = bucket.takeAt(now);
    return Admission.ADMITTED;
  }

  /**
   * Runs {@code work} after everything queued before it has finished, whatever its outcome. Work
   * that returns or throws never stops the queue.
   */
  void serially(Supplier<? extends CompletionStage<?>> work) {
    CompletableFuture<Void> next = new CompletableFuture<>();
    CompletableFuture<Void> previous;
    synchronized (this) {
      inFlight++;
      previous = tail;
      tail = next;
    }
    previous.whenComplete(
        (ignored, failure) -> {
          CompletionStage<?> stage;
          synchronized (this) {
            runningSince = clock.instant();
          }
          try {
            stage = work.get();
          } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
          }
          stage.whenComplete(
              (result, error) -> {
                synchronized (this) {
                  inFlight--;
                  runningSince = null;
                }
                next.complete(null);
              });
        });
  }

  /** The socket closed: events still queued run, but nothing may bind this connection any more. */
  void markClosed() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  synchronized void expireWith(ScheduledFuture<?> timer) {
    this.expiry = timer;
  }

  synchronized void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  @Override
  public String toString() {
    return socket.getClass().getSimpleName() + "#" + id + "(" + actor.id() + ")";
  }
}
