package io.chat.application.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * Object mother of instants: fixed, and whole milliseconds, so that every store (MongoDB keeps
 * milliseconds) hands back what it was given.
 */
public final class Times {
  /** The start of every test's world. */
  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private Times() {}

  /** {@code seconds} after {@link #T0}. */
  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** {@code millis} milliseconds after {@link #T0}. */
  public static Instant atMillis(long millis) {
    return T0.plusMillis(millis);
  }

  /** {@code instant} cut to what a millisecond store keeps. */
  public static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }

  public static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
