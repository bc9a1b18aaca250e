package io.chat.adapter.inmemory;

import io.chat.application.port.out.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Timers that a test moves by hand with the clock they share: {@link #advance} moves the clock and
 * fires, on the test's thread and in order, every timer due by then. Nothing fires by itself.
 */
public final class ManualTimers implements Timers {
  private final MutableClock clock;
  private final List<Pending> pending = new ArrayList<>();

  private record Pending(Instant due, long order, CompletableFuture<Void> timer) {}

  private long scheduled;

  public ManualTimers(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Void> after(Duration delay) {
    CompletableFuture<Void> timer = new CompletableFuture<>();
    pending.add(new Pending(clock.instant().plus(delay), scheduled++, timer));
    notifyAll();
    return timer;
  }

  /** Moves the clock by {@code duration}, firing what falls due on the way, earliest first. */
  public void advance(Duration duration) {
    Instant until = clock.instant().plus(duration);
    while (true) {
      Pending next;
      synchronized (this) {
        next =
            pending.stream()
                .filter(p -> !p.due().isAfter(until))
                .min(Comparator.comparing(Pending::due).thenComparingLong(Pending::order))
                .orElse(null);
        if (next != null) {
          pending.remove(next);
        }
      }
      if (next == null) {
        break;
      }
      if (next.due().isAfter(clock.instant())) {
        clock.set(next.due());
      }
      next.timer().complete(null);
    }
    clock.set(until);
  }

  /** Waits until at least {@code count} timers wait to fire (set by another thread). */
  public synchronized void awaitPending(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("only " + pending.size() + " timers set, not " + count);
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** How many timers have not fired yet. */
  public synchronized int pending() {
    return pending.size();
  }
}
