package io.chat.adapter.redis;

import io.chat.application.port.out.Presence;
import io.chat.domain.user.UserId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Presence shared by every node, as one node sees it. Per user a hash counts devices per node; per
 * node a lease (a sorted set of node ids scored by expiry on Redis' clock, so that no node's clock
 * judges another) is renewed by a heartbeat. Scripts count devices on live nodes only, so a user is
 * told online on their first device anywhere and offline when their last device on a live node
 * leaves, each once per online period (a mark in the user's hash, set by the first, removed by the
 * last). A node whose lease lapsed (killed, or cut off from Redis for longer than a lease) has its
 * users cleaned up by the other nodes' sweeps: each of its users left with no device on a live node
 * is handed, once, to the {@code wentOffline} listener of the node that cleaned them. After a
 * silence longer than two heartbeats (Redis paused or restarted, or every node away) every lease
 * may have lapsed with its node alive: nobody is judged dead until a lease's time has passed in
 * which each node could renew.
 */
public final class RedisPresence implements Presence, AutoCloseable {
  private static final Logger LOG = System.getLogger(RedisPresence.class.getName());
  private static final int SWEEP_BATCH = 500;
  private static final int ONLINE_BATCH = 1_000;

  /**
   * How long a node's lease lasts, how often it is renewed and how often a node looks for dead
   * ones. A killed node's users are told offline between {@code lease} and {@code lease + sweep}
   * after its last heartbeat.
   */
  public record Timing(Duration lease, Duration heartbeat, Duration sweep) {
    /**
     * 10 s leases renewed every 3 s, dead nodes looked for every 2 s: a killed node's users are
     * told offline within 12 s of its death (issue 16 asks for 15 s), and a node survives two lost
     * heartbeats.
     */
    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(2));

