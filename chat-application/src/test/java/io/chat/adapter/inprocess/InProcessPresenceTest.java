package io.chat.adapter.inprocess;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static io.chat.application.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.chat.application.testing.Concurrently;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InProcessPresenceTest {
  private final InProcessPresence presence = new InProcessPresence();

  @Test
  void aUserIsOnlineFromTheFirstDeviceToTheLast() {
    assertThat(done(presence.isOnline(ALICE))).isFalse();

    assertThat(done(presence.connect(ALICE))).as("first device").isTrue();
    assertThat(done(presence.connect(ALICE))).as("second device").isFalse();
    assertThat(done(presence.isOnline(ALICE))).isTrue();

    assertThat(done(presence.disconnect(ALICE))).as("one device left").isFalse();
    assertThat(done(presence.isOnline(ALICE))).isTrue();
    assertThat(done(presence.disconnect(ALICE))).as("last device").isTrue();
    assertThat(done(presence.isOnline(ALICE))).isFalse();
  }

  @Test
  void aDisconnectWithoutConnectChangesNothing() {
    assertThat(done(presence.disconnect(ALICE))).isFalse();

    assertThat(done(presence.connect(ALICE))).isTrue();
  }

  @Test
  void onlineAmongAnswersThoseConnected() {
    done(presence.connect(ALICE));
    done(presence.connect(CAROL));

    assertThat(done(presence.onlineAmong(List.of(ALICE, BOB, CAROL))))
        .containsExactlyInAnyOrder(ALICE, CAROL);
    assertThat(done(presence.onlineAmong(List.of()))).isEmpty();
  }

  @Test
  void concurrentFirstConnectsCountOneFirst() {
    List<Boolean> firsts = Concurrently.call(32, i -> presence.connect(BOB));

    assertThat(firsts).containsOnlyOnce(true);
  }

  @Test
  void devicesComingAndGoingConcurrentlyPairEveryFirstWithALast() {
    List<int[]> changes =
        Concurrently.call(
            8,
            i -> {
              int[] counted = new int[2];
              for (int n = 0; n < 2_000; n++) {
                if (done(presence.connect(ALICE))) {
                  counted[0]++;
                }
                if (done(presence.disconnect(ALICE))) {
                  counted[1]++;
                }
              }
              return CompletableFuture.completedFuture(counted);
            });

    int firsts = changes.stream().mapToInt(c -> c[0]).sum();
    int lasts = changes.stream().mapToInt(c -> c[1]).sum();
    assertThat(firsts).isPositive().isEqualTo(lasts);
    assertThat(done(presence.isOnline(ALICE))).isFalse();
  }
}
