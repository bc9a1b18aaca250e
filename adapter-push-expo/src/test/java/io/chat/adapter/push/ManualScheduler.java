package io.chat.adapter.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until the test moves it, and runs timers that came due then. */
final class ManualScheduler implements Scheduler {
  private record Timer(long at, Runnable task) {}

  private final AtomicLong now = new AtomicLong();
  private final List<Timer> timers = new ArrayList<>();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    timers.add(new Timer(now.get() + delay.toNanos(), task));
    notifyAll();
  }

  synchronized int timersSet() {
    return timers.size();
  }

  /**
   * Waits until a timer is set (say, by an answer on an HTTP client thread); fails after timeout.
   */
  synchronized void awaitTimer(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (timers.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no timer set within " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Moves the clock on and runs, on this thread, the timers due by then. */
  void advance(Duration by) {
    long at = now.addAndGet(by.toNanos());
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      timers.removeIf(
          timer -> {
            boolean isDue = timer.at() <= at;
            if (isDue) {
              due.add(timer.task());
            }
            return isDue;
          });
    }
    due.forEach(Runnable::run);
  }
}
