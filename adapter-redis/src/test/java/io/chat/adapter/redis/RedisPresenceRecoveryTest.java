package io.chat.adapter.redis;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Await.failure;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static io.chat.application.testing.Users.ERIN;
import static io.chat.application.testing.Users.FRANK;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.StoreUnavailableException;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node registers its devices again when Redis may have lost them: after Redis restarted (empty,
 * or from an older snapshot), and after its own lease lapsed and another node swept its users. What
 * partners are told alternates and ends true: users swept offline while connected are told online
 * again, once; users nobody told offline are told nothing; calls that failed while Redis was away
 * are told once it is back.
 */
class RedisPresenceRecoveryTest {
  /** Short leases, so that a restart's grace is over within a second; awaited, never slept. */
  private static final RedisPresence.Timing QUICK =
      new RedisPresence.Timing(
          Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(50));

  /** Leases as short, but no sweeps of its own: the test sweeps when it chooses. */
  private static final RedisPresence.Timing NO_SWEEPS =
      new RedisPresence.Timing(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofHours(1));

  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final AtomicInteger TESTS = new AtomicInteger();

  private RedisServer server;
  private String prefix;
  private final List<RedisStore> stores = new ArrayList<>();
  private final List<RedisPresence> presences = new ArrayList<>();

  /** A node and what its listeners were told. */
  private record Node(RedisPresence presence, List<UserId> offline, List<UserId> online) {}

  @BeforeEach
  void startRedis() {
    server = RedisServer.start();
    prefix = "recovery" + TESTS.incrementAndGet() + ":";
  }

  @AfterEach
  void stopRedis() {
    presences.forEach(RedisPresence::close);
    stores.forEach(RedisStore::close);
    server.close();
  }

  @Test
  void afterRedisRestartedEmptyEachNodesUsersAreOnlineAgainAndNobodyIsTold() {
    Node a = node("a", QUICK);
    Node b = node("b", QUICK);
    done(a.presence().connect(ALICE));
    done(a.presence().connect(ALICE));
    done(a.presence().connect(BOB));
    done(b.presence().connect(BOB));
    done(b.presence().connect(CAROL));

    server.restart();

    Eventually.until(
        () -> onlineAmongOnceBack(a, ALICE, BOB, CAROL), online -> online.size() == 3, WITHIN);
    assertThat(onlineAmong(b, ALICE, BOB, CAROL)).hasSize(3);
    awaitSettled(a, b);
    assertThat(told(a, b)).as("nobody was told offline: nobody is told online again").isEmpty();

    // The counts are the devices' own: each user's last device takes them offline, once.
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's first of two").isFalse();
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's last").isTrue();
    assertThat(done(a.presence().disconnect(BOB))).as("bob has a device on B").isFalse();
    assertThat(done(b.presence().disconnect(BOB))).as("bob's last").isTrue();
    assertThat(done(b.presence().disconnect(CAROL))).as("carol's last").isTrue();
    assertThat(onlineAmong(b, ALICE, BOB, CAROL)).isEmpty();
    assertThat(done(a.presence().disconnect(ALICE))).as("nothing left to take").isFalse();
    assertThat(done(b.presence().connect(ALICE))).as("alice back: first again").isTrue();
    assertThat(told(a, b)).isEmpty();
  }

  @Test
  void afterRedisRestartedFromAnOlderSnapshotTheNodesCountsAreThoseOfNow() {
    Node a = node("a", QUICK);
    done(a.presence().connect(ALICE));
    done(a.presence().connect(BOB));
    server.save();
    // After the snapshot: Redis will come back without these.
    done(a.presence().connect(CAROL));
    done(a.presence().disconnect(BOB));

    server.restart();

    Eventually.until(
        () -> Set.copyOf(onlineAmongOnceBack(a, ALICE, BOB, CAROL)),
        online -> online.equals(Set.of(ALICE, CAROL)),
        WITHIN);
    awaitSettled(a);
    assertThat(told(a)).isEmpty();
    assertThat(done(a.presence().disconnect(CAROL))).as("carol's one device").isTrue();
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's one device").isTrue();
    assertThat(done(a.presence().disconnect(BOB))).as("bob had left already").isFalse();
  }

