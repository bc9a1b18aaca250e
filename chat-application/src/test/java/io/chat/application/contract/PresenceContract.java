package io.chat.application.contract;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static io.chat.application.testing.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.port.out.Presence;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Users;
import io.chat.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Presence} promises, whether it lives in one process or is shared by several
 * nodes: devices are counted per user; a user is online from their first device's connect to their
 * last device's disconnect; the first connect and the last disconnect of each online period are
 * told exactly once, however many devices come and go at once and on whichever node; a disconnect
 * without a connect never makes the count negative; {@code onlineAmong} answers a snapshot of those
 * asked about who are online.
 */
public abstract class PresenceContract {
  private Presence presence;
  private Presence elsewhere;

  /** A presence of its own, with nobody connected, for each test: one node's view of it. */
  protected abstract Presence newPresence();

  /**
   * The same presence as another node sees it: a shared presence answers a second client of the
   * same store, so that the suite counts devices connected through both. A presence for a single
   * process has one view only and answers {@code presence} itself.
   */
  protected Presence anotherNodeOf(Presence presence) {
    return presence;
  }

  @BeforeEach
  void startWithNobodyConnected() {
    presence = newPresence();
    elsewhere = anotherNodeOf(presence);
  }

  @Test
  void nobodyIsOnlineBeforeTheirFirstConnect() {
    assertThat(done(presence.isOnline(ALICE))).isFalse();
    assertThat(done(presence.onlineAmong(List.of(ALICE, BOB)))).isEmpty();
  }

