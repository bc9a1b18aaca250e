package io.chat.adapter.redis;

import io.chat.adapter.redis.NodeDevices.Registration;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Presence shared by every node, as one node sees it. Per user a hash counts devices per node; per
 * node a lease (a sorted set of node ids scored by expiry on Redis' clock, so that no node's clock
 * judges another) is renewed by a heartbeat. Scripts count devices on live nodes only, so a user is
 * told online on their first device anywhere and offline when their last device on a live node
 * leaves, each once per online period (a mark "told online" in the user's hash, set by the first,
 * removed by the last). A node whose lease lapsed (killed, or cut off from Redis for longer than a
 * lease) has its users cleaned up by the other nodes' sweeps: each of its users left with no device
 * on a live node is handed, once, to the {@code wentOffline} listener of the node that cleaned
 * them, and each that had devices counted there, with the dead node's id, to its {@code
 * devicesLost} listener (once per user and dead node): their sockets went with the node without a
 * word, so a living node ends what they did there (a call). After a silence longer than two
 * heartbeats, or a restart of Redis, every lease may have lapsed with its node alive: nobody is
 * judged dead until a lease's time has passed in which each node could renew.
 *
 * <p><b>The rule of what partners hear.</b> Each user's story, as partners are told it, alternates
 * online and offline and ends with the truth: a user told offline while still connected is told
 * online again, and a user never told offline is never told online twice. The mark is that story's
 * last word, and every change of it is told once; what follows keeps it so when Redis forgets.
 *
 * <p><b>Registering again.</b> This node keeps, in memory, how many devices of each user it counted
 * ({@link NodeDevices}: the count follows this node's sockets even when Redis failed a call), and
 * each heartbeat tells it whether its registrations in Redis may be gone. It then renews its lease
 * first and writes its counts again, as they are (not added to), 500 users to a script:
 *
 * <ul>
 *   <li>Its lease had lapsed or vanished while Redis kept its data (the node was paused longer than
 *       a lease, and a sweep may have cleaned its users and told them offline): each user's mark is
 *       settled. A user the sweep told offline, connected here all along, gets the mark again and
 *       goes to {@code cameBackOnline}, once; a user nobody swept has the mark still, and is told
 *       nothing.
 *   <li>Redis lost its data (the data's epoch, an id the first heartbeat on empty data writes, is
 *       new) or restarted (its run id is new): the marks went with the data, but nobody was told
 *       offline, since no sweep ran on data that vanished. Each user registered here gets the mark
 *       again and nobody is told anything. Calls that found the data lost count nothing, calls made
 *       until the grace after the loss is over count their device but leave the marks alone (not
 *       every node has registered again, so a mark missing means nothing yet), and both answer
 *       false ("not first", "not last"). Their users, and users whose calls failed while Redis was
 *       away, are settled once that grace is over and the marks say again who was told online: told
 *       online through {@code cameBackOnline} if nobody holds their mark, offline through {@code
 *       wentOffline} if the mark is held with no device left on a live node.
 *   <li>Otherwise the users whose calls failed have their counts written and marks settled.
 * </ul>
 *
 * <p>Counts are written again on the shared connection while holding the lock under which calls
 * change the counts and are sent, so Redis applies this node's writes in the order of its counts;
 * the batches are sent in full ({@code EVAL}), never re-sent after later calls. Answers complete on
 * Lettuce's scheduler, not its I/O threads (see {@link #callback}). Left open: a call that timed
 * out after Redis ran it may have moved a mark that nobody was told of; settling then finds nothing
 * to tell. A disconnect through a node that counts no device of the user takes one from another
 * node's count in Redis (the port names no node; the server never does so): that other node writes
 * its own count back when it registers again.
 */
public final class RedisPresence implements Presence, AutoCloseable {
  private static final Logger LOG = System.getLogger(RedisPresence.class.getName());
  private static final int SWEEP_BATCH = 500;
  private static final int ONLINE_BATCH = 1_000;
  private static final int REGISTER_BATCH = 500;

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

  /** What a heartbeat found to write again. */
  private enum Repair {
    NONE,
    /** The counts of users whose calls failed, their marks settled. */
    UNSETTLED,
    /** Every count, every mark settled: a sweep may have cleaned this node's users. */
    ALL,
    /** Every count, marks set again where they were: Redis lost them. */
    RESTORE
  }

  private final RedisAsyncCommands<String, String> redis;
  private final ScheduledExecutorService scheduler;
  private final String node;
  private final String prefix;
  private final String leases;
  private final String clock;
  private final String written;
  private final String leaseMillis;
  private final String silenceMillis;
  private final Timing timing;
  private final Consumer<UserId> wentOffline;
  private final Consumer<UserId> cameBackOnline;
  private final BiConsumer<UserId, String> devicesLost;
  private final RedisScript connect;
  private final RedisScript disconnect;
  private final RedisScript online;
  private final RedisScript heartbeat;
  private final RedisScript sweep;
  private final RedisScript register;
  private final RedisScript forget;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final AtomicBoolean beating = new AtomicBoolean();
  private final AtomicLong beats = new AtomicLong();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

  /** The lock of every count, of the fields below, and of sending what changes them. */
  private final NodeDevices devices = new NodeDevices();

  /** The epoch of the data this node registered in; null before its first heartbeat. */
  private String epoch;

  /** Redis' run id at the last heartbeat. */
  private String runId;

  /** Redis lost its data: unsettled users wait until every node has registered again. */
  private boolean restoring;

  /** A repair whose writes failed, to be done again at the next heartbeat. */
  private Repair owed = Repair.NONE;

  RedisPresence(
      RedisAsyncCommands<String, String> redis,
      ScheduledExecutorService scheduler,
      String keyPrefix,
      String node,
      Timing timing,
      Consumer<UserId> wentOffline) {
    this(redis, scheduler, keyPrefix, node, timing, wentOffline, user -> {});
  }

  RedisPresence(
      RedisAsyncCommands<String, String> redis,
      ScheduledExecutorService scheduler,
      String keyPrefix,
      String node,
      Timing timing,
      Consumer<UserId> wentOffline,
      Consumer<UserId> cameBackOnline) {
    this(
        redis, scheduler, keyPrefix, node, timing, wentOffline, cameBackOnline, (user, dead) -> {});
  }

  RedisPresence(
      RedisAsyncCommands<String, String> redis,
      ScheduledExecutorService scheduler,
      String keyPrefix,
      String node,
      Timing timing,
      Consumer<UserId> wentOffline,
      Consumer<UserId> cameBackOnline,
      BiConsumer<UserId, String> devicesLost) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.node = Objects.requireNonNull(node, "node");
    this.prefix = keyPrefix + "presence:";
    this.leases = prefix + "nodes";
    this.timing = Objects.requireNonNull(timing, "timing");
    this.clock = prefix + "clock";
    this.written = prefix + "node:" + node + ":written";
    this.leaseMillis = Long.toString(timing.lease().toMillis());
    // Nodes renew every heartbeat: a silence of two means Redis (or every node) was away.
    this.silenceMillis = Long.toString(timing.heartbeat().multipliedBy(2).toMillis());
    this.wentOffline = Objects.requireNonNull(wentOffline, "wentOffline");
    this.cameBackOnline = Objects.requireNonNull(cameBackOnline, "cameBackOnline");
    this.devicesLost = Objects.requireNonNull(devicesLost, "devicesLost");
    this.connect = RedisScript.load("presence-connect.lua", ScriptOutputType.INTEGER, redis);
    this.disconnect = RedisScript.load("presence-disconnect.lua", ScriptOutputType.INTEGER, redis);
    this.online = RedisScript.load("presence-online.lua", ScriptOutputType.MULTI, redis);
    this.heartbeat = RedisScript.load("presence-heartbeat.lua", ScriptOutputType.MULTI, redis);
    this.sweep = RedisScript.load("presence-sweep.lua", ScriptOutputType.MULTI, redis);
    this.register = RedisScript.load("presence-register.lua", ScriptOutputType.MULTI, redis);
    this.forget = RedisScript.load("presence-forget.lua", ScriptOutputType.INTEGER, redis);
  }

  /** Starts heart-beating and sweeping on the scheduler; the first heartbeat is now. */
  RedisPresence start() {
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

  /**
   * This node's id: new at every start, so that a restarted node starts clean (the one {@link
   * RedisStore} was given, or a random one).
   */
  public String node() {
    return node;
  }

  @Override
  public CompletionStage<Boolean> connect(UserId user) {
    int before;
    boolean marks;
    CompletionStage<Long> answer;
    synchronized (devices) {
      before = devices.connecting(user);
      marks = !restoring;
      answer =
          connect.run(
              redis, keys(user), node, user.value(), leaseMillis, epochArgument(), flag(marks));
    }
    return answer
        .whenCompleteAsync(
            (first, error) -> {
              synchronized (devices) {
                if (error != null || first == -1L || !marks) {
                  devices.unsettle(user, before > 0);
                } else if (first == 1L) {
                  devices.told(user, true);
                }
                devices.answered(user, 1);
              }
            },
            this::callback)
        .thenApply(first -> first == 1L);
  }

  @Override
  public CompletionStage<Boolean> disconnect(UserId user) {
    boolean here;
    boolean marks;
    CompletionStage<Long> answer;
    synchronized (devices) {
      here = devices.disconnecting(user) > 0;
      marks = !restoring;
      answer =
          disconnect.run(
              redis,
              keys(user),
              node,
              user.value(),
              leaseMillis,
              epochArgument(),
              flag(marks),
              flag(here));
    }
    if (!here) {
      return answer.thenApply(last -> last == 1L);
    }
    return answer
        .whenCompleteAsync(
            (last, error) -> {
              synchronized (devices) {
                if (error != null || last == -1L || !marks) {
                  devices.unsettle(user, true);
                } else if (last == 1L) {
                  devices.told(user, false);
                }
                devices.answered(user, -1);
              }
            },
            this::callback)
        .thenApply(last -> last == 1L);
  }

  /**
   * Runs what follows an answer and takes the lock of {@link #devices} on the scheduler, never on
   * Lettuce's I/O thread: that thread may answer a command while holding the connection's own lock,
   * which a thread holding {@link #devices} may be waiting for to send. Inline once the scheduler
   * has stopped (the store is closing), when nothing is sent any more.
   */
  private void callback(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private static String flag(boolean on) {
    return on ? "1" : "0";
  }

  /** Called holding the lock of {@link #devices}. */
  private String epochArgument() {
    return epoch == null ? "*" : epoch;
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
   * Renews this node's lease and registers again what may be gone (see the class); answers false
   * when the lease had lapsed or Redis had lost its data, so that other nodes may have told this
   * node's users offline, or nobody knew them.
   */
  public CompletionStage<Boolean> heartbeat() {
    return heartbeat
        .<List<Object>>run(
            redis,
            new String[] {leases, clock},
            node,
            leaseMillis,
            silenceMillis,
            UUID.randomUUID().toString())
        .thenComposeAsync(
            answer ->
                registerAgain(
                    (Long) answer.get(0) == 1L,
                    (String) answer.get(1),
                    (String) answer.get(2),
                    (Long) answer.get(3) == 1L),
            this::callback)
        .whenComplete((intact, error) -> beats.incrementAndGet());
  }

  /** How many heartbeats this node has made, for tests that await the next one. */
  long beats() {
    return beats.get();
  }

  private CompletionStage<Boolean> registerAgain(
      boolean renewed, String dataEpoch, String dataRun, boolean graceOver) {
    Repair repair;
    boolean intact;
    List<CompletionStage<Void>> writes = new ArrayList<>();
    synchronized (devices) {
      boolean first = epoch == null;
      boolean lost = !first && (!dataEpoch.equals(epoch) || !dataRun.equals(runId));
      epoch = dataEpoch;
      runId = dataRun;
      restoring |= lost;
      intact = first || (renewed && !lost);
      repair = owed;
      if (lost || (repair == Repair.ALL && restoring)) {
        repair = Repair.RESTORE;
      } else if (!intact && repair == Repair.NONE) {
        repair = restoring ? Repair.RESTORE : Repair.ALL;
      } else if (repair == Repair.NONE && restoring && graceOver) {
        restoring = false;
      }
      if (repair == Repair.NONE && !restoring && devices.anyUnsettled()) {
        repair = Repair.UNSETTLED;
      }
      owed = Repair.NONE;
      List<Registration> registrations =
          switch (repair) {
            case NONE -> List.of();
            case UNSETTLED -> devices.toSettleUnsettled();
            case ALL -> devices.toSettleAll();
            case RESTORE -> devices.toRestore();
          };
      boolean restore = repair == Repair.RESTORE;
      for (int from = 0; from < registrations.size(); from += REGISTER_BATCH) {
        List<Registration> batch =
            registrations.subList(from, Math.min(registrations.size(), from + REGISTER_BATCH));
        writes.add(write(batch, repair, from == 0));
      }
      if (restore) {
        writes.add(forgetTheRest());
      }
    }
    if (repair == Repair.ALL || repair == Repair.RESTORE) {
      LOG.log(Level.INFO, "Presence of node " + node + " registers its users again: " + repair);
    }
    return CompletableFuture.allOf(
            writes.stream()
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new))
        .thenApply(done -> intact);
  }

  /** Sends one batch (holding the lock of {@link #devices}); tells whom it answers. */
  private CompletionStage<Void> write(List<Registration> batch, Repair repair, boolean first) {
    String[] args = new String[4 + 3 * batch.size()];
    args[0] = prefix;
    args[1] = node;
    args[2] = epoch;
    args[3] = flag(first);
    int i = 4;
    for (Registration registration : batch) {
      args[i++] = registration.user().value();
      args[i++] = Integer.toString(registration.count());
      args[i++] = registration.mark().code;
    }
    String[] keys =
        repair == Repair.RESTORE
            ? new String[] {leases, clock, written}
            : new String[] {leases, clock};
    return register
        .<List<String>>runInFull(redis, keys, args)
        .handleAsync(
            (told, error) -> {
              if (error != null || told.contains("!")) {
                synchronized (devices) {
                  devices.notRegistered(batch);
                  if (repair != Repair.UNSETTLED && owed != Repair.RESTORE) {
                    owed = repair;
                  }
                }
                LOG.log(
                    Level.WARNING,
                    "Presence of node "
                        + node
                        + " could not register its users again; its next heartbeat will: "
                        + (error == null ? "Redis lost its data again" : error));
                return null;
              }
              for (String change : told) {
                UserId user = UserId.of(change.substring(1));
                tell(change.charAt(0) == '+' ? cameBackOnline : wentOffline, user);
              }
              return null;
            },
            this::callback);
  }

  /**
   * After the batches of a restore (holding the lock of {@link #devices}): forgets what Redis came
   * back with of this node that it no longer counts.
   */
  private CompletionStage<Void> forgetTheRest() {
    return forget
        .<Long>runInFull(redis, new String[] {prefix + "node:" + node, written}, prefix, node)
        .handleAsync(
            (forgotten, error) -> {
              if (error != null) {
                synchronized (devices) {
                  owed = Repair.RESTORE;
                }
                LOG.log(
                    Level.WARNING,
                    "Presence of node " + node + " could not end registering again: " + error);
              }
              return null;
            },
            this::callback);
  }

  /**
   * Cleans up after every node whose lease lapsed; answers the users it told offline (each also
   * handed to the {@code wentOffline} listener), in the order cleaned, and hands each user who had
   * devices there to the {@code devicesLost} listener, with the node. Any number of nodes may sweep
   * at once: each user of a dead node is cleaned by one of them.
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
              String dead = String.valueOf(answer.get(0));
              for (Object user : (List<?>) answer.get(1)) {
                UserId gone = UserId.of(String.valueOf(user));
                told.add(gone);
                tell(wentOffline, gone);
              }
              for (Object user : (List<?>) answer.get(2)) {
                UserId lost = UserId.of(String.valueOf(user));
                tell(u -> devicesLost.accept(u, dead), lost);
              }
              return sweepFrom(told);
            });
  }

  private static void tell(Consumer<UserId> listener, UserId user) {
    try {
      listener.accept(user);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A presence listener failed for " + user, e);
    }
  }

  private void heartbeatQuietly() {
    if (!beating.compareAndSet(false, true)) {
      return;
    }
    heartbeat()
        .whenComplete(
            (intact, error) -> {
              beating.set(false);
              if (error != null) {
                LOG.log(Level.WARNING, "Presence heartbeat of node " + node + " failed", error);
              } else if (!intact) {
                LOG.log(
                    Level.WARNING,
                    "The presence lease of node "
                        + node
                        + " had lapsed, or Redis lost it: its users are registered again");
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
    return new String[] {userKey(user), leases, prefix + "node:" + node, clock};
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
