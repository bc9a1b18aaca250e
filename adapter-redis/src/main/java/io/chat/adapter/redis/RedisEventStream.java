package io.chat.adapter.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The event bus of every node, on one Redis stream ({@code <prefix>events}, trimmed to about a
 * cap). Entries are opaque strings, each in one field. Every node, the publisher too, delivers what
 * it reads from the stream, so that every device sees one order, that of the stream.
 *
 * <p>{@link #publish} appends on the store's shared connection, the one {@link RedisTurns} takes
 * and releases its leases on: a publish inside a turn is in the stream before the next turn on its
 * key begins. It never waits, nor throws for Redis' sake: a failed append is counted and makes this
 * node owe a resync (below).
 *
 * <p>Reading, once {@link #start}ed, is a chain of {@code XREAD COUNT 512 BLOCK 1000} on a
 * connection of its own (a blocking read must not stall the shared one), each read sent when the
 * last batch was handed over, entry by entry, in stream order: no thread of its own. A read that
 * comes back empty after a second shows that the connection still works. A failed read (Redis away,
 * the connection killed or wedged) closes the connection; a new one is tried after 100 ms, doubling
 * to 2 s, and reading goes on from the last id read. The node's listener is told to resync (its
 * clients fetch from the store what they may have missed) once for each of:
 *
 * <ul>
 *   <li>Redis restarted: its {@code run_id} changed across a reconnect. Reading starts again at the
 *       new stream's beginning.
 *   <li>Entries after the last id read were trimmed away before being read. Trimming removes the
 *       oldest entries and leaves at least the cap, so it can only have passed a reader whose read
 *       then returns at least {@code min(512, cap)} entries: only such reads are checked, by {@code
 *       XINFO STREAM} (Redis 7: entries were deleted, and the first entry left is past the id read
 *       from). The check is conservative: a reader about a cap behind may resync for nothing.
 *   <li>A resync marker was read: the {@linkplain #RESYNC_MARKER empty entry}, appended by a node
 *       whose publish failed, as soon as its reader sees Redis answer again, so that every node,
 *       the one that owed it too, resyncs for the entries that node may have lost.
 * </ul>
 *
 * <p>Listeners run on Lettuce's I/O threads, one call at a time: they must hand work on, not block.
 */
public final class RedisEventStream implements AutoCloseable {
  /** About how many entries the stream keeps. */
  public static final int DEFAULT_CAP = 100_000;

  /**
   * The entry that tells every node to resync; never handed to a listener. Empty, a form no encoded
   * event takes, so {@link #publish} refuses it.
   */
  public static final String RESYNC_MARKER = "";

  /** How long a read waits for entries: also how soon a wedged connection shows. */
  static final Duration BLOCK = Duration.ofSeconds(1);

  static final int BATCH = 512;
  static final String FIELD = "e";

  private static final Logger LOG = System.getLogger(RedisEventStream.class.getName());
  private static final String START = "0-0";
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 2_000;

  private final RedisAsyncCommands<String, String> shared;
  private final RedisClient readerClient;
  private final RedisURI readerUri;
  private final ScheduledExecutorService scheduler;
  private final String key;
  private final int cap;
  private final XAddArgs trim;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final AtomicBoolean owesResync = new AtomicBoolean();
  private final LongAdder published = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private volatile long lagMillis;
  private volatile boolean healthy;
  private volatile boolean closed;
  private CompletableFuture<Void> readerClosed;

  // The reader's state: each step of the chain runs after the last (through a future's completion
  // or the scheduler), never two at once.
  private Consumer<String> onEntry;
  private Runnable onResync;
  private String lastId;
  private String runId;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;

  RedisEventStream(
      RedisAsyncCommands<String, String> shared,
      RedisClient readerClient,
      RedisURI readerUri,
      ScheduledExecutorService scheduler,
      String keyPrefix,
      int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("the cap must be positive");
    }
    this.shared = Objects.requireNonNull(shared, "shared");
    this.readerClient = Objects.requireNonNull(readerClient, "readerClient");
    this.readerUri = Objects.requireNonNull(readerUri, "readerUri");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.key = keyPrefix + "events";
    this.cap = cap;
    this.trim = XAddArgs.Builder.maxlen(cap).approximateTrimming();
  }

  /**
   * Appends {@code entry} (not empty: that is the {@link #RESYNC_MARKER}) without waiting; never
   * throws for Redis' sake. A failed append is counted and owed as a resync.
   */
  public void publish(String entry) {
    if (entry.isEmpty()) {
      throw new IllegalArgumentException("the empty entry is the resync marker");
    }
    append(entry);
  }

  private void append(String entry) {
    try {
      shared
          .xadd(key, trim, FIELD, entry)
          .whenComplete(
              (id, error) -> {
                if (error != null) {
                  failedToAppend(error);
                } else if (!entry.isEmpty()) {
                  published.increment();
                }
              });
    } catch (RuntimeException e) {
      failedToAppend(e);
    }
  }

  private void failedToAppend(Throwable error) {
    publishFailures.increment();
    if (owesResync.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "An event could not be published on " + key + "; every node will be told to resync",
          RedisErrors.translate(error));
    }
  }

  /**
   * Starts reading from the stream's current end: every entry appended after the answer completes
   * goes to {@code onEntry}, one at a time, in stream order; {@code onResync} hears of possible
   * losses. Answers once the position is taken (after as many retries as Redis needs to answer).
   */
  public synchronized CompletionStage<Void> start(Consumer<String> onEntry, Runnable onResync) {
    if (this.onEntry != null) {
      throw new IllegalStateException("started already");
    }
    this.onEntry = Objects.requireNonNull(onEntry, "onEntry");
    this.onResync = Objects.requireNonNull(onResync, "onResync");
    connect();
    return started.copy();
  }

  private void connect() {
    if (closed) {
      return;
    }
    CompletionStage<StatefulRedisConnection<String, String>> connecting;
    try {
      connecting = readerClient.connectAsync(StringCodec.UTF8, readerUri);
    } catch (RuntimeException e) {
      failed(null, e);
      return;
    }
    connecting.whenComplete(
        (connection, error) -> {
          if (error != null) {
            failed(null, error);
          } else {
            connection
                .async()
                .info("server")
                .whenComplete(
                    (info, failure) -> {
                      if (failure != null) {
                        failed(connection, failure);
                      } else {
                        connected(connection, runIdIn(info));
                      }
                    });
          }
        });
  }

  private void connected(StatefulRedisConnection<String, String> connection, String newRunId) {
    healthy = true;
    if (lastId != null) {
      reconnects.increment();
      if (!newRunId.equals(runId)) {
        // A new Redis: what was in the stream, and read or not, is gone; its stream starts anew.
        runId = newRunId;
        lastId = START;
        resync();
      }
      read(connection);
      return;
    }
    connection
        .async()
        .xrevrange(key, Range.unbounded(), Limit.from(1))
        .whenComplete(
            (last, error) -> {
              if (error != null) {
                failed(connection, error);
                return;
              }
              runId = newRunId;
              lastId = last.isEmpty() ? START : last.get(0).getId();
              started.complete(null);
              read(connection);
            });
  }

  private void read(StatefulRedisConnection<String, String> connection) {
    if (closed) {
      close(connection);
      return;
    }
    // Redis answers this reader: the marker a failed publish owes can be appended now.
    if (owesResync.getAndSet(false)) {
      append(RESYNC_MARKER);
    }
    String from = lastId;
    try {
      connection
          .async()
          .xread(
              XReadArgs.Builder.count(BATCH).block(BLOCK), XReadArgs.StreamOffset.from(key, from))
          .whenComplete(
              (batch, error) -> {
                if (error != null) {
                  failed(connection, error);
                  return;
                }
                healthy = true;
                backoffMillis = FIRST_BACKOFF_MILLIS;
                if (batch.size() < Math.min(BATCH, cap)) {
                  deliver(batch);
                  read(connection);
                } else {
                  checkTrimmed(connection, from, batch);
                }
              });
    } catch (RuntimeException e) {
      failed(connection, e);
    }
  }

  /** After a full read: were entries after {@code from} trimmed before being read? */
  private void checkTrimmed(
      StatefulRedisConnection<String, String> connection,
      String from,
      List<StreamMessage<String, String>> batch) {
    connection
        .async()
        .xinfoStream(key)
        .whenComplete(
            (info, error) -> {
              if (error != null) {
                // Read again, and checked again, from the same id after reconnecting.
                failed(connection, error);
                return;
              }
              if (trimmedPast(fields(info), from)) {
                resync();
              }
              deliver(batch);
              read(connection);
            });
  }

  private void deliver(List<StreamMessage<String, String>> batch) {
    for (StreamMessage<String, String> message : batch) {
      if (closed) {
        return;
      }
      lastId = message.getId();
      lagMillis = System.currentTimeMillis() - millisOf(lastId);
      String entry = message.getBody().get(FIELD);
      if (entry == null) {
        // Not an entry of this adapter's.
        continue;
      }
      if (entry.equals(RESYNC_MARKER)) {
        resync();
        continue;
      }
      received.increment();
      try {
        onEntry.accept(entry);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The listener of " + key + " failed on entry " + lastId, e);
      }
    }
  }

  private void resync() {
    resyncs.increment();
    try {
      onResync.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The resync listener of " + key + " failed", e);
    }
  }

  private void failed(StatefulRedisConnection<String, String> connection, Throwable error) {
    boolean wasHealthy = healthy;
    healthy = false;
    if (connection != null) {
      close(connection);
    }
    if (closed) {
      return;
    }
    LOG.log(
        wasHealthy ? Level.WARNING : Level.DEBUG,
        "The reader of " + key + " lost Redis; reconnecting",
        RedisErrors.translate(error));
    long delay = backoffMillis;
    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
    try {
      scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // The store is closing: its scheduler takes nothing more.
      LOG.log(Level.DEBUG, "The reader of " + key + " stops: the store is closing", e);
    }
  }

  /** False until started and while reads fail: for the server's readiness. */
  public boolean healthy() {
    return healthy && !closed;
  }

  /** Entries this node appended. */
  public long published() {
    return published.sum();
  }

  /** Appends that failed (each made this node owe a resync). */
  public long publishFailures() {
    return publishFailures.sum();
  }

  /** Entries handed to the listener. */
  public long received() {
    return received.sum();
  }

  /** Times the reader connected again after losing its connection. */
  public long reconnects() {
    return reconnects.sum();
  }

  /** Times the listener was told to resync. */
  public long resyncs() {
    return resyncs.sum();
  }

  /** How old the last entry read was when read, by this node's clock against Redis' id. */
  public long lagMillis() {
    return lagMillis;
  }

  /** Stops reading (an entry being handed over finishes) and closes the reader's connection. */
  @Override
  public void close() {
    closeAsync();
  }

  /** {@link #close}; answers when the reader's connection is closed. */
  synchronized CompletableFuture<Void> closeAsync() {
    if (!closed) {
      closed = true;
      healthy = false;
      started.cancel(false);
      readerClosed = readerClient.shutdownAsync(0, 2, TimeUnit.SECONDS);
    }
    return readerClosed;
  }

  private static void close(StatefulRedisConnection<String, String> connection) {
    if (connection.isOpen()) {
      connection.closeAsync();
    }
  }

  private static String runIdIn(String info) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("run_id:")) {
        return line.substring("run_id:".length()).trim();
      }
    }
    return "";
  }

  /** Entries were deleted, and the first one left is past {@code from}. */
  private static boolean trimmedPast(Map<String, Object> info, String from) {
    Object added = info.get("entries-added");
    Object length = info.get("length");
    Object first = info.get("recorded-first-entry-id");
    if (added == null || length == null || first == null) {
      // A Redis before 7 tells neither: assume the worst.
      return true;
    }
    return asLong(added) > asLong(length) && compareIds(String.valueOf(first), from) > 0;
  }

  private static Map<String, Object> fields(List<Object> pairs) {
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      fields.put(String.valueOf(pairs.get(i)), pairs.get(i + 1));
    }
    return fields;
  }

  private static long asLong(Object value) {
    return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
  }

  private static long millisOf(String id) {
    return Long.parseLong(id.substring(0, id.indexOf('-')));
  }

  static int compareIds(String a, String b) {
    int dash = a.indexOf('-');
    int other = b.indexOf('-');
    int byMillis =
        Long.compare(Long.parseLong(a.substring(0, dash)), Long.parseLong(b.substring(0, other)));
    return byMillis != 0
        ? byMillis
        : Long.compare(
            Long.parseLong(a.substring(dash + 1)), Long.parseLong(b.substring(other + 1)));
  }
}