  @Test
  void callsThatFailedWhileRedisWasDownAreToldOnceItIsBack() {
    RedisStore storeOfA = store(Duration.ofSeconds(1));
    Node a = unstarted(storeOfA, "a", QUICK);
    a.presence().start();
    done(a.presence().connect(ALICE));
    done(a.presence().connect(ERIN));

    server.kill();
    // Refused at once from now on, not timing out on a connection not yet known to be dead.
    awaitDisconnected(storeOfA);
    // The sockets exist, or are gone, whatever Redis said: this node counts them so.
    assertThat(failure(a.presence().connect(DAVE))).isInstanceOf(StoreUnavailableException.class);
    assertThat(failure(a.presence().connect(ALICE))).isInstanceOf(StoreUnavailableException.class);
    assertThat(failure(a.presence().disconnect(ERIN)))
        .isInstanceOf(StoreUnavailableException.class);
    server.restart();

    Eventually.until(() -> List.copyOf(a.online()), told -> !told.isEmpty(), WITHIN);
    Eventually.until(() -> List.copyOf(a.offline()), told -> !told.isEmpty(), WITHIN);
    awaitSettled(a);
    assertThat(a.online()).as("dave's connect told nobody: now they are").containsExactly(DAVE);
    assertThat(a.offline()).as("erin's disconnect told nobody: now they are").containsExactly(ERIN);
    assertThat(onlineAmong(a, ALICE, DAVE, ERIN)).containsExactlyInAnyOrder(ALICE, DAVE);
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's first of two").isFalse();
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's last").isTrue();
    assertThat(done(a.presence().disconnect(DAVE))).as("dave's last").isTrue();
  }

  @Test
  void callsBeforeEveryNodeRegisteredAgainLeaveTheMarksToBeSettledOnce() {
    // A lease long enough for the test to call while the grace after the restart lasts.
    RedisPresence.Timing slowGrace =
        new RedisPresence.Timing(
            Duration.ofSeconds(4), Duration.ofMillis(100), Duration.ofHours(1));
    Node a = node("a", slowGrace);
    // B registers again only when the test lets it.
    RedisStore storeOfB = store();
    Node b = unstarted(storeOfB, "b", slowGrace);
    assertThat(done(b.presence().heartbeat())).isTrue();
    done(a.presence().connect(ALICE));
    done(b.presence().connect(BOB));

    server.restart();
    Eventually.until(() -> onlineAmongOnceBack(a, ALICE), online -> online.size() == 1, WITHIN);

    assertThat(done(a.presence().connect(BOB)))
        .as("bob was told online, though his device on B is not registered again yet")
        .isFalse();
    assertThat(done(a.presence().connect(FRANK))).as("frank's first device, told later").isFalse();
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's last, told later").isFalse();
    awaitConnected(storeOfB);
    assertThat(done(b.presence().connect(ERIN))).as("B counts nothing in data it lost").isFalse();
    assertThat(done(b.presence().heartbeat())).as("B registers again").isFalse();
    b.presence().start();
    Eventually.until(() -> told(a, b), told -> told.size() >= 3, WITHIN);
    awaitSettled(a, b);

    assertThat(a.online()).containsExactly(FRANK);
    assertThat(a.offline()).containsExactly(ALICE);
    assertThat(b.online()).containsExactly(ERIN);
    assertThat(b.offline()).isEmpty();
    assertThat(onlineAmong(a, ALICE, BOB, ERIN, FRANK)).containsExactlyInAnyOrder(BOB, ERIN, FRANK);
    assertThat(done(a.presence().disconnect(BOB))).as("bob has a device on B").isFalse();
    assertThat(done(b.presence().disconnect(BOB))).as("bob's last").isTrue();
    assertThat(done(b.presence().disconnect(ERIN))).as("erin's last").isTrue();
    assertThat(done(a.presence().disconnect(FRANK))).as("frank's last").isTrue();
    assertThat(done(a.presence().connect(ALICE))).as("alice back: first again").isTrue();
  }

