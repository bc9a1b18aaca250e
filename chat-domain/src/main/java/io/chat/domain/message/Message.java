package io.chat.domain.message;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message: its place in the chat is {@code seq}, which starts at 1 and only grows (a
 * failed write may leave a gap, never a duplicate or a reordering).
 */
public record Message(
    MessageId id,
    ChatId chatId,
    long seq,
    UserId sender,
    MessageText text,
    Instant createdAt,
    Optional<ClientMessageId> clientMessageId) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1");
    }
  }

  public boolean isFrom(UserId user) {
    return sender.equals(user);
  }
}
