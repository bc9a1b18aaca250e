package io.chat.application.port.in;

import io.chat.domain.shared.ChatException;
import io.chat.domain.shared.ErrorCode;
import java.time.Duration;

/** A user sends faster than the limit allows; {@link #retryAfter} says when to try again. */
public class RateLimitedException extends ChatException {
  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super(ErrorCode.RATE_LIMITED, "Too many messages, slow down");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
