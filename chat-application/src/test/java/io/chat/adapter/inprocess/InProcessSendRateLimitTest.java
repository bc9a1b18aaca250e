package io.chat.adapter.inprocess;

import static io.chat.application.testing.Await.done;
import static io.chat.application.testing.Users.ALICE;
import static io.chat.application.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Times;
import io.chat.application.testing.Users;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InProcessSendRateLimitTest {
  private final MutableClock clock = new MutableClock(Times.T0);

  @Test
  void byDefaultTwentySendsPassAtOnceAndThenFivePerSecond() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(clock);

    for (int i = 0; i < 20; i++) {
      assertThat(done(limit.acquire(ALICE))).as("send %d", i + 1).isEmpty();
    }
    assertThat(done(limit.acquire(ALICE))).contains(Duration.ofMillis(200));

    clock.advance(Duration.ofMillis(200));
    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).contains(Duration.ofMillis(200));
  }

  @Test
  void theWaitShrinksAsTimePasses() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(1, 2, clock);
    done(limit.acquire(ALICE));

    clock.advance(Duration.ofMillis(100));

    assertThat(done(limit.acquire(ALICE))).contains(Duration.ofMillis(400));
  }

  @Test
  void burstAndRateComeFromTheConstructor() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(3, 0.5, clock);

    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).contains(Duration.ofSeconds(2));
  }

  @Test
  void usersHaveAllowancesOfTheirOwn() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(1, 1, clock);

    assertThat(done(limit.acquire(ALICE))).isEmpty();
    assertThat(done(limit.acquire(ALICE))).isPresent();
    assertThat(done(limit.acquire(BOB))).isEmpty();
  }

  @Test
  void concurrentSendsAtOneInstantPassNoMoreThanTheBurst() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(clock);

    List<Optional<Duration>> outcomes = Concurrently.call(100, i -> limit.acquire(ALICE));

    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(20);
  }

  @Test
  void idleUsersWhoseAllowanceRefilledAreForgotten() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(clock);
    for (int i = 0; i < 1_000; i++) {
      done(limit.acquire(Users.numbered(i)));
    }
    assertThat(limit.trackedUsers()).isEqualTo(1_000);

    // Twenty tokens at five a second: four seconds refill any bucket.
    clock.advance(Duration.ofSeconds(4));
    done(limit.acquire(ALICE));

    assertThat(limit.trackedUsers()).isEqualTo(1);
  }

  @Test
  void usersWhoseAllowanceIsStillRefillingKeepWhatIsLeftOfIt() {
    InProcessSendRateLimit limit = new InProcessSendRateLimit(clock);
    clock.advance(Duration.ofSeconds(3));
    for (int i = 0; i < 20; i++) {
      done(limit.acquire(BOB));
    }

    // Four seconds after the start the next call sweeps; Bob has refilled five tokens only.
    clock.advance(Duration.ofSeconds(1));
    done(limit.acquire(ALICE));

    assertThat(limit.trackedUsers()).isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      assertThat(done(limit.acquire(BOB))).as("refilled send %d", i + 1).isEmpty();
    }
    assertThat(done(limit.acquire(BOB))).isPresent();
  }

  @Test
  void aLimitThatAllowsNothingIsRefused() {
    assertThatThrownBy(() -> new InProcessSendRateLimit(0, 5, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InProcessSendRateLimit(5, 0, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
