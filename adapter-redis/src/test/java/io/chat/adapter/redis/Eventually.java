package io.chat.adapter.redis;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Awaits, in tests, what happens on another node's schedule: polls until the answer satisfies the
 * condition, failing with the last answer when it never does within the time allowed.
 */
final class Eventually {
  private static final Duration POLL = Duration.ofMillis(20);

  private Eventually() {}

  static <T> T until(Supplier<T> probe, Predicate<? super T> condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    T answer = probe.get();
    while (!condition.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still " + answer + " after " + within);
      }
      LockSupport.parkNanos(POLL.toNanos());
      answer = probe.get();
    }
    return answer;
  }
}
