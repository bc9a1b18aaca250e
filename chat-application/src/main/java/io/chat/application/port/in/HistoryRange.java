package io.chat.application.port.in;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Optional;

/**
 * Which page of history: the latest, the one before a seq (paging backwards), or what came after a
 * seq (resuming after a reconnect). At most {@link #MAX_LIMIT} messages.
 */
public record HistoryRange(Optional<Long> before, Optional<Long> after, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public HistoryRange {
    if (before.isPresent() && after.isPresent()) {
      throw new InvalidArgumentException("before and after cannot be combined");
    }
    if (before.map(s -> s < 1).orElse(false) || after.map(s -> s < 0).orElse(false)) {
      throw new InvalidArgumentException("before is a seq from 1, after a seq from 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }

  public static HistoryRange latest(int limit) {
    return new HistoryRange(Optional.empty(), Optional.empty(), limit);
  }

  public static HistoryRange before(long seq, int limit) {
    return new HistoryRange(Optional.of(seq), Optional.empty(), limit);
  }

  public static HistoryRange after(long seq, int limit) {
    return new HistoryRange(Optional.empty(), Optional.of(seq), limit);
  }
}
