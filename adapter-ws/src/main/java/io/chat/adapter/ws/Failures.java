package io.chat.adapter.ws;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
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
    Throwable cause = io.chat.domain.shared.Failures.unwrapped(thrown);
    if (cause instanceof ChatException refusal) {
      return new Failure(refusal.code(), refusal.getMessage());
    }
    LOG.error("A realtime event failed", cause);
    return new Failure(ErrorCode.INTERNAL, "Internal error");
  }
}
