package io.chat.adapter.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before a retry: exponential with "equal jitter" (half fixed, half random, so
 * that retries of many servers spread out but never come back sooner than half the step), never
 * sooner than the service's {@code Retry-After}, and never longer than the cap.
 */
final class Backoff {
  private final Duration base;
  private final Duration max;

  Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  /**
   * The delay before the given retry (1 for the first), or empty when the service asks for a wait
   * beyond the cap: retrying sooner would ignore it, waiting that long would hold a slot.
   *
   * @param jitter a number in [0, 1)
   */
  Optional<Duration> before(int retry, Optional<Duration> retryAfter, double jitter) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(max) > 0) {
      return Optional.empty();
    }
    long step = exponential(retry).toMillis();
    long delay = step / 2 + (long) (step / 2.0 * jitter);
    Duration computed = Duration.ofMillis(delay);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(computed) > 0) {
      return retryAfter;
    }
    return Optional.of(computed);
  }

  private Duration exponential(int retry) {
    // Doubling from the base, capped before it can overflow.
    Duration step = base;
    for (int i = 1; i < retry && step.compareTo(max) < 0; i++) {
      step = step.multipliedBy(2);
    }
    return step.compareTo(max) > 0 ? max : step;
  }

  /**
   * A {@code Retry-After} header: delta-seconds or an HTTP date; empty when absent or unreadable.
   */
  static Optional<Duration> parseRetryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
