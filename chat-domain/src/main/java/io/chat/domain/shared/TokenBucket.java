package io.chat.domain.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: up to {@code capacity} actions in a burst, refilled at {@code perSecond}
 * sustained. Immutable: taking a token returns the next bucket.
 */
public record TokenBucket(double capacity, double perSecond, double tokens, Instant updatedAt) {
  // Refills are binary floating point: waiting exactly waitAt can land a hair under a whole token,
  // and the action it promised must not be refused for that.
  private static final double WHOLE = 1 - 1e-9;

  public TokenBucket {
    // Negated comparisons, so that NaN is refused too.
    if (!(capacity >= 1) || !(perSecond > 0) || !(tokens >= 0) || !(tokens <= capacity)) {
      throw new IllegalArgumentException("a bucket holds 0..capacity tokens and refills");
    }
  }

  public static TokenBucket full(double capacity, double perSecond, Instant now) {
    return new TokenBucket(capacity, perSecond, capacity, now);
  }

  /** The bucket at {@code now}: refilled for the time passed, never beyond capacity. */
  public TokenBucket refilledAt(Instant now) {
    if (!now.isAfter(updatedAt)) {
      return this;
    }
    // Runs on every send and realtime event: plain arithmetic, no Duration in between.
    double seconds =
        (now.getEpochSecond() - updatedAt.getEpochSecond())
            + (now.getNano() - updatedAt.getNano()) / 1e9;
    return new TokenBucket(
        capacity, perSecond, Math.min(capacity, tokens + seconds * perSecond), now);
  }

  /** Whether an action may happen now: it may while a whole token is left. */
  public boolean allowsAt(Instant now) {
    return refilledAt(now).tokens >= WHOLE;
  }

  /** The bucket after one action at {@code now}; callers check {@link #allowsAt} first. */
  public TokenBucket takeAt(Instant now) {
    TokenBucket refilled = refilledAt(now);
    if (refilled.tokens < WHOLE) {
      throw new IllegalStateException("no token left");
    }
    return new TokenBucket(
        capacity, perSecond, Math.max(0, refilled.tokens - 1), refilled.updatedAt);
  }

  /** How long until the next action is allowed (zero when one is allowed now). */
  public Duration waitAt(Instant now) {
    double left = refilledAt(now).tokens;
    return left >= WHOLE
        ? Duration.ZERO
        : Duration.ofNanos((long) Math.ceil((1 - left) / perSecond * 1e9));
  }
}