    public Timing {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(heartbeat, "heartbeat");
      Objects.requireNonNull(sweep, "sweep");
      if (heartbeat.isNegative()
          || heartbeat.isZero()
          || sweep.isNegative()
          || sweep.isZero()
          || lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            "a lease must outlast two heartbeats, and both intervals be positive");
      }
    }
  }

  private final RedisAsyncCommands<String, String> redis;
  private final String node;
  private final String prefix;
  private final String leases;
  private final String clock;
  private final String leaseMillis;
  private final String silenceMillis;
  private final Timing timing;
  private final Consumer<UserId> wentOffline;
  private final RedisScript connect;
  private final RedisScript disconnect;
  private final RedisScript online;
  private final RedisScript heartbeat;
  private final RedisScript sweep;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

  RedisPresence(
      RedisAsyncCommands<String, String> redis,
      String keyPrefix,
      String node,
      Timing timing,
      Consumer<UserId> wentOffline) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.node = Objects.requireNonNull(node, "node");
    this.prefix = keyPrefix + "presence:";
    this.leases = prefix + "nodes";
    this.timing = Objects.requireNonNull(timing, "timing");
    this.clock = prefix + "clock";
    this.leaseMillis = Long.toString(timing.lease().toMillis());
    // Nodes renew every heartbeat: a silence of two means Redis (or every node) was away.
    this.silenceMillis = Long.toString(timing.heartbeat().multipliedBy(2).toMillis());
    this.wentOffline = Objects.requireNonNull(wentOffline, "wentOffline");
    this.connect = RedisScript.load("presence-connect.lua", ScriptOutputType.INTEGER, redis);
    this.disconnect = RedisScript.load("presence-disconnect.lua", ScriptOutputType.INTEGER, redis);
    this.online = RedisScript.load("presence-online.lua", ScriptOutputType.MULTI, redis);
    this.heartbeat = RedisScript.load("presence-heartbeat.lua", ScriptOutputType.INTEGER, redis);
    this.sweep = RedisScript.load("presence-sweep.lua", ScriptOutputType.MULTI, redis);
  }

  /** Starts heart-beating and sweeping on {@code scheduler}; the first heartbeat is now. */
  RedisPresence start(ScheduledExecutorService scheduler) {
    long beat = timing.heartbeat().toMillis();
    long look = timing.sweep().toMillis();
    synchronized (tasks) {
      tasks.add(
          scheduler.scheduleAtFixedRate(this::heartbeatQuietly, 0, beat, TimeUnit.MILLISECONDS));
      tasks.add(
          scheduler.scheduleAtFixedRate(this::sweepQuietly, look, look, TimeUnit.MILLISECONDS));
    }
    return this;
  }

  /** This node's id: new at every start, so that a restarted node starts clean. */
  public String node() {
    return node;
  }

  @Override
  public CompletionStage<Boolean> connect(UserId user) {
    return connect
        .<Long>run(redis, keys(user), node, user.value(), leaseMillis)
        .thenApply(first -> first == 1L);
  }

  @Override
  public CompletionStage<Boolean> disconnect(UserId user) {
    return disconnect
        .<Long>run(redis, keys(user), node, user.value(), leaseMillis)
        .thenApply(last -> last == 1L);
  }

  @Override
  public CompletionStage<Boolean> isOnline(UserId user) {
    return onlineAmong(List.of(user)).thenApply(online -> online.contains(user));
  }

  @Override
  public CompletionStage<Set<UserId>> onlineAmong(Collection<UserId> users) {
    List<UserId> asked = List.copyOf(new LinkedHashSet<>(users));
    CompletableFuture<Set<UserId>> all = CompletableFuture.completedFuture(new LinkedHashSet<>());
    for (int from = 0; from < asked.size(); from += ONLINE_BATCH) {
      List<UserId> batch = asked.subList(from, Math.min(asked.size(), from + ONLINE_BATCH));
      CompletionStage<Set<UserId>> found = onlineIn(batch);
      all =
          all.thenCombine(
              found,
              (so, far) -> {
                so.addAll(far);
                return so;
              });
    }
    return all.thenApply(Set::copyOf);
  }

  private CompletionStage<Set<UserId>> onlineIn(List<UserId> batch) {
    String[] keys = new String[batch.size() + 1];
    keys[0] = leases;
    for (int i = 0; i < batch.size(); i++) {
      keys[i + 1] = userKey(batch.get(i));
    }
    return online
        .<List<Long>>run(redis, keys, node)
        .thenApply(
            flags -> {
              Set<UserId> on = new LinkedHashSet<>();
              for (int i = 0; i < batch.size(); i++) {
                if (flags.get(i) == 1L) {
                  on.add(batch.get(i));
                }
              }
              return on;
            });
  }

  /**
   * Renews this node's lease; answers false when it had lapsed, so that other nodes may have told
   * this node's users offline already.
   */
  public CompletionStage<Boolean> heartbeat() {
    return heartbeat
        .<Long>run(redis, new String[] {leases, clock}, node, leaseMillis, silenceMillis)
        .thenApply(renewed -> renewed == 1L);
  }

  /**
   * Cleans up after every node whose lease lapsed; answers the users it told offline (each also
   * handed to the listener), in the order cleaned. Any number of nodes may sweep at once: each user
   * of a dead node is cleaned by one of them.
   */
  public CompletionStage<List<UserId>> sweepDeadNodes() {
    return sweepFrom(new ArrayList<>());
  }

  private CompletionStage<List<UserId>> sweepFrom(List<UserId> told) {
    return sweep
        .<List<Object>>run(
            redis,
            new String[] {leases, clock},
            prefix,
            Integer.toString(SWEEP_BATCH),
            node,
            leaseMillis,
            silenceMillis)
        .thenCompose(
            answer -> {
              if (answer.isEmpty()) {
                return CompletableFuture.completedFuture(List.copyOf(told));
              }
              for (Object user : answer.subList(1, answer.size())) {
                UserId gone = UserId.of(String.valueOf(user));
                told.add(gone);
                tell(gone);
              }
              return sweepFrom(told);
            });
  }

  private void tell(UserId user) {
    try {
      wentOffline.accept(user);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The listener of users gone offline failed for " + user, e);
    }
  }

  private void heartbeatQuietly() {
    heartbeat()
        .whenComplete(
            (renewed, error) -> {
              if (error != null) {
                LOG.log(Level.WARNING, "Presence heartbeat of node " + node + " failed", error);
              } else if (!renewed) {
                LOG.log(
                    Level.WARNING,
                    "The presence lease of node "
                        + node
                        + " had lapsed: its users may have been"
                        + " told offline by another node");
              }
            });
  }

  private void sweepQuietly() {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    sweepDeadNodes()
        .whenComplete(
            (told, error) -> {
              sweeping.set(false);
              if (error != null) {
                LOG.log(Level.WARNING, "Presence sweep of dead nodes failed", error);
              }
            });
  }

  private String[] keys(UserId user) {
    return new String[] {userKey(user), leases, prefix + "node:" + node};
  }

  private String userKey(UserId user) {
    return prefix + "user:" + user.value();
  }

  /**
   * Stops heart-beating and sweeping and lets this node's lease lapse now, so that another node
   * cleans up after any device still counted here at its next sweep.
   */
  @Override
  public void close() {
    synchronized (tasks) {
      tasks.forEach(task -> task.cancel(false));
      tasks.clear();
    }
    try {
      redis.zadd(leases, 0, node);
    } catch (RuntimeException e) {
      // Redis unreachable: the lease lapses by itself.
      LOG.log(Level.DEBUG, "Could not end the lease of node " + node + " at once", e);
    }
  }

  @Override
  public String toString() {
    return "RedisPresence[" + node + "]";
  }
}
