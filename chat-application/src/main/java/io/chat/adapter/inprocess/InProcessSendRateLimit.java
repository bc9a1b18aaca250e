package io.chat.adapter.inprocess;

import io.chat.application.port.out.SendRateLimit;
import io.chat.domain.shared.TokenBucket;
import io.chat.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Send rate limit for a single process: one token bucket per user, in memory. A bucket that has
 * refilled is the same as no bucket, so idle users are forgotten and memory follows the number of
 * recently active senders, not of all users ever seen.
 */
public final class InProcessSendRateLimit implements SendRateLimit {
  public static final int DEFAULT_BURST = 20;
  public static final double DEFAULT_PER_SECOND = 5;

  private final double burst;
  private final double perSecond;
  private final Clock clock;
  private final Duration refillTime;
  private final ConcurrentHashMap<UserId, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastSweep;

  @Inject
  public InProcessSendRateLimit(Clock clock) {
    this(DEFAULT_BURST, DEFAULT_PER_SECOND, clock);
  }

  /** Up to {@code burst} sends at once, {@code perSecond} sustained. */
  public InProcessSendRateLimit(int burst, double perSecond, Clock clock) {
    if (burst < 1 || !(perSecond > 0)) {
      throw new IllegalArgumentException("burst must be at least 1 and the rate positive");
    }
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refillTime = Duration.ofNanos((long) Math.ceil(burst / perSecond * 1e9));
    this.lastSweep = new AtomicReference<>(clock.instant());
  }

  @Override
  public CompletionStage<Optional<Duration>> acquire(UserId user) {
    Instant now = clock.instant();
    sweepIfDue(now);
    // Filled inside compute, which runs once per call under the map's lock for this user.
    Duration[] wait = {null};
    buckets.compute(
        user,
        (u, bucket) -> {
          TokenBucket current = bucket == null ? TokenBucket.full(burst, perSecond, now) : bucket;
          if (current.allowsAt(now)) {
            return current.takeAt(now);
          }
          wait[0] = current.waitAt(now);
          return current;
        });
    return CompletableFuture.completedFuture(Optional.ofNullable(wait[0]));
  }

  /** How many users have a bucket that is not full (as of the last sweep). */
  int trackedUsers() {
    return buckets.size();
  }

  /**
   * Once per refill time, the caller that notices drops the buckets that are full again: the sweep
   * costs one pass over the map, and no bucket outlives two refill times of idleness.
   */
  private void sweepIfDue(Instant now) {
    Instant last = lastSweep.get();
    if (Duration.between(last, now).compareTo(refillTime) < 0
        || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (UserId user : buckets.keySet()) {
      buckets.computeIfPresent(user, (u, bucket) -> isFullAt(bucket, now) ? null : bucket);
    }
  }

  private static boolean isFullAt(TokenBucket bucket, Instant now) {
    return bucket.refilledAt(now).tokens() >= bucket.capacity();
  }
}
