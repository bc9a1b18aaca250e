package io.chat.adapter.push;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker whose tasks wait until the test runs them, one at a time on its own thread: the test
 * steps the adapter, and waiting for the next task is waiting for whatever hands it over.
 */
final class StepExecutor implements Executor {
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs the next task, waiting for it at most the given time; fails the test if none comes. */
  void runNext(Duration timeout) throws InterruptedException {
    Runnable task = tasks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (task == null) {
      throw new AssertionError("no task within " + timeout);
    }
    task.run();
  }
}
