package io.chat.application.port.out;

import io.chat.domain.shared.InvalidArgumentException;
import io.chat.domain.shared.MessageId;
import java.time.Instant;
import java.util.Objects;

/**
 * A place in search results, which come newest first: a message's time, then its id, both
 * descending. Travels to clients as an opaque string.
 */
public record SearchCursor(Instant createdAt, MessageId id) {
  public SearchCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  public String encode() {
    return createdAt.toEpochMilli() + "_" + id.value();
  }

  public static SearchCursor decode(String text) {
    int at = text.indexOf('_');
    try {
      return new SearchCursor(
          Instant.ofEpochMilli(Long.parseLong(text.substring(0, at))),
          MessageId.of(text.substring(at + 1)));
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("Invalid cursor");
    }
  }
}
