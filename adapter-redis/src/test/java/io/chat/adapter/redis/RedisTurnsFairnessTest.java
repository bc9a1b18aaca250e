package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.service.shared.KeyedSequencer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Turns on a hot key between nodes that each have a queue on it: the key goes to the node that
 * waits rather than back to the node that just released it, so both make progress, in turns; and a
 * waiter that vanished holds the key up for a moment only.
 */
class RedisTurnsFairnessTest {
  /** Short: a node kept waiting past it (and the margin) fails, as a 503 would. */
  private static final Duration LEASE = Duration.ofMillis(800);

  private static final int TURNS = 200;
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisServer server;

  private final List<RedisStore> stores = new ArrayList<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private String prefix;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void keysOfItsOwn() {
    prefix = "fair" + TESTS.incrementAndGet() + ":";
  }

  @AfterEach
  void closeNodes() {
    stores.forEach(RedisStore::close);
  }

  @Test
  void twoNodesWithAQueueOnOneKeyEachTakeTurnsAndBothFinish() {
    RedisTurns a = node("a");
    RedisTurns b = node("b");
    List<CompletionStage<String>> onA = new ArrayList<>();
    List<CompletionStage<String>> onB = new ArrayList<>();

    // Every turn asked at once: each node has a queue on "chat" from the start to its end.
    for (int i = 0; i < TURNS; i++) {
      onA.add(a.run("chat", shortTask("a" + i)));
      onB.add(b.run("chat", shortTask("b" + i)));
    }

    for (int i = 0; i < TURNS; i++) {
      assertThat(done(onA.get(i))).as("A's turn %s, within its lease", i).isEqualTo("a" + i);
      assertThat(done(onB.get(i))).as("B's turn %s, within its lease", i).isEqualTo("b" + i);
    }
    assertThat(mostAtOnce.get()).as("tasks on one key running at once").isEqualTo(1);
    List<String> byA = order.stream().filter(turn -> turn.startsWith("a")).toList();
    List<String> byB = order.stream().filter(turn -> turn.startsWith("b")).toList();
    assertThat(byA).as("A's turns in the order asked").isEqualTo(names("a"));
    assertThat(byB).as("B's turns in the order asked").isEqualTo(names("b"));
    assertThat(order.indexOf("b0"))
        .as("B's first turn, before A's last")
        .isLessThan(order.indexOf("a" + (TURNS - 1)));
    assertThat(order.indexOf("a0"))
        .as("A's first turn, before B's last")
        .isLessThan(order.indexOf("b" + (TURNS - 1)));
    // Once both wait, the key goes from one node to the other at every release: nearly one switch
    // per turn. Taking it back at once, a node would switch a handful of times at most.
    assertThat(switches()).as("turns that follow the other node's: %s", order).isGreaterThan(TURNS);
  }

  @Test
  void aWaiterThatVanishedHoldsTheKeyUpOnlyForAMoment() {
    RedisTurns a = node("a");
    // A node marked itself waiting, then died (or gave up): the next release hands it the key.
    done(stores.get(0).commands().psetex(prefix + "turnwait:chat", 10_000, "ghost"));

    assertThat(done(a.run("chat", shortTask("a0")))).isEqualTo("a0");
    assertThat(done(stores.get(0).commands().get(prefix + "turn:chat")))
        .as("handed over to the ghost")
        .isEqualTo("~ghost");
    assertThat(done(a.run("chat", shortTask("a1"))))
        .as("the handover lapses long before the lease and margin")
        .isEqualTo("a1");
    assertThat(done(stores.get(0).commands().exists(prefix + "turn:chat"))).isZero();
  }

  @Test
  void aNodeAloneOnAKeyLeavesNoWaitingMark() {
    RedisTurns a = node("a");
    List<CompletionStage<String>> turns = new ArrayList<>();
    for (int i = 0; i < TURNS; i++) {
      turns.add(a.run("chat", shortTask("a" + i)));
    }

    turns.forEach(turn -> done(turn));
    assertThat(order).isEqualTo(names("a"));
    assertThat(
            done(stores.get(0).commands().exists(prefix + "turnwait:chat", prefix + "turn:chat")))
        .as("no mark, nothing handed over, the key free")
        .isZero();
  }

  /** A task that runs at once, noting its turn and whether another ran meanwhile. */
  private Supplier<CompletionStage<String>> shortTask(String name) {
    return () -> {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      order.add(name);
      running.decrementAndGet();
      return CompletableFuture.completedFuture(name);
    };
  }

  private int switches() {
    int switches = 0;
    for (int i = 1; i < order.size(); i++) {
      if (order.get(i).charAt(0) != order.get(i - 1).charAt(0)) {
        switches++;
      }
    }
    return switches;
  }

  private static List<String> names(String node) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < TURNS; i++) {
      names.add(node + i);
    }
    return names;
  }

  private RedisTurns node(String name) {
    RedisStore store = done(RedisStore.connect(server.uri(), prefix, Duration.ofSeconds(5)));
    stores.add(store);
    return store.turns(name, LEASE, new KeyedSequencer());
  }
}
