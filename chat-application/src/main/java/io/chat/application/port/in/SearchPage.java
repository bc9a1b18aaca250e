package io.chat.application.port.in;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results, newest first (time, then id): each message as the searcher sees it in
 * its chat ({@link MessageView#chatId()}), with its quote and the searcher's own reactions as in
 * history. {@code nextCursor} is present when more follow: pass it back for the next page.
 */
public record SearchPage(List<MessageView> messages, Optional<String> nextCursor) {
  public SearchPage {
    messages = List.copyOf(messages);
  }

  public static SearchPage empty() {
    return new SearchPage(List.of(), Optional.empty());
  }

  public boolean hasMore() {
    return nextCursor.isPresent();
  }
}
