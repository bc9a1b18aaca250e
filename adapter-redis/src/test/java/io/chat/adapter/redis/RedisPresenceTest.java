package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence across nodes, each node a client of its own: the first and last device told once
 * whichever nodes they are on, and a node that stops heart-beating (its Lettuce client shut down,
 * as when the process is killed) has its users told offline once, by one of the others.
 */
class RedisPresenceTest {
  /** Short leases, so that a dead node is found within a second; awaited, never slept. */
  private static final RedisPresence.Timing QUICK =
      new RedisPresence.Timing(
          Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(50));

  /** Leases as short, but no sweeps of its own: the test sweeps when it chooses. */
  private static final RedisPresence.Timing NO_SWEEPS =
      new RedisPresence.Timing(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofHours(1));

  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisServer server;

  private final List<RedisStore> stores = new ArrayList<>();
  private final List<RedisPresence> presences = new ArrayList<>();
  private final List<UserId> toldOffline = new CopyOnWriteArrayList<>();
  private final List<Lost> lost = new CopyOnWriteArrayList<>();
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
    prefix = "test" + TESTS.incrementAndGet() + ":";
  }

  @AfterEach
  void closeNodes() {
    presences.forEach(RedisPresence::close);
    stores.forEach(RedisStore::close);
  }

  @Test
  void theFirstDeviceOnOneNodeAndTheLastOnAnotherAreEachToldOnce() {
    RedisPresence a = node("a", QUICK);
    RedisPresence b = node("b", QUICK);
    RedisPresence c = node("c", QUICK);

    assertThat(done(a.connect(ALICE))).as("first device, on A").isTrue();
    assertThat(done(b.connect(ALICE))).as("second device, on B").isFalse();
    assertThat(done(c.isOnline(ALICE))).as("as C sees it").isTrue();
    assertThat(done(a.disconnect(ALICE))).as("A's device leaves, B's stays").isFalse();
    assertThat(done(c.isOnline(ALICE))).isTrue();
    assertThat(done(b.disconnect(ALICE))).as("the last device, on B").isTrue();

    assertThat(done(c.isOnline(ALICE))).isFalse();
    assertThat(done(a.disconnect(ALICE))).as("nothing left to take").isFalse();
    assertThat(done(b.disconnect(ALICE))).isFalse();
  }

  @Test
  void devicesOnThreeNodesAtOnceMakeOneFirstAndOneLast() {
    List<RedisPresence> nodes = List.of(node("a", QUICK), node("b", QUICK), node("c", QUICK));

    // Ten devices on each node connect at once, then leave at once, each from its own node.
    List<Boolean> firsts = Concurrently.call(30, i -> nodes.get(i % 3).connect(BOB));
    List<Boolean> lasts = Concurrently.call(30, i -> nodes.get(i % 3).disconnect(BOB));

    assertThat(firsts).containsOnlyOnce(true);
    assertThat(lasts).containsOnlyOnce(true);
    assertThat(done(nodes.get(0).isOnline(BOB))).isFalse();
  }

  @Test
  void aNodeThatStopsHeartBeatingHasItsUsersToldOfflineOnceByAnother() {
    RedisStore dying = store();
    RedisPresence a = presence(dying, "a", QUICK);
    RedisPresence b = node("b", QUICK);
    RedisPresence c = node("c", QUICK);
    done(a.connect(ALICE));
    done(a.connect(ALICE));
    done(a.connect(BOB));
    done(a.connect(CAROL));
    done(b.connect(CAROL));
    done(b.connect(DAVE));

    dying.close();

    Eventually.until(() -> List.copyOf(toldOffline), told -> told.size() >= 2, WITHIN);
    // Both live nodes sweep again, at once: nothing is told twice.
    assertThat(done(b.sweepDeadNodes())).isEmpty();
    assertThat(done(c.sweepDeadNodes())).isEmpty();
    assertThat(toldOffline).containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(done(c.onlineAmong(List.of(ALICE, BOB, CAROL, DAVE))))
        .containsExactlyInAnyOrder(CAROL, DAVE);
    assertThat(done(b.disconnect(CAROL))).as("carol's device on B was her last").isTrue();
    assertThat(done(c.connect(ALICE))).as("alice back, first again").isTrue();
  }

  @Test
  void everyUserWhoHadDevicesOnADeadNodeIsHandedOnceWithTheNodeOnlineOrNot() {
    RedisStore dying = store();
    RedisPresence a = presence(dying, "a", QUICK);
    RedisPresence b = node("b", QUICK);
    RedisPresence c = node("c", QUICK);
    done(a.connect(ALICE));
    done(a.connect(ALICE));
    done(a.connect(BOB));
    done(b.connect(BOB));
    done(b.connect(CAROL));
    done(a.connect(DAVE));
    done(a.disconnect(DAVE));

    dying.close();

    Eventually.until(() -> List.copyOf(lost), gone -> gone.size() >= 2, WITHIN);
    // Both live nodes sweep again, at once: nobody is handed twice.
    assertThat(done(b.sweepDeadNodes())).isEmpty();
    assertThat(done(c.sweepDeadNodes())).isEmpty();
    assertThat(lost)
        .as("bob still has a device on B; carol never was on A; dave left A before it died")
        .containsExactlyInAnyOrder(new Lost(ALICE, "a"), new Lost(BOB, "a"));
    assertThat(toldOffline).containsExactly(ALICE);
  }

  @Test
  void aDeadNodesUsersCountOnlyOnceTheLeaseLapsed() {
    RedisStore dying = store();
    RedisPresence a = presence(dying, "a", QUICK);
    RedisPresence b = node("b", NO_SWEEPS);
    done(a.connect(ALICE));
    assertThat(done(b.isOnline(ALICE))).isTrue();

    dying.close();

    Eventually.until(() -> done(b.isOnline(ALICE)), online -> !online, WITHIN);
    assertThat(done(b.connect(ALICE)))
        .as("back through B before the sweep: her online period never closed, nothing to tell")
        .isFalse();
    assertThat(done(b.sweepDeadNodes())).as("she has a device on a live node").isEmpty();
    assertThat(done(b.isOnline(ALICE))).isTrue();
    assertThat(done(b.disconnect(ALICE))).as("her last device").isTrue();
    assertThat(toldOffline).isEmpty();
  }

  @Test
  void aUserWhoseLastDeviceLeavesALiveNodeIsNotToldAgainWhenADeadOneIsCleaned() {
    RedisStore dying = store();
    RedisPresence a = presence(dying, "a", QUICK);
    RedisPresence b = node("b", NO_SWEEPS);
    done(a.connect(ALICE));
    done(b.connect(ALICE));
    done(a.connect(BOB));

    dying.close();
    // A's lease lapsed (bob, on A only, counts no more); nobody swept yet.
    Eventually.until(() -> done(b.isOnline(BOB)), online -> !online, WITHIN);
    assertThat(done(b.isOnline(ALICE))).isTrue();
    // Her device on A counts no more, and the one on B leaves: told offline here.
    assertThat(done(b.disconnect(ALICE))).isTrue();

    assertThat(done(b.sweepDeadNodes())).as("the sweep tells bob only").containsExactly(BOB);
    assertThat(toldOffline).containsExactly(BOB);
  }

  @Test
  void aDeadNodeWithManyUsersIsCleanedInBatchesEachUserOnce() {
    RedisStore dying = store();
    RedisPresence a = presence(dying, "a", QUICK);
    RedisPresence b = node("b", NO_SWEEPS);
    List<UserId> crowd = IntStream.range(0, 1_234).mapToObj(Users::numbered).toList();
    Concurrently.call(crowd.size(), i -> a.connect(crowd.get(i)));

    dying.close();
    Eventually.until(() -> done(b.onlineAmong(crowd)), Collection::isEmpty, WITHIN);

    assertThat(done(b.sweepDeadNodes())).containsExactlyInAnyOrderElementsOf(crowd);
    assertThat(toldOffline).containsExactlyInAnyOrderElementsOf(crowd);
    assertThat(lost)
        .containsExactlyInAnyOrderElementsOf(crowd.stream().map(u -> new Lost(u, "a")).toList());
    assertThat(done(b.sweepDeadNodes())).isEmpty();
    assertThat(done(stores.get(1).commands().zscore(prefix + "presence:nodes", "a")))
        .as("the dead node is forgotten")
        .isNull();
  }

  @Test
  void aRedisPausedForLongerThanALeaseTellsNobodyOffline() throws InterruptedException {
    // Commands that time out soon, so that every node has several heartbeats and sweeps queued on
    // its connection when Redis resumes, to run in whatever order Redis reads them.
    RedisPresence a = presence(store(Duration.ofMillis(60)), "a", QUICK);
    RedisPresence b = presence(store(Duration.ofMillis(60)), "b", QUICK);
    done(a.connect(ALICE));
    done(b.connect(BOB));
    RedisAsyncCommands<String, String> redis = store().commands();
    // Past the grace that the nodes' first contact opened.
    awaitGraceOver(redis);

    server.pause();
    try {
      // The fault is a span of time: both leases lapse on Redis' clock, heartbeats and sweeps
      // queue up on the nodes' connections meanwhile.
      Thread.sleep(QUICK.lease().multipliedBy(3).toMillis());
    } finally {
      server.resume();
    }

    awaitGraceOver(redis);
    Eventually.until(() -> done(b.onlineAmong(List.of(ALICE, BOB))), on -> on.size() == 2, WITHIN);
    assertThat(done(a.sweepDeadNodes())).isEmpty();
    assertThat(done(b.sweepDeadNodes())).isEmpty();
    assertThat(toldOffline).as("nobody died").isEmpty();
  }

  /** Waits until Redis' clock passed the grace after a silence (none: at once). */
  private void awaitGraceOver(RedisAsyncCommands<String, String> redis) {
    Eventually.until(
        () -> {
          String grace = done(redis.hget(prefix + "presence:clock", "grace"));
          List<String> time = done(redis.time());
          long now = Long.parseLong(time.get(0)) * 1_000 + Long.parseLong(time.get(1)) / 1_000;
          return grace != null && now > Long.parseLong(grace);
        },
        over -> over,
        WITHIN);
  }

  @Test
  void aNodeThatClosesLetsItsLeaseLapseAtOnce() {
    RedisPresence a = node("a", NO_SWEEPS);
    RedisPresence b = node("b", NO_SWEEPS);
    done(a.connect(ALICE));

    a.close();

    List<UserId> cleaned = new ArrayList<>();
    Eventually.until(
        () -> {
          cleaned.addAll(done(b.sweepDeadNodes()));
          return cleaned;
        },
        told -> !told.isEmpty(),
        WITHIN);
    assertThat(cleaned).containsExactly(ALICE);
  }

  @Test
  void aNodeWhoseLeaseLapsedIsToldSoByItsNextHeartbeat() {
    // Not started: no heartbeats but those the test makes.
    RedisStore storeOfA = store();
    RedisPresence a =
        new RedisPresence(
            storeOfA.commands(), storeOfA.scheduler(), prefix, "a", NO_SWEEPS, toldOffline::add);
    RedisPresence b = node("b", NO_SWEEPS);
    assertThat(done(a.heartbeat())).as("a first lease").isTrue();
    done(a.connect(ALICE));

    Eventually.until(() -> done(b.isOnline(ALICE)), online -> !online, WITHIN);

    assertThat(done(a.heartbeat())).as("lapsed").isFalse();
    assertThat(done(a.heartbeat())).as("renewed").isTrue();
  }

  /** A user whose devices went with a dead node, as the listener heard. */
  private record Lost(UserId user, String node) {}

  private RedisPresence node(String name, RedisPresence.Timing timing) {
    return presence(store(), name, timing);
  }

  private RedisPresence presence(RedisStore store, String name, RedisPresence.Timing timing) {
    RedisPresence presence =
        new RedisPresence(
                store.commands(),
                store.scheduler(),
                prefix,
                name,
                timing,
                toldOffline::add,
                user -> {},
                (user, dead) -> lost.add(new Lost(user, dead)))
            .start();
    presences.add(presence);
    return presence;
  }

  private RedisStore store() {
    return store(Duration.ofSeconds(5));
  }

  private RedisStore store(Duration commandTimeout) {
    RedisStore store = done(RedisStore.connect(server.uri(), prefix, commandTimeout));
    stores.add(store);
    return store;
  }
}
