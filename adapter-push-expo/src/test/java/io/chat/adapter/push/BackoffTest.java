package io.chat.adapter.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void eachRetryWaitsBetweenHalfAndAllOfADoublingStep() {
    assertThat(backoff.before(1, Optional.empty(), 0.0)).contains(Duration.ofMillis(50));
    assertThat(backoff.before(1, Optional.empty(), 0.999)).contains(Duration.ofMillis(99));
    assertThat(backoff.before(2, Optional.empty(), 0.0)).contains(Duration.ofMillis(100));
    assertThat(backoff.before(3, Optional.empty(), 0.5)).contains(Duration.ofMillis(300));
  }

  @Test
  void theStepStopsGrowingAtTheCap() {
    assertThat(backoff.before(30, Optional.empty(), 0.999)).contains(Duration.ofMillis(1999));
    assertThat(backoff.before(Integer.MAX_VALUE, Optional.empty(), 0.0))
        .contains(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheBackoffWins() {
    assertThat(backoff.before(1, Optional.of(Duration.ofSeconds(1)), 0.0))
        .contains(Duration.ofSeconds(1));
    assertThat(backoff.before(3, Optional.of(Duration.ofMillis(10)), 0.0))
        .contains(Duration.ofMillis(200));
  }

  @Test
  void aRetryAfterBeyondTheCapMeansGiveUp() {
    assertThat(backoff.before(1, Optional.of(Duration.ofSeconds(3)), 0.0)).isEmpty();
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2025-01-01T12:00:00Z");
    assertThat(Backoff.parseRetryAfter(Optional.of(" 7 "), now)).contains(Duration.ofSeconds(7));
    assertThat(Backoff.parseRetryAfter(Optional.of("Wed, 01 Jan 2025 12:00:30 GMT"), now))
        .contains(Duration.ofSeconds(30));
    assertThat(Backoff.parseRetryAfter(Optional.of("Wed, 01 Jan 2025 11:00:00 GMT"), now))
        .contains(Duration.ZERO);
    assertThat(Backoff.parseRetryAfter(Optional.of("soon"), now)).isEmpty();
    assertThat(Backoff.parseRetryAfter(Optional.empty(), now)).isEmpty();
  }
}
