package io.chat.domain.message;

import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A message about to be stored: everything but its chat and place, which the store hands out. */
public record NewMessage(
    MessageId id,
    UserId sender,
    MessageText text,
    Instant createdAt,
    Optional<ClientMessageId> clientMessageId) {

  public NewMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(clientMessageId, "clientMessageId");
  }

  /** The stored message once the chat has handed out its place. */
  public Message at(ChatId chatId, long seq) {
    return new Message(id, chatId, seq, sender, text, createdAt, clientMessageId);
  }
}
