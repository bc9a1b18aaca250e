package io.chat.adapter.ws;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure of a client event into the code and message the client may see: refusals as
 * they are, everything else as {@code INTERNAL} without detail, logged once here.
 */
final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  record Failure(ErrorCode code, String message) {}

  private Failures() {}

  static Failure of(Throwable thrown) {
    Throwable cause = unwrap(thrown);
    if (cause instanceof ChatException refusal) {
      return new Failure(refusal.code(), refusal.getMessage());
    }
    LOG.error("A realtime event failed", cause);
    return new Failure(ErrorCode.INTERNAL, "Internal error");
  }

  static Throwable unwrap(Throwable thrown) {
    Throwable cause = thrown;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
