package io.chat.application.port.in;

import java.util.List;

/**
 * The messages of a chat revised after a client's change number, lowest change first, as the caller
 * sees them now (a message deleted for the caller comes {@code hidden}, without text). The client
 * holds the chat up to {@code upTo} once it applied them, and asks again from there while {@code
 * hasMore}.
 */
public record ChangesPage(List<MessageView> messages, long upTo, boolean hasMore) {
  public ChangesPage {
    messages = List.copyOf(messages);
  }
}
