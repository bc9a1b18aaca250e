package io.chat.application.service.shared;

import io.chat.application.port.out.Turns;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key, without blocking a thread: a task for a key
 * starts when the previous task for that key completed. Keys with nothing running take no memory.
 */
public final class KeyedSequencer implements Turns {
  private final ConcurrentHashMap<String, CompletableFuture<Void>> tails =
      new ConcurrentHashMap<>();

  @Override
  public <T> CompletionStage<T> run(String key, Supplier<? extends CompletionStage<T>> task) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    CompletableFuture<Void> previous = tails.put(key, finished);
    CompletableFuture<Void> start =
        previous == null ? CompletableFuture.completedFuture(null) : previous;
    CompletableFuture<T> result =
        start.thenCompose(ignored -> Stages.defer(task)).toCompletableFuture();
    result.whenComplete(
        (value, failure) -> {
          tails.remove(key, finished);
          finished.complete(null);
        });
    return result;
  }

  /** How many keys have a task running or waiting (for tests). */
  int activeKeys() {
    return tails.size();
  }
}
