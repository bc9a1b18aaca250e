package io.chat.adapter.inprocess;

import io.chat.application.port.out.Timers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Timers of a single process on one daemon thread; what follows a timer runs on the common pool, so
 * that a slow follower never delays the next timer.
 */
public final class InProcessTimers implements Timers, AutoCloseable {
  private final ScheduledExecutorService executor;

  public InProcessTimers() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = Executors.defaultThreadFactory().newThread(runnable);
              thread.setName("call-timers");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    this.executor = scheduler;
  }

  @Override
  public CompletionStage<Void> after(Duration delay) {
    CompletableFuture<Void> due = new CompletableFuture<>();
    executor.schedule(
        () -> {
          CompletableFuture.runAsync(() -> due.complete(null));
        },
        Math.max(0, delay.toMillis()),
        TimeUnit.MILLISECONDS);
    return due;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
