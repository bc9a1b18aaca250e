package io.chat.application.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.testing.Await;
import io.chat.application.testing.Times;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
  private final MutableClock clock = new MutableClock(Times.T0);
  private final AtomicInteger loads = new AtomicInteger();

  private CompletionStage<String> load() {
    return Stages.done("answer " + loads.incrementAndGet());
  }

  @Test
  void anAnswerIsKeptForItsTimeThenLoadedAgain() {
    var cache = new ExpiringCache<String, String>(Duration.ofSeconds(10), 10, clock);

    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 1");
    clock.advance(Duration.ofSeconds(9));
    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void answersNotWorthKeepingAreLoadedEveryTime() {
    var cache = new ExpiringCache<String, String>(Duration.ofSeconds(10), 10, clock);

    cache.get("k", this::load, v -> false);
    cache.get("k", this::load, v -> false);

    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aZeroTimeKeepsNothing() {
    var cache = new ExpiringCache<String, String>(Duration.ZERO, 10, clock);

    cache.get("k", this::load, v -> true);
    cache.get("k", this::load, v -> true);

    assertThat(loads).hasValue(2);
  }

  @Test
  void anInvalidatedKeyIsLoadedAgainAtOnce() {
    var cache = new ExpiringCache<String, String>(Duration.ofSeconds(10), 10, clock);
    cache.get("k", this::load, v -> true);

    cache.invalidate("k");

    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 2");
  }

  @Test
  void anAnswerLoadingWhileAnInvalidationRunsIsNotKept() {
    var cache = new ExpiringCache<String, String>(Duration.ofSeconds(10), 10, clock);
    var slow = new CompletableFuture<String>();
    CompletionStage<String> first = cache.get("k", () -> slow, v -> true);

    cache.invalidate("k"); // the change is stored while the old answer is on its way
    slow.complete("stale");

    assertThat(Await.done(first)).isEqualTo("stale");
    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 1");
  }

  @Test
  void theNumberOfKeptAnswersIsBounded() {
    var cache = new ExpiringCache<Integer, String>(Duration.ofSeconds(10), 3, clock);

    for (int key = 0; key < 10; key++) {
      cache.get(key, this::load, v -> true);
      assertThat(cache.size()).isBetween(1, 3);
    }
  }

  @Test
  void aFailedLoadIsNotKept() {
    var cache = new ExpiringCache<String, String>(Duration.ofSeconds(10), 10, clock);

    Await.failure(
        cache.get(
            "k", () -> CompletableFuture.failedFuture(new IllegalStateException()), v -> true));

    assertThat(Await.done(cache.get("k", this::load, v -> true))).isEqualTo("answer 1");
  }
}
