package io.chat.domain.shared;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed {@link java.util.concurrent.CompletionStage} failed with. The JDK wraps a stage's
 * failure in {@link CompletionException} (and {@code get} in {@link ExecutionException}) as it
 * passes through dependent stages; a refusal ({@link ChatException}) or a store failure is judged
 * by what is inside. The one place that unwraps, for every module.
 */
public final class Failures {
  private Failures() {}

  /** {@code failure} without the JDK's wrappers (itself when it is not wrapped). */
  public static Throwable unwrapped(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
