package io.chat.adapter.push;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A worker that holds its tasks until opened, then runs them on the calling thread: a test fills
 * the adapter's queue first and then watches exactly one drain.
 */
final class GateExecutor implements Executor {
  private final List<Runnable> held = new ArrayList<>();
  private boolean open;

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (!open) {
        held.add(task);
        return;
      }
    }
    task.run();
  }

  void open() {
    List<Runnable> toRun;
    synchronized (this) {
      open = true;
      toRun = new ArrayList<>(held);
      held.clear();
    }
    toRun.forEach(Runnable::run);
  }
}
