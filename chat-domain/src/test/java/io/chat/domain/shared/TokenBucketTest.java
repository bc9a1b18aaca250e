package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static TokenBucket emptied(TokenBucket bucket, Instant at) {
    TokenBucket next = bucket;
    while (next.allowsAt(at)) {
      next = next.takeAt(at);
    }
    return next;
  }

  @Test
  void aFullBucketAllowsABurstOfItsCapacityThenRefuses() {
    TokenBucket bucket = TokenBucket.full(20, 5, T0);

    for (int i = 0; i < 20; i++) {
      assertThat(bucket.allowsAt(T0)).as("action %d", i + 1).isTrue();
      bucket = bucket.takeAt(T0);
    }

    assertThat(bucket.allowsAt(T0)).isFalse();
    TokenBucket empty = bucket;
    assertThatIllegalStateException().isThrownBy(() -> empty.takeAt(T0));
  }

  @Test
  void tokensComeBackAtTheSustainedRate() {
    TokenBucket empty = emptied(TokenBucket.full(20, 5, T0), T0);

    assertThat(empty.allowsAt(T0.plusMillis(199))).isFalse();
    assertThat(empty.allowsAt(T0.plusMillis(200))).isTrue();
    TokenBucket afterOne = empty.takeAt(T0.plusMillis(200));
    assertThat(afterOne.allowsAt(T0.plusMillis(200))).isFalse();
    assertThat(afterOne.allowsAt(T0.plusMillis(400))).isTrue();
  }

  @Test
  void aSecondRefillsAsManyTokensAsTheRate() {
    TokenBucket refilled = emptied(TokenBucket.full(20, 5, T0), T0).refilledAt(T0.plusSeconds(1));

    assertThat(refilled.tokens()).isEqualTo(5.0);
    assertThat(refilled.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void theBucketNeverHoldsMoreThanItsCapacity() {
    TokenBucket bucket = TokenBucket.full(20, 5, T0).takeAt(T0);

    TokenBucket muchLater = bucket.refilledAt(T0.plus(Duration.ofDays(3)));

    assertThat(muchLater.tokens()).isEqualTo(20.0);
    assertThat(emptiedCount(muchLater, T0.plus(Duration.ofDays(3)))).isEqualTo(20);
  }

  private static int emptiedCount(TokenBucket bucket, Instant at) {
    int count = 0;
    TokenBucket next = bucket;
    while (next.allowsAt(at)) {
      next = next.takeAt(at);
      count++;
    }
    return count;
  }

  @Test
  void theWaitIsZeroWhileATokenIsLeft() {
    assertThat(TokenBucket.full(20, 5, T0).waitAt(T0)).isZero();
  }

  @Test
  void theWaitOfAnEmptyBucketIsTheTimeToRefillOneToken() {
    TokenBucket empty = emptied(TokenBucket.full(20, 5, T0), T0);

    assertThat(empty.waitAt(T0)).isEqualTo(Duration.ofMillis(200));
    assertThat(empty.waitAt(T0.plusMillis(150))).isEqualTo(Duration.ofMillis(50));
    assertThat(empty.waitAt(T0.plusMillis(200))).isZero();
  }

  @Test
  void waitingTheAnnouncedDurationIsEnoughAfterAPartialRefill() {
    // 0.235 tokens left: refilling the missing 0.765 at 5/s lands a hair under 1.0 in binary
    // floating point, which must not refuse the action the wait promised.
    TokenBucket bucket = emptied(TokenBucket.full(2, 5, T0), T0);
    Instant partly = T0.plusMillis(247);
    bucket = bucket.takeAt(partly);
    Instant asked = partly.plusMillis(14);

    Duration wait = bucket.waitAt(asked);

    assertThat(wait).isPositive();
    assertThat(bucket.allowsAt(asked.plus(wait))).isTrue();
    assertThat(bucket.takeAt(asked.plus(wait)).tokens()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void waitingTheAnnouncedDurationIsAlwaysEnough() {
    double[] rates = {0.3, 1, 2.5, 5, 7, 13, 100};
    for (double rate : rates) {
      for (int capacity = 1; capacity <= 20; capacity++) {
        TokenBucket bucket = TokenBucket.full(capacity, rate, T0);
        Instant now = T0;
        for (int i = 0; i < 100; i++) {
          if (!bucket.allowsAt(now)) {
            Duration wait = bucket.waitAt(now);
            assertThat(wait).isPositive();
            now = now.plus(wait);
            assertThat(bucket.allowsAt(now))
                .as("rate %s, capacity %d, action %d", rate, capacity, i)
                .isTrue();
          }
          bucket = bucket.takeAt(now);
          now = now.plusMillis(i % 7 * 13);
        }
      }
    }
  }

  @Test
  void anEarlierInstantDoesNotChangeTheBucket() {
    TokenBucket bucket = TokenBucket.full(20, 5, T0).takeAt(T0);

    assertThat(bucket.refilledAt(T0.minusSeconds(10))).isEqualTo(bucket);
  }

  @Test
  void takingATokenDoesNotChangeTheOriginalBucket() {
    TokenBucket full = TokenBucket.full(3, 1, T0);

    full.takeAt(T0);

    assertThat(full.tokens()).isEqualTo(3.0);
  }

  @Test
  void aBucketHoldsZeroToCapacityTokensAndRefills() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0.5, 5, 0, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, 0, 0, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, -1, 0, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, 5, -0.1, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, 5, 20.1, T0));
  }

  @Test
  void notANumberIsRefusedEverywhere() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(Double.NaN, 5, 0, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, Double.NaN, 0, T0));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(20, 5, Double.NaN, T0));
  }
}
