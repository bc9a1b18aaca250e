package io.chat.adapter.http;

import io.chat.application.port.in.Actor;
import io.chat.application.port.in.RateLimitedException;
import io.chat.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps one user from slowing everybody else down ({@link HttpApiConfig.FairUse}): a bound on the
 * user's API requests in flight at once, and a budget of reads. Sends have their own limit in the
 * core. Over either, {@link RateLimitedException} ({@code 429} with {@code Retry-After}); a read
 * over the budget gets it after a delay, so that refusing a flood does not cost what serving it
 * would.
 */
final class FairUseGate {
  static final String TOO_MANY_AT_ONCE = "Too many requests at once, wait for the answers";
  static final String TOO_MANY_READS = "Too many requests, slow down";
  private static final Duration AT_ONCE_RETRY = Duration.ofSeconds(1);

  /** How long an over-budget read waits for its refusal. */
  static final Duration REFUSAL_DELAY = Duration.ofSeconds(1);

  private final HttpApiConfig.FairUse limits;
  private final ConcurrentHashMap<UserId, Integer> inFlight = new ConcurrentHashMap<>();

  FairUseGate(HttpApiConfig.FairUse limits) {
    this.limits = limits;
  }

  /** Runs {@code call} for {@code actor} (null: a public route, not limited) within its limits. */
  <T> CompletionStage<T> run(Actor actor, boolean read, Supplier<CompletionStage<T>> call) {
    if (actor == null) {
      return call.get();
    }
    UserId user = actor.id();
    int now = inFlight.merge(user, 1, Integer::sum);
    if (now > limits.maxInFlightPerUser()) {
      release(user);
      return CompletableFuture.failedFuture(
          new RateLimitedException(AT_ONCE_RETRY, TOO_MANY_AT_ONCE));
    }
    CompletionStage<Optional<Duration>> budget =
        read && limits.reads().isPresent()
            ? limits.reads().get().acquire(user)
            : CompletableFuture.completedFuture(Optional.empty());
    return budget
        .thenCompose(
            wait ->
                wait.isPresent()
                    ? FairUseGate.<T>refusedLater(
                        new RateLimitedException(wait.get(), TOO_MANY_READS))
                    : call.get())
        .whenComplete((value, failure) -> release(user));
  }

  /**
   * A refusal answered when its client may ask again ({@code Retry-After} is whole seconds: one
   * second), holding one of the user's places in flight meanwhile: a client that ignores {@code
   * Retry-After} and asks again at once gets one answer a second per connection (and at most the
   * bound in flight at once), instead of turning the server's CPU into refusals that cost as much
   * as a request. No thread waits.
   */
  private static <T> CompletableFuture<T> refusedLater(RateLimitedException refusal) {
    CompletableFuture<T> refused = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(REFUSAL_DELAY.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> refused.completeExceptionally(refusal));
    return refused;
  }

  /** A user with nothing in flight leaves the map: memory follows the users active right now. */
  private void release(UserId user) {
    inFlight.computeIfPresent(user, (k, n) -> n == 1 ? null : n - 1);
  }
}
