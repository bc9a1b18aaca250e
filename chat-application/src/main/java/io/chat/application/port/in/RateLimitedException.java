package io.chat.application.port.in;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import java.time.Duration;

/**
 * A user sends (or reads) faster than the limit allows; {@link #retryAfter} says when to try again.
 */
public class RateLimitedException extends ChatException {
  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    this(retryAfter, "Too many messages, slow down");
  }

  /** Another limit than the send limit (reads, requests at once), saying which. */
  public RateLimitedException(Duration retryAfter, String message) {
    super(ErrorCode.RATE_LIMITED, message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
