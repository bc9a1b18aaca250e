package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.service.shared.KeyedSequencer;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Turns across nodes, each node a client of its own on one real Redis: one task at a time per key
 * whichever node runs it, each node's tasks in the order asked, a dead holder's key taken over once
 * its lease lapsed, and Redis away refusing the turn without running the task.
 */
class RedisTurnsTest {
  private static final Duration LEASE = RedisTurns.DEFAULT_LEASE;

  /** Short, for the tests where a holder never lets go. */
  private static final Duration SHORT_LEASE = Duration.ofMillis(800);

  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final AtomicInteger TESTS = new AtomicInteger();

  private RedisServer server;
  private final List<RedisStore> stores = new ArrayList<>();
  private final Map<RedisTurns, RedisStore> storeOf = new HashMap<>();
  private String prefix;

  /** The test's own look at Redis. */
  private RedisAsyncCommands<String, String> redis;

  /** Tasks that have started and wait for the test to end them. */
  private final BlockingQueue<Held> started = new LinkedBlockingQueue<>();

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  private record Held(String name, CompletableFuture<String> gate) {}

  @BeforeEach
  void startRedis() {
    server = RedisServer.start();
    prefix = "turns" + TESTS.incrementAndGet() + ":";
    redis = store().commands();
  }

  @AfterEach
  void stopRedis() {
    stores.forEach(RedisStore::close);
    server.close();
  }

  @Test
  void twoNodesTakeTurnsOnOneKeyEachInItsOwnOrder() throws InterruptedException {
    RedisTurns a = node("a", LEASE);
    RedisTurns b = node("b", LEASE);
    List<String> startedOnA = new CopyOnWriteArrayList<>();
    List<String> startedOnB = new CopyOnWriteArrayList<>();
    List<CompletionStage<String>> results = new ArrayList<>();
    int perNode = 8;
    for (int i = 0; i < perNode; i++) {
      results.add(a.run("chat", heldTask("a" + i, startedOnA)));
      results.add(b.run("chat", heldTask("b" + i, startedOnB)));
    }

    Held task = null;
    for (int i = 0; i < 2 * perNode; i++) {
      task = nextStarted();
      assertThat(running.get()).as("running while " + task.name() + " holds the turn").isEqualTo(1);
      end(task);
    }

    for (int i = 0; i < results.size(); i++) {
      assertThat(done(results.get(i))).isEqualTo((i % 2 == 0 ? "a" : "b") + (i / 2));
    }
    assertThat(mostAtOnce.get()).as("tasks on one key running at once, both nodes").isEqualTo(1);
    assertThat(startedOnA).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    assertThat(startedOnB).containsExactly("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");
    assertThat(heldAsSeenBy(task.name().startsWith("a") ? a : b)).as("released").isFalse();
  }

  @Test
  void differentKeysRunAtOnceOnOneNodeAndAcrossNodes() throws InterruptedException {
    RedisTurns a = node("a", LEASE);
    RedisTurns b = node("b", LEASE);
    List<String> log = new CopyOnWriteArrayList<>();

    CompletionStage<String> x = a.run("x", heldTask("x", log));
    CompletionStage<String> y = a.run("y", heldTask("y", log));
    CompletionStage<String> z = b.run("z", heldTask("z", log));
    List<Held> all = List.of(nextStarted(), nextStarted(), nextStarted());

    assertThat(running.get()).as("three keys, three tasks running").isEqualTo(3);
    all.forEach(this::end);
    assertThat(List.of(done(x), done(y), done(z))).containsExactly("x", "y", "z");
  }

  @Test
  void aFailedTaskFailsItsTurnAndReleasesTheKey() {
    RedisTurns a = node("a", LEASE);
    RedisTurns b = node("b", LEASE);
    IllegalStateException broken = new IllegalStateException("broken");

    assertThat(failure(a.run("chat", () -> CompletableFuture.failedFuture(broken))))
        .isSameAs(broken);
    assertThat(
            failure(
                a.run(
                    "chat",
                    () -> {
                      throw broken;
                    })))
        .isSameAs(broken);

    assertThat(heldAsSeenBy(a)).isFalse();
    assertThat(done(b.run("chat", () -> CompletableFuture.completedFuture("next"))))
        .isEqualTo("next");
  }

  @Test
  void aNodeKilledWhileHoldingAKeyDelaysTheOthersUntilItsLeaseLapses() throws InterruptedException {
    RedisStore dying = store();
    RedisTurns a =
        new RedisTurns(
            dying.commands(), dying.scheduler(), prefix, "a", SHORT_LEASE, new KeyedSequencer());
    RedisTurns b = node("b", SHORT_LEASE);
    long heldSince = System.nanoTime();
    a.run("chat", heldTask("a-never-ends", new ArrayList<>()));
    Held holder = nextStarted();

    dying.close();
    CompletionStage<String> next = b.run("chat", () -> CompletableFuture.completedFuture("b"));

    assertThat(done(next)).isEqualTo("b");
    assertThat(Duration.ofNanos(System.nanoTime() - heldSince))
        .as("B ran only once A's lease lapsed")
        .isGreaterThanOrEqualTo(SHORT_LEASE.minusMillis(50));
    assertThat(holder.gate()).isNotDone();
  }

