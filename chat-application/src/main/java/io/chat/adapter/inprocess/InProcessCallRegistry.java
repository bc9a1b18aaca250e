package io.chat.adapter.inprocess;

import io.chat.application.port.out.CallRegistry;
import io.chat.domain.call.Call;
import io.chat.domain.call.CallId;
import io.chat.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The calls of a single process, in memory under one lock (calls are few and their changes quick).
 * Ended calls are kept for {@link #KEEP_ENDED}: each one joins a queue in the order it ended, and
 * every operation first forgets those at the queue's head that are older than that, so that the
 * work is proportional to what is forgotten and nothing is ever scanned in full.
 */
public final class InProcessCallRegistry implements CallRegistry {
  /** How long an ended call is still found, so that a late action on it is told it ended. */
  public static final Duration KEEP_ENDED = Duration.ofMinutes(10);

  private record Ended(Instant at, CallId id) {}

  private final Clock clock;
  private final Map<CallId, Call> calls = new HashMap<>();
  private final Map<UserId, CallId> live = new HashMap<>();
  private final Deque<Ended> ended = new ArrayDeque<>();

  public InProcessCallRegistry(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletionStage<Placed> place(Call call) {
    Placed placed;
    synchronized (this) {
      forgetOldEnded();
      if (calls.containsKey(call.id())) {
        placed = Placed.ID_TAKEN;
      } else if (call.isLive() && live.containsKey(call.caller())) {
        placed = Placed.CALLER_BUSY;
      } else if (call.isLive() && live.containsKey(call.callee())) {
        placed = Placed.CALLEE_BUSY;
      } else {
        calls.put(call.id(), call);
        if (call.isLive()) {
          live.put(call.caller(), call.id());
          live.put(call.callee(), call.id());
        } else {
          ended.addLast(new Ended(clock.instant(), call.id()));
        }
        placed = Placed.PLACED;
      }
    }
    return CompletableFuture.completedFuture(placed);
  }

  @Override
  public CompletionStage<Optional<Call>> find(CallId id) {
    Optional<Call> found;
    synchronized (this) {
      forgetOldEnded();
      found = Optional.ofNullable(calls.get(id));
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletionStage<Optional<Call>> liveCallOf(UserId user) {
    Optional<Call> found;
    synchronized (this) {
      found = Optional.ofNullable(live.get(user)).map(calls::get);
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public CompletionStage<Boolean> replace(long expectedVersion, Call next) {
    boolean swapped;
    synchronized (this) {
      forgetOldEnded();
      Call stored = calls.get(next.id());
      swapped = stored != null && stored.version() == expectedVersion;
      if (swapped) {
        calls.put(next.id(), next);
        if (stored.isLive() && !next.isLive()) {
          live.remove(next.caller(), next.id());
          live.remove(next.callee(), next.id());
          ended.addLast(new Ended(clock.instant(), next.id()));
        }
      }
    }
    return CompletableFuture.completedFuture(swapped);
  }

  /** Forgets the calls that ended more than {@link #KEEP_ENDED} ago (the queue's oldest first). */
  private void forgetOldEnded() {
    Instant oldest = clock.instant().minus(KEEP_ENDED);
    while (!ended.isEmpty() && ended.peekFirst().at().isBefore(oldest)) {
      calls.remove(ended.pollFirst().id());
    }
  }
}