  @Test
  void aSweptNodeRegistersItsUsersAgainAndTellsThoseSweptOnlineOnce() {
    // A runs no heartbeat of its own until the test lets it: its lease lapses.
    RedisStore storeOfA = store();
    Node a = unstarted(storeOfA, "a", NO_SWEEPS);
    Node b = node("b", NO_SWEEPS);
    assertThat(done(a.presence().heartbeat())).as("a first lease").isTrue();
    done(a.presence().connect(ALICE));
    done(a.presence().connect(ALICE));
    done(a.presence().connect(BOB));
    done(a.presence().connect(DAVE));
    done(b.presence().connect(DAVE));
    done(b.presence().connect(CAROL));

    Eventually.until(() -> onlineAmong(b, ALICE, BOB), List::isEmpty, WITHIN);
    assertThat(sweptBy(b, 2)).as("dave has a device on B").containsExactlyInAnyOrder(ALICE, BOB);

    assertThat(done(a.presence().heartbeat())).as("lapsed, and swept").isFalse();
    a.presence().start();
    assertThat(a.online()).as("alice and bob, still here").containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(onlineAmong(b, ALICE, BOB, CAROL, DAVE)).hasSize(4);
    Eventually.until(() -> a.presence().beats(), beats -> beats >= 4, WITHIN);
    assertThat(done(b.presence().sweepDeadNodes())).isEmpty();

    assertThat(told(a, b)).as("one offline, then one online, each").hasSize(4);
    assertThat(b.offline()).containsExactlyInAnyOrder(ALICE, BOB);
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's first of two").isFalse();
    assertThat(done(a.presence().disconnect(ALICE))).as("alice's last").isTrue();
    assertThat(done(a.presence().disconnect(BOB))).as("bob's last").isTrue();
    assertThat(done(a.presence().disconnect(DAVE))).as("dave has a device on B").isFalse();
    assertThat(done(b.presence().disconnect(DAVE))).as("dave's last").isTrue();
    assertThat(onlineAmong(b, ALICE, BOB, CAROL, DAVE)).containsExactly(CAROL);
  }

  @Test
  void aLapsedLeaseThatNobodySweptIsRenewedTellingNobody() {
    RedisStore storeOfA = store();
    Node a = unstarted(storeOfA, "a", NO_SWEEPS);
    Node b = node("b", NO_SWEEPS);
    assertThat(done(a.presence().heartbeat())).isTrue();
    done(a.presence().connect(ALICE));
    Eventually.until(() -> done(b.presence().isOnline(ALICE)), online -> !online, WITHIN);

    assertThat(done(a.presence().heartbeat())).as("lapsed").isFalse();
    a.presence().start();

    assertThat(done(b.presence().isOnline(ALICE))).isTrue();
    assertThat(done(a.presence().heartbeat())).as("renewed").isTrue();
    assertThat(told(a, b)).isEmpty();
    assertThat(done(a.presence().disconnect(ALICE))).isTrue();
  }

  @Test
  void manyUsersOfASweptNodeAreRegisteredAgainInBatchesEachToldOnce() {
    RedisStore storeOfA = store();
    Node a = unstarted(storeOfA, "a", NO_SWEEPS);
    Node b = node("b", NO_SWEEPS);
    done(a.presence().heartbeat());
    List<UserId> crowd = IntStream.range(0, 1_234).mapToObj(Users::numbered).toList();
    Concurrently.call(crowd.size(), i -> a.presence().connect(crowd.get(i)));
    Eventually.until(() -> done(b.presence().onlineAmong(crowd)), Set::isEmpty, WITHIN);
    assertThat(sweptBy(b, crowd.size())).hasSameSizeAs(crowd);

    assertThat(done(a.presence().heartbeat())).isFalse();
    a.presence().start();

    assertThat(a.online()).containsExactlyInAnyOrderElementsOf(crowd);
    assertThat(b.offline()).containsExactlyInAnyOrderElementsOf(crowd);
    assertThat(done(b.presence().onlineAmong(crowd))).hasSameSizeAs(crowd);
    long beats = a.presence().beats();
    Eventually.until(() -> a.presence().beats(), now -> now >= beats + 2, WITHIN);
    assertThat(a.online()).as("each once").hasSameSizeAs(crowd);
    assertThat(done(b.presence().sweepDeadNodes())).isEmpty();
  }

