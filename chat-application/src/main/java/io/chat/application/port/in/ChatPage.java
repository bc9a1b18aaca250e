package io.chat.application.port.in;

import java.util.List;
import java.util.Optional;

/** One page of a chat list; {@code nextCursor} is present when more follow. */
public record ChatPage(List<ChatView> chats, Optional<String> nextCursor) {
  public ChatPage {
    chats = List.copyOf(chats);
  }
}
