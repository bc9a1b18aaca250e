package io.chat.application.port.in;

import io.chat.domain.chat.Chat;
import io.chat.domain.group.SystemEvent;
import io.chat.domain.message.ClientMessageId;
import io.chat.domain.message.Message;
import io.chat.domain.shared.ChatId;
import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A message as one reader sees it: {@code seen} is from that reader's point of view. */
public record MessageView(
    MessageId id,
    ChatId chatId,
    UserId sender,
    String text,
    Instant timestamp,
    long seq,
    boolean seen,
    Optional<ClientMessageId> clientMessageId,
    Optional<SystemEvent> system,
    List<UserId> mentions) {

  public MessageView {
    mentions = List.copyOf(mentions);
  }

  /** A text message as a reader sees it. */
  public MessageView(
      MessageId id,
      ChatId chatId,
      UserId sender,
      String text,
      Instant timestamp,
      long seq,
      boolean seen,
      Optional<ClientMessageId> clientMessageId) {
    this(
        id,
        chatId,
        sender,
        text,
        timestamp,
        seq,
        seen,
        clientMessageId,
        Optional.empty(),
        List.of());
  }

  /** A message as {@code viewer} sees it in {@code chat}: seen from their point of view. */
  public static MessageView of(Chat chat, Message message, UserId viewer) {
    return of(message, chat.isSeen(message, viewer));
  }

  public static MessageView of(Message message, boolean seen) {
    return new MessageView(
        message.id(),
        message.chatId(),
        message.sender(),
        message.text().value(),
        message.createdAt(),
        message.seq(),
        seen,
        message.clientMessageId(),
        message.system(),
        message.mentions());
  }
}