  @Test
  void manyUsersAreRegisteredAgainAfterARestartTellingNobody() {
    Node a = node("a", QUICK);
    List<UserId> crowd = IntStream.range(0, 2_345).mapToObj(Users::numbered).toList();
    Concurrently.call(crowd.size(), i -> a.presence().connect(crowd.get(i)));

    server.restart();

    Eventually.until(
        () -> {
          try {
            return done(a.presence().onlineAmong(crowd)).size();
          } catch (StoreUnavailableException e) {
            return 0;
          }
        },
        online -> online == crowd.size(),
        WITHIN);
    awaitSettled(a);
    assertThat(told(a)).isEmpty();
  }

  private List<UserId> onlineAmong(Node node, UserId... users) {
    return List.copyOf(done(node.presence().onlineAmong(List.of(users))));
  }

  /** As {@link #onlineAmong}, nobody while the node's connection to Redis is coming back. */
  private List<UserId> onlineAmongOnceBack(Node node, UserId... users) {
    try {
      return onlineAmong(node, users);
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  /** Sweeps from {@code node} until it cleaned {@code count} users (a grace may delay it). */
  private List<UserId> sweptBy(Node node, int count) {
    List<UserId> cleaned = new ArrayList<>();
    Eventually.until(
        () -> {
          cleaned.addAll(done(node.presence().sweepDeadNodes()));
          return cleaned.size();
        },
        size -> size >= count,
        WITHIN);
    return cleaned;
  }

  private static List<UserId> told(Node... nodes) {
    List<UserId> all = new ArrayList<>();
    for (Node node : nodes) {
      all.addAll(node.offline());
      all.addAll(node.online());
    }
    return all;
  }

  /** Waits until the store's connection is known to be down. */
  private static void awaitDisconnected(RedisStore store) {
    Eventually.until(
        () -> {
          try {
            done(store.commands().ping());
            return false;
          } catch (RuntimeException e) {
            return true;
          }
        },
        down -> down,
        WITHIN);
  }

  /** Waits until the store's connection is back after Redis restarted. */
  private static void awaitConnected(RedisStore store) {
    Eventually.until(
        () -> {
          try {
            return "PONG".equals(done(store.commands().ping()));
          } catch (RuntimeException e) {
            return false;
          }
        },
        back -> back,
        WITHIN);
  }

  /**
   * Waits until the grace after Redis' restart is over on its clock and each node has had two
   * heartbeats since: whatever it had to settle, it has.
   */
  private void awaitSettled(Node... nodes) {
    RedisAsyncCommands<String, String> redis = store().commands();
    Eventually.until(
        () -> {
          try {
            String grace = done(redis.hget(prefix + "presence:clock", "grace"));
            List<String> time = done(redis.time());
            long now = Long.parseLong(time.get(0)) * 1_000 + Long.parseLong(time.get(1)) / 1_000;
            return grace != null && now > Long.parseLong(grace);
          } catch (StoreUnavailableException e) {
            return false;
          }
        },
        over -> over,
        WITHIN);
    for (Node node : nodes) {
      long beats = node.presence().beats();
      Eventually.until(() -> node.presence().beats(), now -> now >= beats + 2, WITHIN);
    }
  }

  private Node node(String name, RedisPresence.Timing timing) {
    RedisStore store = store();
    Node node = unstarted(store, name, timing);
    node.presence().start();
    return node;
  }

  private Node unstarted(RedisStore store, String name, RedisPresence.Timing timing) {
    List<UserId> offline = new CopyOnWriteArrayList<>();
    List<UserId> online = new CopyOnWriteArrayList<>();
    RedisPresence presence =
        new RedisPresence(
            store.commands(), store.scheduler(), prefix, name, timing, offline::add, online::add);
    presences.add(presence);
    return new Node(presence, offline, online);
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
