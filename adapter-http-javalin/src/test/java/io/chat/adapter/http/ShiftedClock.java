package io.chat.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved on by an offset a test sets: time keeps running (messages keep their
 * order, rate limits refill), and a test jumps past a window without waiting for it. Tokens are
 * checked against the real time, so they stay valid.
 */
final class ShiftedClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves the clock on by {@code duration} (for good: time never runs backwards here). */
  void advance(Duration duration) {
    offset.updateAndGet(o -> o.plus(duration));
  }

  @Override
  public Instant instant() {
    return Clock.systemUTC().instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the core reads instants only");
  }
}
