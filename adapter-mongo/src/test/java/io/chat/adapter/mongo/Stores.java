package io.chat.adapter.mongo;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: stores on fresh databases, and waiting for stages in tests. */
final class Stores {
  static final Duration TEST_TIMEOUT = Duration.ofSeconds(2);

  private Stores() {}

  /** A store on a database of its own (so on an empty one), with short timeouts. */
  static MongoStore fresh(String connectionString) {
    MongoStore store =
        MongoStore.connect(
            connectionString, "t" + UUID.randomUUID().toString().replace("-", ""), TEST_TIMEOUT);
    return done(store.createIndexes());
  }

  static <T> T done(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the stage did not complete in 30 s", e);
    }
  }

  /** The failure a stage ended with (within 30 s), or an assertion error if it succeeded. */
  static Throwable failure(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("the stage did not complete in 30 s", e);
    }
    throw new AssertionError("the stage succeeded");
  }
}
