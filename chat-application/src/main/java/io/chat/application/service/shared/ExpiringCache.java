package io.chat.application.service.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the services remember between calls to save store round trips on every send: answers kept
 * for a while, at most a bounded number of them. An answer loaded while an invalidation ran is not
 * kept, so that a change made in this process is seen by the next call here at once.
 */
public final class ExpiringCache<K, V> {
  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong invalidations = new AtomicLong();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  /** Keeps answers {@code ttl} long (zero keeps nothing), at most {@code maxEntries} of them. */
  public ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    if (ttl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("ttl and size are positive");
    }
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The kept answer for {@code key}, or the one {@code load} gives, which is kept when {@code
   * worthKeeping} says so and no invalidation ran while it loaded.
   */
  public CompletionStage<V> get(
      K key, Supplier<CompletionStage<V>> load, Predicate<V> worthKeeping) {
    if (ttl.isZero()) {
      return load.get();
    }
    Instant now = clock.instant();
    Entry<V> kept = entries.get(key);
    if (kept != null) {
      if (now.isBefore(kept.expires)) {
        return Stages.done(kept.value);
      }
      entries.remove(key, kept);
    }
    long before = invalidations.get();
    return load.get()
        .thenApply(
            value -> {
              if (worthKeeping.test(value)) {
                keep(key, new Entry<>(value, now.plus(ttl)), before);
              }
              return value;
            });
  }

  /** Keeps {@code value} for {@code key}, as if it had just been loaded. */
  public void put(K key, V value) {
    if (!ttl.isZero()) {
      keep(key, new Entry<>(value, clock.instant().plus(ttl)), invalidations.get());
    }
  }

  /** Forgets {@code key}, and anything about it still loading. */
  public void invalidate(K key) {
    invalidations.incrementAndGet();
    entries.remove(key);
  }

  private void keep(K key, Entry<V> entry, long invalidationsBefore) {
    if (entries.size() >= maxEntries) {
      // Rare and cheap to refill: a bound that needs no bookkeeping on the hot path.
      entries.clear();
    }
    entries.put(key, entry);
    // Checked after the put: an invalidation that ran during the load either is seen here, or
    // came after the put and removed it itself.
    if (invalidations.get() != invalidationsBefore) {
      entries.remove(key, entry);
    }
  }

  /** How many answers are kept (for tests). */
  int size() {
    return entries.size();
  }

  private record Entry<V>(V value, Instant expires) {}
}
