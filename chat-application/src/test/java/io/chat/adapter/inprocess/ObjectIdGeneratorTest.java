package io.chat.adapter.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.adapter.inmemory.MutableClock;
import io.chat.application.testing.Concurrently;
import io.chat.application.testing.Times;
import io.chat.domain.shared.ObjectIdText;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObjectIdGeneratorTest {
  private final MutableClock clock = new MutableClock(Times.T0);

  @Test
  void idsAreTwentyFourLowerCaseHexDigits() {
    ObjectIdGenerator ids = new ObjectIdGenerator(clock);

    for (int i = 0; i < 100; i++) {
      String id = ids.next();
      assertThat(id).matches("[0-9a-f]{24}");
      assertThat(ObjectIdText.isObjectId(id)).isTrue();
    }
    assertThat(ids.newChatId().value()).hasSize(24);
    assertThat(ids.newMessageId().value()).hasSize(24);
  }

  @Test
  void anIdStartsWithTheClocksSecondsAndCarriesTheProcessBytes() {
    ObjectIdGenerator ids = new ObjectIdGenerator(clock);

    String first = ids.next();
    clock.advance(Duration.ofMillis(2_500));
    String second = ids.next();

    assertThat(Long.parseLong(first.substring(0, 8), 16)).isEqualTo(Times.T0.getEpochSecond());
    assertThat(Long.parseLong(second.substring(0, 8), 16)).isEqualTo(Times.T0.getEpochSecond() + 2);
    assertThat(second.substring(8, 18)).isEqualTo(first.substring(8, 18));
  }

  @Test
  void theCounterGrowsByOneWithEachIdAndWrapsAtThreeBytes() {
    ObjectIdGenerator ids = new ObjectIdGenerator(clock);

    int previous = counter(ids.next());
    for (int i = 0; i < 1_000; i++) {
      int next = counter(ids.next());
      assertThat(next).isEqualTo((previous + 1) & 0xFFFFFF);
      previous = next;
    }
  }

  @Test
  void idsOfOneSecondSortInTheOrderTheyWereMadeUntilTheCounterWraps() {
    ObjectIdGenerator ids = new ObjectIdGenerator(clock, new SplittableRandom(1));
    String first = ids.next();
    String second = ids.next();
    clock.advance(Duration.ofSeconds(1));
    String third = ids.next();

    assertThat(counter(first)).isLessThan(0xFFFFFF);
    assertThat(List.of(first, second, third)).isSorted();
  }

  @Test
  void idsAreUniqueAcrossThreads() {
    ObjectIdGenerator ids = new ObjectIdGenerator(clock);

    List<List<String>> batches =
        Concurrently.call(
            16,
            i ->
                CompletableFuture.completedFuture(
                    IntStream.range(0, 5_000).mapToObj(n -> ids.next()).toList()));

    Set<String> all = new HashSet<>();
    batches.forEach(all::addAll);
    assertThat(all).hasSize(16 * 5_000);
  }

  @Test
  void aSeededGeneratorRepeatsItsIdsAndAnotherSeedDoesNot() {
    ObjectIdGenerator one = new ObjectIdGenerator(clock, new SplittableRandom(99));
    ObjectIdGenerator same = new ObjectIdGenerator(clock, new SplittableRandom(99));
    ObjectIdGenerator other = new ObjectIdGenerator(clock, new SplittableRandom(100));

    List<String> ones = IntStream.range(0, 5).mapToObj(i -> one.next()).toList();

    assertThat(IntStream.range(0, 5).mapToObj(i -> same.next())).containsExactlyElementsOf(ones);
    assertThat(other.next().substring(8, 18)).isNotEqualTo(ones.get(0).substring(8, 18));
  }

  @Test
  void twoGeneratorsHaveDifferentProcessBytes() {
    String a = new ObjectIdGenerator(clock).next();
    String b = new ObjectIdGenerator(clock).next();

    // Five random bytes: equal by chance once in 2^40 runs.
    assertThat(a.substring(8, 18)).isNotEqualTo(b.substring(8, 18));
  }

  private static int counter(String id) {
    return Integer.parseInt(id.substring(18), 16);
  }
}
