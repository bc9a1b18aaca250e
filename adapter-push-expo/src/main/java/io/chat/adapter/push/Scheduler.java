package io.chat.adapter.push;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clock and timer receipt checks are planned with: the system's (the JDK's shared delay thread,
 * no thread of our own), or a test's hand-driven one.
 */
interface Scheduler {
  Scheduler SYSTEM =
      new Scheduler() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
          CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);
        }
      };

  long nanoTime();

  /** Runs the task once, after the delay, on a thread that must not be blocked. */
  void schedule(Duration delay, Runnable task);
}
