package io.chat.adapter.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The JWKS as last loaded. Keys are served from memory; a token naming a key that is not there
 * triggers one reload (shared by every caller waiting for it, and at most one per {@code
 * minInterval} so that a flood of made-up {@code kid}s cannot hammer the key server); old keys are
 * reloaded in the background after {@code ttl}.
 */
final class JwksCache {
  private static final Instant LONG_AGO = Instant.EPOCH;

  private final Supplier<CompletableFuture<JWKSet>> loader;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minInterval;

  private volatile Snapshot current;
  private CompletableFuture<JWKSet> inFlight;
  private Instant lastFirstLoad = LONG_AGO;
  private Instant lastKidLoad = LONG_AGO;
  private long loads;

  JwksCache(
      Supplier<CompletableFuture<JWKSet>> loader, Clock clock, Duration ttl, Duration minInterval) {
    this.loader = loader;
    this.clock = clock;
    this.ttl = ttl;
    this.minInterval = minInterval;
  }

  /**
   * The key set to verify a token with this header: the cached one when it holds a matching key,
   * else the reloaded one (or the cached one when a reload is not allowed yet).
   */
  CompletionStage<JWKSet> keysFor(JWSHeader header) {
    Snapshot snapshot = current;
    if (snapshot == null) {
      return reload(false);
    }
    if (!hasKeyFor(snapshot.keys(), header)) {
      return reload(true).exceptionally(failure -> snapshot.keys());
    }
    if (snapshot.loadedAt().plus(ttl).isBefore(clock.instant())) {
      reload(false);
    }
    return CompletableFuture.completedFuture(snapshot.keys());
  }

  /** How many loads started; for tests of the rate limit. */
  synchronized long loads() {
    return loads;
  }

  private static boolean hasKeyFor(JWKSet keys, JWSHeader header) {
    return !new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys).isEmpty();
  }

  /**
   * Starts a load unless one is in flight. A load asked for by an unknown {@code kid} is refused
   * within {@code minInterval} of the previous one so asked: those are the ones a caller controls.
   * A failed first load counts too, so that an unreachable key server is not asked on every call.
   */
  private synchronized CompletableFuture<JWKSet> reload(boolean forUnknownKid) {
    if (inFlight != null) {
      return inFlight;
    }
    Instant now = clock.instant();
    boolean firstLoad = current == null;
    Instant last = firstLoad ? lastFirstLoad : lastKidLoad;
    if ((firstLoad || forUnknownKid) && now.isBefore(last.plus(minInterval))) {
      Snapshot snapshot = current;
      return snapshot != null
          ? CompletableFuture.completedFuture(snapshot.keys())
          : CompletableFuture.failedFuture(new IllegalStateException("no keys loaded yet"));
    }
    if (firstLoad) {
      lastFirstLoad = now;
    } else if (forUnknownKid) {
      lastKidLoad = now;
    }
    loads++;
    CompletableFuture<JWKSet> load;
    try {
      load = loader.get();
    } catch (RuntimeException e) {
      load = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<JWKSet> started = load;
    inFlight = started;
    return started.whenComplete(
        (keys, failure) -> {
          synchronized (this) {
            if (keys != null) {
              current = new Snapshot(keys, clock.instant());
            }
            if (inFlight == started) {
              inFlight = null;
            }
          }
        });
  }

  private record Snapshot(JWKSet keys, Instant loadedAt) {}
}
