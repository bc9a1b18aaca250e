package io.chat.adapter.redis;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.port.out.Turns;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns per key (a chat) across every node: first in this node's own queue ({@code local}, the
 * application's {@code KeyedSequencer} in the server, so that a node contends for a key in Redis
 * once at a time), then by a lease in Redis ({@code <prefix>turn:<key>} holds the turn's token for
 * at most the lease), held for the task's span and released by a script that frees the key only
 * while it holds this turn's token. A key held by another node is asked for again after 1, 2, 4 ...
 * 20 ms on Lettuce's scheduler, no thread waiting; a holder that died frees the key when its lease
 * lapses, so a turn gives up with {@link StoreUnavailableException} only after the lease and a
 * margin. A task that outlives its lease is logged when its release finds the token gone: another
 * node may have run meanwhile.
 *
 * <p>Fair between nodes: a node's next turn on a key is sent right behind its release, on the same
 * connection, so a node with a queue on a hot key would take it again and again while another node
 * waits, up to the lease and a 503. So a node that finds the key held marks itself waiting ({@code
 * <prefix>turnwait:<key>}, first come, lasting {@value #HANDOVER_MILLIS} ms unless it keeps
 * asking), and a release that finds another node waiting hands the key over to it ({@code ~<node>}
 * in the key, for as long) instead of freeing it; the waiter takes it at its next ask. Two nodes
 * with queues on one key then alternate. Taking and releasing stay one script each, one round trip
 * as before, and a key nobody waits for is taken and freed as before. A waiter that dies holds the
 * key up for {@value #HANDOVER_MILLIS} ms at most.
 *
 * <p>The lease is taken and released on the store's shared connection, the one {@link
 * RedisEventStream#publish} sends on, and the release is sent before the turn's stage completes.
 * Redis runs one connection's commands in the order sent: what a task publishes before its stage
 * completes is in the stream before the key is free (or handed over), so the next holder, on any
 * node, publishes after it, and the stream's order is the order of the turns. (A publish chained
 * after the turn's stage has no such place.)
 */
public final class RedisTurns implements Turns {
  /** How long a turn holds its key in Redis at most, unless released before. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  /** How long past a lease a turn keeps asking: a dead holder's lease has lapsed by then. */
  static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

  private static final Logger LOG = System.getLogger(RedisTurns.class.getName());
  private static final long MAX_BACKOFF_MILLIS = 20;

  /**
   * How long a waiting mark lasts unless its node asks again, and a key handed over unless its node
   * takes it: well above the longest pause between two asks.
   */
  static final long HANDOVER_MILLIS = 200;

  private final Turns local;
  private final RedisAsyncCommands<String, String> redis;
  private final ScheduledExecutorService scheduler;
  private final String prefix;
  private final String waitPrefix;
  private final String node;
  private final Duration lease;
  private final String leaseMillis;
  private final RedisScript take;
  private final RedisScript release;
  private final AtomicLong turns = new AtomicLong();

  RedisTurns(
      RedisAsyncCommands<String, String> redis,
      ScheduledExecutorService scheduler,
      String keyPrefix,
      String node,
      Duration lease,
      Turns local) {
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("a lease must be positive");
    }
    this.redis = Objects.requireNonNull(redis, "redis");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.prefix = keyPrefix + "turn:";
    this.waitPrefix = keyPrefix + "turnwait:";
    this.node = Objects.requireNonNull(node, "node");
    this.lease = lease;
    this.leaseMillis = Long.toString(lease.toMillis());
    this.local = Objects.requireNonNull(local, "local");
    this.take = RedisScript.load("turn-take.lua", ScriptOutputType.INTEGER, redis);
    this.release = RedisScript.load("turn-release.lua", ScriptOutputType.INTEGER, redis);
  }

  @Override
  public <T> CompletionStage<T> run(String key, Supplier<? extends CompletionStage<T>> task) {
    return local.run(key, () -> inTurn(key, task));
  }

  private <T> CompletionStage<T> inTurn(String key, Supplier<? extends CompletionStage<T>> task) {
    String token = node + ":" + turns.incrementAndGet();
    CompletableFuture<Void> held = new CompletableFuture<>();
    take(key, token, System.nanoTime() + lease.plus(WAIT_MARGIN).toNanos(), 1, held);
    // The release is sent before the stage completes, so the next turn of this node, and every
    // publish of the task, is ordered around it on the shared connection.
    return held.thenCompose(
        ignored -> started(task).whenComplete((value, failure) -> release(key, token)));
  }

  private void take(
      String key, String token, long deadline, long backoffMillis, CompletableFuture<Void> held) {
    take.<Long>run(
            redis,
            new String[] {prefix + key, waitPrefix + key},
            token,
            leaseMillis,
            node,
            Long.toString(HANDOVER_MILLIS))
        .whenComplete(
            (taken, error) -> {
              if (error != null) {
                held.completeExceptionally(error);
                // A take that timed out may still run in Redis (it was sent): free the key now if
                // it did, rather than hold every turn on it up until the lease lapses.
                sendRelease(key, token);
              } else if (taken == 1L) {
                held.complete(null);
              } else if (System.nanoTime() - deadline > 0) {
                held.completeExceptionally(
                    new StoreUnavailableException(
                        new TimeoutException("no turn on " + key + " within the lease")));
              } else {
                retry(key, token, deadline, backoffMillis, held);
              }
            });
  }

  private void retry(
      String key, String token, long deadline, long backoffMillis, CompletableFuture<Void> held) {
    try {
      scheduler.schedule(
          () -> take(key, token, deadline, Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS), held),
          backoffMillis,
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // The store is closing: its scheduler takes nothing more.
      held.completeExceptionally(RedisErrors.translate(e));
    }
  }

  /** {@code task}'s stage, or its failure to start as a failed stage. */
  private static <T> CompletionStage<T> started(Supplier<? extends CompletionStage<T>> task) {
    try {
      return task.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void release(String key, String token) {
    sendRelease(key, token)
        .whenComplete(
            (released, error) -> {
              if (error != null) {
                LOG.log(
                    Level.WARNING,
                    "Could not release the turn on " + key + "; its lease will lapse",
                    error);
              } else if (released == 0L) {
                LOG.log(
                    Level.WARNING,
                    "A turn on "
                        + key
                        + " outlived its lease of "
                        + lease.toMillis()
                        + " ms: another node may have taken its turn meanwhile");
              }
            });
  }

  /** Frees the key if it holds {@code token}; 1 when it did, 0 when the token was not there. */
  private CompletionStage<Long> sendRelease(String key, String token) {
    return release.run(
        redis,
        new String[] {prefix + key, waitPrefix + key},
        token,
        node,
        Long.toString(HANDOVER_MILLIS));
  }
}