  @Test
  void theFirstDeviceConnectsTheUserAndIsToldSo() {
    assertThat(done(presence.connect(ALICE))).as("first device").isTrue();

    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.onlineAmong(List.of(ALICE)))).containsExactly(ALICE);
  }

  @Test
  void furtherDevicesAreNotFirst() {
    done(presence.connect(ALICE));

    assertThat(done(presence.connect(ALICE))).as("second device").isFalse();
    assertThat(done(presence.connect(ALICE))).as("third device").isFalse();
    assertThat(done(presence.isOnline(ALICE))).isTrue();
  }

  @Test
  void aUserStaysOnlineUntilTheLastOfTheirDevicesDisconnects() {
    for (int i = 0; i < 3; i++) {
      done(presence.connect(ALICE));
    }

    assertThat(done(presence.disconnect(ALICE))).as("two devices left").isFalse();
    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.disconnect(ALICE))).as("one device left").isFalse();
    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.disconnect(ALICE))).as("last device").isTrue();
    assertThat(done(presence.isOnline(ALICE))).isFalse();
    assertThat(done(presence.onlineAmong(List.of(ALICE)))).isEmpty();
  }

  @Test
  void aUserWhoCameBackIsFirstAgain() {
    done(presence.connect(ALICE));
    done(presence.disconnect(ALICE));

    assertThat(done(presence.connect(ALICE))).as("first device of the next visit").isTrue();
    assertThat(done(presence.disconnect(ALICE))).as("last device of the next visit").isTrue();
  }

  @Test
  void aDisconnectWithoutAConnectIsNotLastAndOwesNothing() {
    assertThat(done(presence.disconnect(ALICE))).isFalse();
    assertThat(done(presence.disconnect(ALICE))).isFalse();
    assertThat(done(presence.isOnline(ALICE))).isFalse();

    // The count did not go below zero: the next device is the first, and its leaving the last.
    assertThat(done(presence.connect(ALICE))).isTrue();
    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.disconnect(ALICE))).isTrue();
  }

  @Test
  void aDisconnectMoreThanConnectedLeavesTheUserOfflineAndTheNextConnectFirst() {
    done(presence.connect(ALICE));
    done(presence.disconnect(ALICE));

    assertThat(done(presence.disconnect(ALICE))).isFalse();

    assertThat(done(presence.connect(ALICE))).isTrue();
  }

  @Test
  void usersAreCountedApart() {
    done(presence.connect(ALICE));
    done(presence.connect(BOB));

    assertThat(done(presence.connect(CAROL))).as("carol's first, whoever else is on").isTrue();
    assertThat(done(presence.disconnect(BOB))).as("bob's last, whoever else is on").isTrue();

    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.isOnline(BOB))).isFalse();
    assertThat(done(presence.isOnline(CAROL))).isTrue();
    assertThat(done(presence.isOnline(DAVE))).isFalse();
  }

  @Test
  void onlineAmongAnswersExactlyThoseAskedAboutWhoAreOnline() {
    done(presence.connect(ALICE));
    done(presence.connect(CAROL));
    done(presence.connect(DAVE));
    done(presence.connect(DAVE));

    assertThat(done(presence.onlineAmong(List.of(ALICE, BOB, CAROL))))
        .as("dave is online but not asked about")
        .containsExactlyInAnyOrder(ALICE, CAROL);
    assertThat(done(presence.onlineAmong(Set.of(BOB)))).isEmpty();
    assertThat(done(presence.onlineAmong(List.of()))).isEmpty();
    assertThat(done(presence.onlineAmong(List.of(DAVE, DAVE, BOB)))).containsExactly(DAVE);
  }

  @Test
  void onlineAmongAnswersWhoWasOnlineThenAndDoesNotFollowLaterChanges() {
    done(presence.connect(ALICE));
    Set<UserId> snapshot = done(presence.onlineAmong(List.of(ALICE, BOB)));

    done(presence.disconnect(ALICE));
    done(presence.connect(BOB));

    assertThat(snapshot).containsExactly(ALICE);
    assertThat(done(presence.onlineAmong(List.of(ALICE, BOB)))).containsExactly(BOB);
  }

  @Test
  void onlineAmongManyUsersFindsEachOneOnline() {
    List<UserId> crowd = IntStream.range(0, 500).mapToObj(Users::numbered).toList();
    List<UserId> even = IntStream.range(0, 250).mapToObj(i -> crowd.get(2 * i)).toList();
    for (UserId user : even) {
      done(presence.connect(user));
    }

    assertThat(done(presence.onlineAmong(crowd))).containsExactlyInAnyOrderElementsOf(even);
  }

  @Test
  void devicesOnTwoNodesCountTogether() {
    assertThat(done(presence.connect(ALICE))).isTrue();
    assertThat(done(elsewhere.connect(ALICE))).as("a second device, on another node").isFalse();
    assertThat(done(elsewhere.isOnline(ALICE))).isTrue();

    assertThat(done(presence.disconnect(ALICE))).isFalse();
    assertThat(done(elsewhere.onlineAmong(List.of(ALICE, BOB)))).containsExactly(ALICE);
    assertThat(done(elsewhere.disconnect(ALICE))).isTrue();
    assertThat(done(presence.isOnline(ALICE))).isFalse();
  }

  @Test
  void manyFirstDevicesAtOnceMakeOneFirst() {
    List<Boolean> firsts =
        Concurrently.call(32, i -> (i % 2 == 0 ? presence : elsewhere).connect(BOB));

    assertThat(firsts).containsOnlyOnce(true);
    assertThat(done(presence.isOnline(BOB))).isTrue();
  }

  @Test
  void manyDevicesLeavingAtOnceMakeOneLast() {
    for (int i = 0; i < 32; i++) {
      done(presence.connect(BOB));
    }

    List<Boolean> lasts =
        Concurrently.call(32, i -> (i % 2 == 0 ? presence : elsewhere).disconnect(BOB));

    assertThat(lasts).containsOnlyOnce(true);
    assertThat(done(presence.isOnline(BOB))).isFalse();
    assertThat(done(presence.connect(BOB))).as("the count is back at zero").isTrue();
  }

  @Test
  void devicesComingAndGoingAtOncePairEveryFirstWithOneLast() {
    List<int[]> counted =
        Concurrently.call(
            8,
            i -> {
              Presence node = i % 2 == 0 ? presence : elsewhere;
              int[] told = new int[2];
              for (int n = 0; n < 500; n++) {
                if (done(node.connect(ALICE))) {
                  told[0]++;
                }
                if (done(node.disconnect(ALICE))) {
                  told[1]++;
                }
              }
              return CompletableFuture.completedFuture(told);
            });

    int firsts = counted.stream().mapToInt(c -> c[0]).sum();
    int lasts = counted.stream().mapToInt(c -> c[1]).sum();
    assertThat(firsts).isPositive().isEqualTo(lasts);
    assertThat(done(presence.isOnline(ALICE))).isFalse();
    assertThat(done(presence.connect(ALICE))).as("the count is back at zero").isTrue();
  }

  @Test
  void manyUsersConnectingAndLeavingAtOnceEndInTheRightState() {
    // Forty users, three devices each, all connecting at once; then two devices of every user and
    // all three of every fourth user leave at once.
    List<UserId> users = IntStream.range(0, 40).mapToObj(Users::numbered).toList();
    List<UserId> connects = new ArrayList<>();
    List<UserId> disconnects = new ArrayList<>();
    for (UserId user : users) {
      connects.addAll(List.of(user, user, user));
      int leaving = users.indexOf(user) % 4 == 0 ? 3 : 2;
      for (int d = 0; d < leaving; d++) {
        disconnects.add(user);
      }
    }

    List<Boolean> firsts =
        Concurrently.call(
            connects.size(), i -> (i % 2 == 0 ? presence : elsewhere).connect(connects.get(i)));
    List<Boolean> lasts =
        Concurrently.call(
            disconnects.size(),
            i -> (i % 2 == 0 ? presence : elsewhere).disconnect(disconnects.get(i)));

    assertThat(firsts).as("one first per user").filteredOn(f -> f).hasSize(users.size());
    List<UserId> gone = users.stream().filter(u -> users.indexOf(u) % 4 == 0).toList();
    assertThat(lasts).as("one last per user who left").filteredOn(l -> l).hasSize(gone.size());
    List<UserId> stayed = users.stream().filter(u -> !gone.contains(u)).toList();
    assertThat(done(presence.onlineAmong(users))).containsExactlyInAnyOrderElementsOf(stayed);
    assertThat(done(elsewhere.onlineAmong(users))).containsExactlyInAnyOrderElementsOf(stayed);
    for (UserId user : stayed) {
      assertThat(done(presence.disconnect(user))).as("%s had one device left", user).isTrue();
    }
  }
}
