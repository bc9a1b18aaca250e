package io.chat.domain.message;

import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** Who pinned a message to its chat, and when. */
public record Pin(UserId by, Instant at) {
  public Pin {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
