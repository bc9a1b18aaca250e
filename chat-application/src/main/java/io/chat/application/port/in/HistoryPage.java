package io.chat.application.port.in;

import java.util.List;

/**
 * One page of history, oldest first; {@code hasMore} says whether more lie in the paging direction.
 */
public record HistoryPage(List<MessageView> messages, boolean hasMore) {
  public HistoryPage {
    messages = List.copyOf(messages);
  }

  public static HistoryPage empty() {
    return new HistoryPage(List.of(), false);
  }
}
