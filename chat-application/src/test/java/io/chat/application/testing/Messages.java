package io.chat.application.testing;

import io.chat.application.port.out.IdGenerator;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.message.MessageText;
import io.chat.domain.message.NewMessage;
import io.chat.domain.shared.ChatId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Object mother of messages, new and stored, with ids from a generator. */
public final class Messages {
  private final IdGenerator ids;

  public Messages(IdGenerator ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** A message about to be recorded, without a client key. */
  public NewMessage newMessage(UserId sender, String text, Instant at) {
    return new NewMessage(ids.newMessageId(), sender, MessageText.of(text), at, Optional.empty());
  }

  /** A message about to be recorded, with the sender's key for retries. */
  public NewMessage newMessage(UserId sender, String text, Instant at, String clientMessageId) {
    return new NewMessage(
        ids.newMessageId(),
        sender,
        MessageText.of(text),
        at,
        Optional.of(ClientMessageId.of(clientMessageId)));
  }

  /** A stored message at {@code seq} of {@code chat}, without a client key. */
  public Message message(ChatId chat, long seq, UserId sender, Instant at) {
    return newMessage(sender, "message " + seq, at).at(chat, seq);
  }

  /** A stored message at {@code seq} of {@code chat}, with the sender's key for retries. */
  public Message message(ChatId chat, long seq, UserId sender, Instant at, String clientMessageId) {
    return newMessage(sender, "message " + seq, at, clientMessageId).at(chat, seq);
  }
}
