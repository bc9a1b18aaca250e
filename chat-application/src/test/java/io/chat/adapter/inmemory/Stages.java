package io.chat.adapter.inmemory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** How the in-memory stores answer: already completed, failing as a stage, never by throwing. */
final class Stages {
  private Stages() {}

  static <T> CompletionStage<T> answer(InMemoryStoreHealth health, Supplier<T> work) {
    if (!health.isUp()) {
      return CompletableFuture.failedFuture(health.outage());
    }
    try {
      return CompletableFuture.completedFuture(work.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static void requirePositive(int limit) {
    // MongoDB reads a limit of 0 as "no limit": a caller that passes one has a bug to find here.
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
