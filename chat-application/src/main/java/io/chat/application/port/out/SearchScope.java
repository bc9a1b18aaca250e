package io.chat.application.port.out;

import io.chat.domain.shared.ChatId;
import java.util.Objects;

/** Where a searcher may find messages: one chat, from seq {@code fromSeq} to {@code toSeq}. */
public record SearchScope(ChatId chat, long fromSeq, long toSeq) {
  public SearchScope {
    Objects.requireNonNull(chat, "chat");
  }

  public boolean covers(long seq) {
    return seq >= fromSeq && seq <= toSeq;
  }
}