  @Test
  void aKeyHeldPastTheLeaseAndTheMarginIsUnavailableAndTheTaskNotRun() {
    RedisTurns b = node("b", SHORT_LEASE);
    // A holder that never lets go: a token with no expiry at all.
    done(redis.set(prefix + "turn:chat", "ghost"));
    AtomicBoolean ran = new AtomicBoolean();

    assertThat(failure(b.run("chat", noting(ran, "b"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(ran).isFalse();
    assertThat(done(redis.get(prefix + "turn:chat"))).isEqualTo("ghost");
  }

  @Test
  void aTurnThatOutlivedItsLeaseDoesNotFreeTheKeyOfTheNextHolder() throws InterruptedException {
    RedisTurns a = node("a", SHORT_LEASE);
    RedisTurns b = node("b", LEASE);
    CompletionStage<String> slow = a.run("chat", heldTask("a-slow", new ArrayList<>()));
    Held overrun = nextStarted();
    // A's lease lapses while its task runs: B takes the key.
    CompletionStage<String> taker = b.run("chat", heldTask("b", new ArrayList<>()));
    Held next = nextStarted();
    String bToken = done(redis.get(prefix + "turn:chat"));
    assertThat(bToken).startsWith("b:");

    end(overrun);
    assertThat(done(slow)).isEqualTo("a-slow");
    assertThat(done(a.run("probe", () -> CompletableFuture.completedFuture("ok"))))
        .as("A's release has been answered once A's next command has")
        .isEqualTo("ok");
    assertThat(done(redis.get(prefix + "turn:chat"))).as("B still holds").isEqualTo(bToken);

    end(next);
    assertThat(done(taker)).isEqualTo("b");
    assertThat(heldAsSeenBy(b)).isFalse();
  }

  @Test
  void aTakeThatTimedOutButRanInRedisAfterAllFreesTheKeyAtOnce() {
    RedisStore impatient = done(RedisStore.connect(server.uri(), prefix, Duration.ofMillis(300)));
    stores.add(impatient);
    RedisTurns a = impatient.turns("a", LEASE, new KeyedSequencer());
    // Redis knows the scripts (a command by SHA1 that Redis does not know would not run later).
    assertThat(done(a.run("chat", () -> CompletableFuture.completedFuture("warm"))))
        .isEqualTo("warm");
    AtomicBoolean ran = new AtomicBoolean();

    server.pause();
    try {
      assertThat(failure(a.run("chat", noting(ran, "late"))))
          .isInstanceOf(StoreUnavailableException.class);
    } finally {
      server.resume();
    }

    // The take was sent before its timeout, and Redis runs it once resumed: the key is A's. What A
    // sends next on its connection is answered after whatever A sent about that key.
    assertThat(done(a.run("probe", () -> CompletableFuture.completedFuture("ok")))).isEqualTo("ok");
    assertThat(done(redis.exists(prefix + "turn:chat")))
        .as("the key of the turn that timed out, not held for its lease of %s", LEASE)
        .isZero();
    assertThat(ran).isFalse();
  }

  @Test
  void aKilledRedisRefusesTurnsWithoutRunningThemAndTurnsWorkOnceItIsBack() {
    RedisTurns a = node("a", LEASE);
    assertThat(done(a.run("chat", () -> CompletableFuture.completedFuture("before"))))
        .isEqualTo("before");
    AtomicBoolean ran = new AtomicBoolean();

    server.kill();

    assertThat(failure(a.run("chat", noting(ran, "while down"))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(ran).isFalse();

    server.restart();

    Eventually.until(
        () -> {
          try {
            return done(a.run("chat", () -> CompletableFuture.completedFuture("after")));
          } catch (StoreUnavailableException e) {
            return "unavailable";
          }
        },
        "after"::equals,
        WITHIN);
  }

  /** A task that notes in {@code ran} that it ran, and answers {@code value}. */
  private static Supplier<CompletionStage<String>> noting(AtomicBoolean ran, String value) {
    return () -> {
      ran.set(true);
      return CompletableFuture.completedFuture(value);
    };
  }

  /** A task that counts itself running from its start until the test ends it. */
  private Supplier<CompletionStage<String>> heldTask(String name, List<String> log) {
    return () -> {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      log.add(name);
      CompletableFuture<String> gate = new CompletableFuture<>();
      started.add(new Held(name, gate));
      return gate;
    };
  }

  private Held nextStarted() throws InterruptedException {
    Held task = started.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
    assertThat(task).as("a task started within " + WITHIN).isNotNull();
    return task;
  }

  private void end(Held task) {
    running.decrementAndGet();
    task.gate().complete(task.name());
  }

  private RedisTurns node(String name, Duration lease) {
    RedisStore store = store();
    RedisTurns turns = store.turns(name, lease, new KeyedSequencer());
    storeOf.put(turns, store);
    return turns;
  }

  /**
   * Whether the key of "chat" is held, asked on the node's own connection: after its release, which
   * it sends before a turn's stage completes and Redis runs first.
   */
  private boolean heldAsSeenBy(RedisTurns node) {
    return done(storeOf.get(node).commands().exists(prefix + "turn:chat")) == 1L;
  }

  private RedisStore store() {
    RedisStore store = done(RedisStore.connect(server.uri(), prefix, Duration.ofSeconds(5)));
    stores.add(store);
    return store;
  }
}
