package io.chat.application.service.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Small helpers for composing stages, so that services never throw where they should fail. */
public final class Stages {
  private Stages() {}

  /** Runs {@code body}, turning anything it throws into a failed stage. */
  public static <T> CompletionStage<T> defer(Supplier<? extends CompletionStage<T>> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** All results in order, once every stage completed; fails as the first failure. */
  static <T> CompletionStage<List<T>> all(List<? extends CompletionStage<T>> stages) {
    List<CompletableFuture<T>> futures = new ArrayList<>(stages.size());
    for (CompletionStage<T> stage : stages) {
      futures.add(stage.toCompletableFuture());
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<T> results = new ArrayList<>(futures.size());
              futures.forEach(f -> results.add(f.getNow(null)));
              return results;
            });
  }
}
