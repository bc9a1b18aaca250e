package io.chat.application.port.in;

import java.util.List;

/**
 * One page of history, oldest first; {@code hasMore} says whether more lie in the paging direction.
 * {@code lastChange} is the chat's change number read before the page: the page shows every
 * revision up to it, so a client that loads the page holds the chat from there on (see {@link
 * MessageLifecycleUseCase#changes}). Messages deleted for the reader are left out.
 */
public record HistoryPage(List<MessageView> messages, boolean hasMore, long lastChange) {
  public HistoryPage {
    messages = List.copyOf(messages);
  }

  public HistoryPage(List<MessageView> messages, boolean hasMore) {
    this(messages, hasMore, 0);
  }

  public static HistoryPage empty() {
    return new HistoryPage(List.of(), false, 0);
  }
}
