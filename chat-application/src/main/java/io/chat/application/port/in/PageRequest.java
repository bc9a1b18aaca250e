package io.chat.application.port.in;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;

/** Which page of a list: an opaque cursor from the previous page, and at most 200 entries. */
public record PageRequest(Optional<String> cursor, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), limit);
  }
}
