package io.chat.application.testing;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits, in tests only, for a port's answer: its value, or the failure it completed with. */
public final class Await {
  /** Long enough for a real database on a slow machine; only a broken adapter reaches it. */
  public static final long TIMEOUT_SECONDS = 30;

  private Await() {}

  /** The stage's value; rethrows what it failed with, unwrapped. */
  public static <T> T done(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the stage failed with, unwrapped; an assertion error when it succeeded. */
  public static Throwable failure(CompletionStage<?> stage) {
    Object value;
    try {
      value = done(stage);
    } catch (RuntimeException | Error e) {
      if (e instanceof AssertionError && e.getCause() instanceof TimeoutException) {
        throw e;
      }
      return e;
    }
    throw new AssertionError("expected a failure, got " + value);
  }
}
